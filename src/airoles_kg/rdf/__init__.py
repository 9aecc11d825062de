"""RDF mechanics: terms, formats, parsing, canonical serialisation, SPARQL text.

Nothing here knows roles or competencies; the modules know only the project's prefixes.
"""

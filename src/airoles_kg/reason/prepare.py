"""The graph as reasoners take it, and what counts as a named inference.

>>> named("https://w3id.org/airoles/ontology#Role"), named("http://www.w3.org/2002/07/owl#Thing")
(True, False)
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from airoles_kg.namespaces import OWL, RDF

__all__ = ["LANGSTRING_NOTE", "input_graph", "named"]

_LANG_STRING = URIRef(str(RDF) + "langString")


_PLAIN_LITERAL = URIRef(str(RDF) + "PlainLiteral")


#: Told in the text report when the reasoner input was adapted.
LANGSTRING_NOTE = (
    "rdf:langString (RDF 1.1) given to the reasoner as rdf:PlainLiteral, its OWL 2 equivalent"
    " for language-tagged text, which Pellet 2.3 and HermiT 1.3 know"
)


def input_graph(graph: Graph) -> tuple[Graph, list[str]]:
    """The graph as the reasoners take it: without ``owl:imports`` (every module is merged in
    already) and with ``rdf:langString`` datatypes written as OWL 2's ``rdf:PlainLiteral``."""
    out = Graph()
    notes: list[str] = []
    for s, p, o in graph:
        if p == OWL.imports:
            continue
        if o == _LANG_STRING and not isinstance(o, Literal):
            o = _PLAIN_LITERAL
            if not notes:
                notes.append(LANGSTRING_NOTE)
        out.add((s, p, o))
    return out, notes


def named(iri: str) -> bool:
    return not iri.startswith(("http://www.w3.org/2002/07/owl#", "_:")) and "://" in iri

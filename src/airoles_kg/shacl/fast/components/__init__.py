"""The constraint components, one module per family (as pySHACL's ``constraints/core``):
per-value checks (value type, range, string-based, ``in``, ``hasValue`` and the logical ones
over per-value shapes), cardinality, string-based set checks, property pairs, logical
combinations of shapes, shape-based (qualified) counts, other (closed, hasValue on a path)
and SPARQL-based constraints. Each reads a shape's parameters and reports into
:class:`~airoles_kg.shacl.fast.results.Results`."""

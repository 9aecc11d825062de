"""Fast SHACL validation: shapes compiled to set-at-a-time SPARQL over an embedded Oxigraph store.

Each shape becomes a few SPARQL queries that return *every* focus node (and value) in
violation at once, instead of pySHACL's node-by-node evaluation in Python:

* the focus nodes of a shape are a pattern binding ``?this`` (``sh:targetClass`` with
  ``rdfs:subClassOf*`` read from the data, implicit class targets, ``sh:targetNode``,
  ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``); a target made of several parts is computed
  once into a scratch named graph, dropped afterwards (:mod:`.targets`);
* per-value constraints (class, datatype with lexical checks, nodeKind, in, hasValue, pattern,
  lengths, languageIn, ranges) become one filter each, and ``sh:node``/``and``/``or``/``not``/
  ``xone``/``qualifiedValueShape`` over shapes made only of such constraints are compiled into
  the same expressions; cardinalities and value checks of a property shape share one pass
  (:mod:`.components.value`, :mod:`.components.cardinality`);
* other nested shapes are evaluated the same way on the pattern that produces their value
  nodes, and combined over sets in Python (:mod:`.components.logical`,
  :mod:`.components.shape_based`); equals/disjoint/lessThan(OrEquals), uniqueLang and closed
  have their own queries;
* SPARQL-based constraints (``sh:sparql``, with ``sh:prefixes``, ``$PATH``, ``$currentShape``
  and ``sh:message`` templates) are pre-bound by joining the focus pattern first into their
  top-level ``WHERE`` group, ``?this`` left unbound (the standard set-at-a-time rewriting);
  those whose ``$this`` a join cannot reach (sub-queries, ``VALUES``, ``MINUS``, filters on
  ``$this`` in nested groups) are not compiled. A top-level ``FILTER NOT EXISTS`` over triple
  patterns becomes ``MINUS``, which Oxigraph runs as one anti-join (:mod:`.components.sparql`).

A shape that uses anything else (a custom constraint component, a blank node constant, a
recursive shape, SHACL-AF rules...) is validated by pySHACL, the reference engine
(:mod:`.support` decides); :attr:`ValidationReport.engine` says which engine ran
(``"oxigraph-sparql"``, ``"pyshacl"`` or ``"oxigraph-sparql+pyshacl(N shapes)"``).

The modules, from the bottom up: :mod:`.sparql` (SPARQL text of constants), :mod:`.shapes`
(reading a shapes graph), :mod:`.paths`, :mod:`.support`, :mod:`.results` (typed raw
results), :mod:`.context` (one run: the store, its caches), :mod:`.targets`,
:mod:`.components` (one module per family of constraint components), :mod:`.compiler` (a shape
as independent parts of work), :mod:`.load` (streaming files into a store) and :mod:`.engine`
(the threads, the pySHACL fallback, the report).
"""

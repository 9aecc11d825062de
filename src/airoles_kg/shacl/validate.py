"""Choosing a SHACL engine and validating with it: the registry of engines.

pySHACL is the reference engine; the fast engine (``oxigraph``, shapes compiled to SPARQL,
pySHACL for what it cannot compile) is preferred, so ``engine="auto"`` chooses it. Another
engine registers itself as an object with :func:`register_engine`.

>>> available_engines()
['auto', 'oxigraph', 'pyshacl', 'pyshacl-oxigraph']
>>> resolve_engine("auto")
'oxigraph'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph

from airoles_kg.errors import InputError
from airoles_kg.kg.load import load_graph, load_ntriples, load_shapes, load_vocabulary
from airoles_kg.kg.vocabulary import instances
from airoles_kg.namespaces import AIR, AIRSH
from airoles_kg.shacl.engine import Engine
from airoles_kg.shacl.fast.engine import OXIGRAPH
from airoles_kg.shacl.pyshacl_engine import PYSHACL
from airoles_kg.shacl.pyshacl_oxigraph import PYSHACL_OXIGRAPH
from airoles_kg.shacl.report import ValidationReport
from airoles_kg.shacl.suggest import with_suggestions

__all__ = [
    "ENGINES",
    "available_engines",
    "register_engine",
    "resolve_engine",
    "validate",
    "validate_files",
]

#: Validation engines by name.
ENGINES: dict[str, Engine] = {}
#: Engine names ``"auto"`` tries, most preferred first.
_PREFERRED: list[str] = []


def register_engine(engine: Engine, *, preferred: bool = False) -> None:
    """Make ``engine`` available by its name; ``preferred`` makes ``"auto"`` choose it."""
    ENGINES[engine.name] = engine
    if preferred and engine.name not in _PREFERRED:
        _PREFERRED.insert(0, engine.name)


register_engine(PYSHACL)
register_engine(PYSHACL_OXIGRAPH)
register_engine(OXIGRAPH, preferred=True)


def available_engines() -> list[str]:
    """The engine names ``validate`` accepts, ``"auto"`` first."""
    return ["auto", *sorted(ENGINES)]


def resolve_engine(name: str = "auto") -> str:
    """The registered engine that ``name`` designates (``"auto"``: preferred, else pySHACL)."""
    if name == "auto":
        return next((n for n in _PREFERRED if n in ENGINES), PYSHACL.name)
    if name not in ENGINES:
        choices = ", ".join(available_engines())
        raise InputError(f"unknown validation engine {name!r}; choose one of: {choices}")
    return name


def validate(
    data_graph: Graph, shapes: Graph | None = None, engine: str = "auto"
) -> ValidationReport:
    """Validate ``data_graph`` against ``shapes`` (default: the project's shapes)."""
    chosen = ENGINES[resolve_engine(engine)]
    report = chosen.validate(data_graph, shapes if shapes is not None else load_shapes())
    return with_suggestions(report, data_graph)


def validate_files(
    paths: Sequence[str | Path],
    shapes: Graph | None = None,
    engine: str = "auto",
    *,
    standalone: bool = False,
) -> ValidationReport:
    """Validate RDF files merged with the project's graph (ontology and knowledge base), so that
    a data steward's roles may reference our competencies, levels and families; ``standalone``
    merges them with the vocabulary only (:func:`~airoles_kg.kg.load.load_vocabulary`: no
    roles, no requirements of ours), so that a catalogue is judged on its own.

    With the Oxigraph engine the files are streamed straight into the store (N-Triples, Turtle,
    gzip...), never through rdflib, so a catalogue of millions of triples validates in seconds.
    """
    chosen = ENGINES[resolve_engine(engine)]
    shapes = shapes if shapes is not None else load_shapes()
    if standalone:
        graph = load_graph()
        report = _our_roles_are_known(
            chosen.validate_files(paths, shapes, load_vocabulary(graph)), graph)
    else:
        # An engine with a store of its own loads the cached build as it is: no rdflib graph.
        base = load_ntriples() if chosen.loads_ntriples else load_graph()
        report = chosen.validate_files(paths, shapes, base)
    # The closest terms come from our whole graph (from the cache): standalone, a role of ours
    # is still a name a steward may have meant.
    report = with_suggestions(report)
    return dataclasses.replace(report, standalone=standalone)


#: The shapes that check that a role relation points at a role.
_ROLE_REFERENCE_SHAPES = frozenset({AIRSH.RoleRelationShape, AIRSH.KnownRoleShape})


def _our_roles_are_known(report: ValidationReport, graph: Graph) -> ValidationReport:
    """Standalone, our roles (those of ``graph``) are neither validated nor part of the data,
    yet a steward's role that evolved from one of them names a known role: drop the results
    saying otherwise."""
    ours = set(instances(graph, [AIR.Role]))
    kept = [
        r for r in report.results
        if not (r.source_shape in _ROLE_REFERENCE_SHAPES and r.value in ours)
    ]
    return ValidationReport.from_results(kept, report.engine)

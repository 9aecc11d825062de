"""airoles-kg: a knowledge graph of AI job roles and the competencies they need.

The public API is this module's ``__all__``; the subpackages show the design (see
``docs/architecture.md``): ``rdf`` (terms, formats, parsing, canonical serialisation),
``kg`` (the graph loaded and stamped), ``backends`` (query engines behind one interface),
``catalogue`` (the SPARQL queries), ``shacl`` (the report model, the engines, the renderers),
``reason``, ``roles``, ``pipeline`` (gate, build, report, release, diff), ``net`` (servers)
and ``cli``.

    >>> import airoles_kg as ak
    >>> g = ak.load_graph()
    >>> ak.resolve_role(g, "Ingénieur IA") == ak.resolve_role(g, "ai-engineer")
    True
    >>> ak.validate(g).conforms
    True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from airoles_kg.paths import project_version

if TYPE_CHECKING:
    __version__: str

    from airoles_kg.catalogue.files import get_query, list_queries
    from airoles_kg.catalogue.run import run_query
    from airoles_kg.errors import (
        AirolesError,
        CheckFailedError,
        EndpointError,
        InputError,
        NonConformantError,
        ParseError,
        QueryError,
        ReasonerError,
        UnknownRoleError,
    )
    from airoles_kg.kg.load import load_graph, load_shapes
    from airoles_kg.kg.materialise import materialise
    from airoles_kg.pipeline.build import build
    from airoles_kg.rdf.parse import parse_file
    from airoles_kg.rdf.serialize import to_jsonld, to_ntriples, to_rdfxml, to_turtle
    from airoles_kg.roles.compare import compare_roles
    from airoles_kg.roles.names import resolve_role
    from airoles_kg.roles.summary import list_roles, role_summary
    from airoles_kg.shacl.report import ValidationReport, ValidationResult
    from airoles_kg.shacl.validate import validate, validate_files

#: Where each public name lives: the modules are imported on first use, so that importing the
#: package (as the command line does) costs nothing it does not use.
_LAZY: dict[str, str] = {
    "AirolesError": "airoles_kg.errors",
    "CheckFailedError": "airoles_kg.errors",
    "EndpointError": "airoles_kg.errors",
    "InputError": "airoles_kg.errors",
    "NonConformantError": "airoles_kg.errors",
    "ParseError": "airoles_kg.errors",
    "QueryError": "airoles_kg.errors",
    "ReasonerError": "airoles_kg.errors",
    "UnknownRoleError": "airoles_kg.errors",
    "ValidationReport": "airoles_kg.shacl.report",
    "ValidationResult": "airoles_kg.shacl.report",
    "build": "airoles_kg.pipeline.build",
    "compare_roles": "airoles_kg.roles.compare",
    "get_query": "airoles_kg.catalogue.files",
    "list_queries": "airoles_kg.catalogue.files",
    "list_roles": "airoles_kg.roles.summary",
    "load_graph": "airoles_kg.kg.load",
    "load_shapes": "airoles_kg.kg.load",
    "materialise": "airoles_kg.kg.materialise",
    "parse_file": "airoles_kg.rdf.parse",
    "resolve_role": "airoles_kg.roles.names",
    "role_summary": "airoles_kg.roles.summary",
    "run_query": "airoles_kg.catalogue.run",
    "to_jsonld": "airoles_kg.rdf.serialize",
    "to_ntriples": "airoles_kg.rdf.serialize",
    "to_rdfxml": "airoles_kg.rdf.serialize",
    "to_turtle": "airoles_kg.rdf.serialize",
    "validate": "airoles_kg.shacl.validate",
    "validate_files": "airoles_kg.shacl.validate",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":  # read when asked: reading it costs an import
        return project_version()
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "AirolesError",
    "CheckFailedError",
    "EndpointError",
    "InputError",
    "NonConformantError",
    "ParseError",
    "QueryError",
    "ReasonerError",
    "UnknownRoleError",
    "ValidationReport",
    "ValidationResult",
    "__version__",
    "build",
    "compare_roles",
    "get_query",
    "list_queries",
    "list_roles",
    "load_graph",
    "load_shapes",
    "materialise",
    "parse_file",
    "resolve_role",
    "role_summary",
    "run_query",
    "to_jsonld",
    "to_ntriples",
    "to_rdfxml",
    "to_turtle",
    "validate",
    "validate_files",
]

"""airoles-kg: a knowledge graph of AI job roles and the competencies they need.

The public API::

    >>> import airoles_kg as ak
    >>> g = ak.load_graph()
    >>> ak.resolve_role(g, "Ingénieur IA") == ak.resolve_role(g, "ai-engineer")
    True
    >>> ak.validate(g).conforms
    True
"""

from __future__ import annotations

from airoles_kg.build import build
from airoles_kg.catalogue import get_query, list_queries, run_query
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
from airoles_kg.graph import load_graph, load_shapes, materialise, parse_file
from airoles_kg.paths import project_version
from airoles_kg.roles import compare_roles, list_roles, resolve_role, role_summary
from airoles_kg.serialize import to_jsonld, to_ntriples, to_rdfxml, to_turtle
from airoles_kg.validate import ValidationReport, ValidationResult, validate, validate_files

# ``build`` and ``validate`` are also submodule names: the imports above bind the functions,
# and a later ``import airoles_kg.validate`` does not rebind them (the module is cached).

__version__: str = project_version()

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

"""The role index: what ``show`` and ``compare`` need of every role, as plain strings, built
once from the knowledge graph and cached (:mod:`airoles_kg.kg.cache`), fresh by the same
fingerprint of the sources as the graph, and by the code that makes it.

Reading it needs no rdflib (no term is kept, only ``str``, ``int`` and tuples), so a command
that shows or compares roles of the knowledge graph answers without loading the graph. The
index holds each role's names (as :func:`~airoles_kg.roles.names.resolve_role` reads them),
its summary as :func:`~airoles_kg.roles.render.format_summary` writes it, the name a
comparison gives it and its requirements; the same functions make the answers from a graph.

>>> index = load_role_index()
>>> index.show("Ingénieur IA").splitlines()[0]
'AI engineer  <https://w3id.org/airoles/role/ai-engineer>'
>>> index.compare("ai-engineer", "role:ai-engineer").splitlines()[0]
'A: AI engineer (ai-engineer)'
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from airoles_kg.kg.cache import cached_object, source_files
from airoles_kg.paths import ontology_dir
from airoles_kg.roles.compare import compare_requirements
from airoles_kg.roles.model import RoleRequirement
from airoles_kg.roles.naming import NameIndex, resolve_name
from airoles_kg.roles.render import comparison_text

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["IndexedRole", "RoleIndex", "build_role_index", "load_role_index"]

#: The code the index is made by, besides the graph's (``kg/cache.py`` names that).
_MAKERS = ("compare.py", "index.py", "model.py", "names.py", "naming.py", "render.py",
           "summary.py", "../text.py")


class IndexedRole(NamedTuple):
    """One role in the index: its IRI, its name in a comparison, its summary as text and its
    requirements (essential first, then by decreasing level)."""

    iri: str
    name: str
    summary: str
    requirements: tuple[RoleRequirement, ...]


class RoleIndex(NamedTuple):
    """Every role of the knowledge graph, by IRI, with the index of their names."""

    names: NameIndex[str]
    roles: dict[str, IndexedRole]

    def resolve(self, name: str) -> IndexedRole:
        """The role called ``name``, as :func:`~airoles_kg.roles.names.resolve_role` finds it
        (the same errors)."""
        return self.roles[resolve_name(self.names, name)]

    def show(self, name: str) -> str:
        """The summary of the role called ``name``, as ``show`` prints it."""
        return self.resolve(name).summary

    def compare(self, a: str, b: str) -> str:
        """The comparison of the roles called ``a`` and ``b``, as ``compare`` prints it."""
        role_a, role_b = self.resolve(a), self.resolve(b)
        comparison = compare_requirements(role_a.iri, role_b.iri, role_a.requirements,
                                          role_b.requirements)
        return comparison_text(role_a.name, role_b.name, comparison)


def _plain(requirement: RoleRequirement) -> RoleRequirement:
    """``requirement`` with its IRIs as plain strings (no rdflib term)."""

    def text(value: str | None) -> str | None:
        return None if value is None else str.__str__(value)

    return RoleRequirement(
        competency=str.__str__(requirement.competency),
        competency_label=str.__str__(requirement.competency_label),
        level=text(requirement.level),
        level_label=str.__str__(requirement.level_label),
        rank=requirement.rank,
        importance=text(requirement.importance),
        importance_label=str.__str__(requirement.importance_label),
        sources=tuple(str.__str__(s) for s in requirement.sources),
    )


def build_role_index(graph: Graph) -> RoleIndex:
    """The index of every role of ``graph``, made by the functions that answer from a graph."""
    from airoles_kg.roles.names import role_name, role_names
    from airoles_kg.roles.render import format_summary
    from airoles_kg.roles.summary import summary_of

    names = role_names(graph)
    roles: dict[str, IndexedRole] = {}
    for role in names.by_iri.values():
        summary = summary_of(graph, role)
        iri = str.__str__(role)
        roles[iri] = IndexedRole(
            iri=iri,
            name=role_name(graph, role),
            summary=format_summary(summary),
            requirements=tuple(_plain(r) for r in summary.requirements),
        )
    plain = NameIndex(
        by_iri={iri: iri for iri in roles},
        tiers=tuple({key: {str.__str__(r) for r in found} for key, found in tier.items()}
                    for tier in names.tiers),
        suggestions=dict(names.suggestions),
        prefixes=dict(names.prefixes),
    )
    return RoleIndex(plain, roles)


def _code() -> str:
    """A digest of the code the index is made by, rdflib's version included (its
    ``__init__.py`` names it), read without importing rdflib."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    files = [here / name for name in _MAKERS]
    spec = importlib.util.find_spec("rdflib")
    if spec is not None and spec.origin:
        files.append(Path(spec.origin))
    for path in files:
        data = path.read_bytes()
        digest.update(f"{path.name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def load_role_index() -> RoleIndex:
    """The index of the knowledge graph's roles (``ontology/*.ttl``), from the cache when the
    sources and the code are unchanged; else built from the graph (and cached)."""

    def build() -> RoleIndex:
        from airoles_kg.kg.load import load_graph

        return build_role_index(load_graph())

    return cached_object("roles", source_files(ontology_dir()), build, _code())

"""A role's requirements and a comparison of two roles, as plain data (no rdflib: the cached
role index holds them as plain strings; read from a graph, the IRIs are rdflib ``URIRef``\\ s,
which are strings too). Named tuples, cheap to define: ``show`` and ``compare`` load this
module on every run."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["ComparedCompetency", "RoleComparison", "RoleRequirement"]


class RoleRequirement(NamedTuple):
    """One requirement of a role: the competency at a level, essential or optional."""

    competency: str
    competency_label: str
    level: str | None
    level_label: str
    rank: int | None
    importance: str | None
    importance_label: str
    sources: tuple[str, ...] = ()


class ComparedCompetency(NamedTuple):
    """A competency in a comparison, with the level each role asks for (``None``: not asked)."""

    competency: str
    label: str
    level_a: str | None
    rank_a: int | None
    level_b: str | None
    rank_b: int | None


class RoleComparison(NamedTuple):
    """Two roles' competencies: shared, required by the first only, by the second only."""

    role_a: str
    role_b: str
    shared: list[ComparedCompetency]
    only_a: list[ComparedCompetency]
    only_b: list[ComparedCompetency]

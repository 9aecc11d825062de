"""Two roles compared: the competencies they share and those only one requires, with levels.

The comparison is made from the two roles' requirement lists (:func:`compare_requirements`),
read from a graph (:func:`compare_roles`) or from the cached role index; it gives what the
catalogue's ``compare-roles`` query gives, one line per competency. This module imports no
rdflib until a graph is compared.

>>> from airoles_kg.kg.load import load_graph
>>> comparison = compare_roles(load_graph(), "ai-engineer", "ml-infrastructure-engineer")
>>> "Python" in [c.label for c in comparison.shared]
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from airoles_kg.roles.model import ComparedCompetency, RoleComparison, RoleRequirement
from airoles_kg.roles.naming import resolve_name

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

__all__ = ["ComparedCompetency", "RoleComparison", "compare_requirements", "compare_roles"]


def _asked(requirements: Sequence[RoleRequirement]) -> dict[str, RoleRequirement]:
    """The requirements that ask for a level (one with a rank), by competency; when a role
    states a competency twice (a shape flags that), the highest level."""
    out: dict[str, RoleRequirement] = {}
    for requirement in requirements:
        if requirement.level is None or requirement.rank is None:
            continue
        previous = out.get(requirement.competency)
        if previous is None or requirement.rank > (previous.rank or 0):
            out[requirement.competency] = requirement
    return out


def compare_requirements(role_a: str, role_b: str, requirements_a: Sequence[RoleRequirement],
                         requirements_b: Sequence[RoleRequirement]) -> RoleComparison:
    """Compare two roles by their requirements, as the ``compare-roles`` query does: every
    competency either role requires is shared when both ask for a level of it, required by
    the first only when the first alone does, else by the second only; each list is sorted by
    label."""
    labels: dict[str, str] = {}
    for requirement in (*requirements_a, *requirements_b):
        labels.setdefault(requirement.competency, requirement.competency_label)
    asked_a, asked_b = _asked(requirements_a), _asked(requirements_b)
    shared: list[ComparedCompetency] = []
    only_a: list[ComparedCompetency] = []
    only_b: list[ComparedCompetency] = []
    for competency, label in labels.items():
        a, b = asked_a.get(competency), asked_b.get(competency)
        item = ComparedCompetency(
            competency=competency, label=label,
            level_a=a.level if a else None, rank_a=a.rank if a else None,
            level_b=b.level if b else None, rank_b=b.rank if b else None,
        )
        (shared if a and b else only_a if a else only_b).append(item)

    def ordered(items: list[ComparedCompetency]) -> list[ComparedCompetency]:
        return sorted(items, key=lambda c: (c.label.casefold(), str(c.competency)))

    return RoleComparison(role_a, role_b, ordered(shared), ordered(only_a), ordered(only_b))


def compare_roles(graph: Graph, a: URIRef | str, b: URIRef | str) -> RoleComparison:
    """Compare two roles of ``graph`` (any names :func:`~airoles_kg.roles.names.resolve_role`
    takes)."""
    from airoles_kg.roles.names import role_names
    from airoles_kg.roles.summary import role_requirements

    names = role_names(graph)
    role_a, role_b = resolve_name(names, a), resolve_name(names, b)
    return compare_requirements(role_a, role_b, role_requirements(graph, role_a),
                                role_requirements(graph, role_b))

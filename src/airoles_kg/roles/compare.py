"""Two roles compared: the competencies they share and those only one requires, with levels.

>>> from airoles_kg.kg.load import load_graph
>>> comparison = compare_roles(load_graph(), "ai-engineer", "ml-infrastructure-engineer")
>>> "Python" in [c.label for c in comparison.shared]
True
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef

from airoles_kg.backends.base import Backend
from airoles_kg.catalogue.run import run_query
from airoles_kg.roles.names import label, resolve_role
from airoles_kg.roles.summary import int_value

__all__ = ["ComparedCompetency", "RoleComparison", "compare_roles"]


@dataclass(frozen=True)
class ComparedCompetency:
    """A competency in a comparison, with the level each role asks for (``None``: not asked)."""

    competency: URIRef
    label: str
    level_a: URIRef | None
    rank_a: int | None
    level_b: URIRef | None
    rank_b: int | None


@dataclass(frozen=True)
class RoleComparison:
    """Two roles' competencies: shared, required by the first only, by the second only."""

    role_a: URIRef
    role_b: URIRef
    shared: list[ComparedCompetency]
    only_a: list[ComparedCompetency]
    only_b: list[ComparedCompetency]


def compare_roles(graph: Graph, a: URIRef | str, b: URIRef | str, *,
                  backend: Backend | None = None) -> RoleComparison:
    """Compare two roles (any names :func:`resolve_role` takes) with the catalogue's
    ``compare-roles`` query, run on ``backend`` if given (holding the same graph), else on
    ``graph`` itself."""
    role_a, role_b = resolve_role(graph, a), resolve_role(graph, b)
    result = run_query("compare-roles", {"roleA": role_a, "roleB": role_b},
                       graph if backend is None else backend)
    groups: dict[str, dict[URIRef, ComparedCompetency]] = {"shared": {}, "only-A": {}, "only-B": {}}
    for row in result.as_dicts():
        competency = row["competency"]
        assert isinstance(competency, URIRef)
        level_a, level_b = row.get("levelA"), row.get("levelB")
        item = ComparedCompetency(
            competency=competency,
            label=str(row["competencyLabel"]) if "competencyLabel" in row else label(
                graph, competency
            ),
            level_a=level_a if isinstance(level_a, URIRef) else None,
            rank_a=int_value(row.get("rankA")),
            level_b=level_b if isinstance(level_b, URIRef) else None,
            rank_b=int_value(row.get("rankB")),
        )
        # One row per competency; if a role states a competency twice (a shape flags that),
        # keep the highest level so the comparison stays one line per competency.
        bucket = groups[str(row["status"])]
        previous = bucket.get(competency)
        if previous is None or (item.rank_a or 0, item.rank_b or 0) > (
            previous.rank_a or 0, previous.rank_b or 0
        ):
            bucket[competency] = item

    def ordered(bucket: dict[URIRef, ComparedCompetency]) -> list[ComparedCompetency]:
        return sorted(bucket.values(), key=lambda c: (c.label.casefold(), str(c.competency)))

    return RoleComparison(
        role_a, role_b, ordered(groups["shared"]), ordered(groups["only-A"]),
        ordered(groups["only-B"]),
    )

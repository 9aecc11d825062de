"""The roles that fit a person, with the gap to each, from the ``match-roles`` query.

The person's competencies are bound as rows of the query (``have``, ``haveRank``), so every
engine answers alike. For each role, the fit is the share of its requirements the person meets,
weighted by importance (essential twice optional) and crediting a rank below the required one
in proportion: ``sum(weight * min(have, required) / required) / sum(weight)``. Roles are ranked
by fit, then by fewer missing essential competencies; a role of which the person has nothing is
left out. Each role's gap lists the missing essential competencies first, then the essential
ones under the required level, then the optional ones (missing, then under level).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rdflib import Graph

from airoles_kg.backends.base import Backend
from airoles_kg.catalogue.run import run_query
from airoles_kg.crosswalk.profile import Holding
from airoles_kg.namespaces import AIR

__all__ = ["Gap", "RoleFit", "match_roles"]

_WEIGHT = {"essential": 2.0, "optional": 1.0}
_ORDER = {("essential", "missing"): 0, ("essential", "under-level"): 1,
          ("optional", "missing"): 2, ("optional", "under-level"): 3}


@dataclass(frozen=True)
class Gap:
    """One requirement the person does not meet: what is needed and what they have."""

    competency: str
    label: str
    importance: str  # essential or optional
    required_rank: int
    person_rank: int
    status: str  # missing or under-level

    @property
    def gap(self) -> int:
        return self.required_rank - self.person_rank


@dataclass(frozen=True)
class RoleFit:
    """How a person fits one role."""

    role: str
    label: str
    fit: float
    met: int
    requirements: int
    gaps: tuple[Gap, ...] = field(default=())

    @property
    def missing_essential(self) -> int:
        return sum(1 for g in self.gaps if g.importance == "essential" and g.status == "missing")


def _importance(iri: str) -> str:
    return "essential" if iri == str(AIR.Essential) else "optional"


def match_roles(backend: Backend | Graph, holdings: Sequence[Holding]) -> list[RoleFit]:
    """The roles ranked by fit to ``holdings`` (best first), each with its gaps."""
    rows = [{"have": h.competency, "haveRank": str(h.rank)} for h in holdings]
    result = run_query("match-roles", {}, backend, rows=rows)
    by_role: dict[str, list[dict[str, str]]] = {}
    labels: dict[str, str] = {}
    for row in result.as_dicts():
        role = str(row["role"])
        labels.setdefault(role, str(row.get("roleLabel", role)))
        by_role.setdefault(role, []).append({k: str(v) for k, v in row.items()})
    fits = []
    for role, requirements in by_role.items():
        total = score = 0.0
        met = 0
        gaps = []
        for r in requirements:
            importance = _importance(r["importance"])
            required, have = int(r["requiredRank"]), int(r["personRank"])
            weight = _WEIGHT[importance]
            total += weight
            score += weight * min(have, required) / required
            if r["status"] == "met":
                met += 1
            else:
                gaps.append(Gap(r["competency"], r.get("competencyLabel", r["competency"]),
                                importance, required, have, r["status"]))
        if score == 0:
            continue
        gaps.sort(key=lambda g: (_ORDER[(g.importance, g.status)], -g.gap, g.label))
        fits.append(RoleFit(role, labels[role], round(score / total, 4), met,
                            len(requirements), tuple(gaps)))
    fits.sort(key=lambda f: (-f.fit, f.missing_essential, f.label, f.role))
    return fits

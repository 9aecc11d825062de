"""Every catalogue query with sample parameters, and the answer in a comparable form.

Used to show that every backend (rdflib, embedded Oxigraph, a remote endpoint) gives the same
answers. A required parameter without a sample value fails the guard test, so a new catalogue
query cannot slip past the comparison.
"""

from __future__ import annotations

from dataclasses import dataclass

from airoles_kg.backends.base import Backend, Rows
from airoles_kg.backends.compare import canonical_rows, canonical_term
from airoles_kg.catalogue.files import CatalogueQuery, list_queries
from airoles_kg.catalogue.run import run_query

__all__ = ["SAMPLES", "Case", "answer", "catalogue_cases", "difference"]

#: Sample values by parameter name (CURIEs and plain text, as a user would type them).
SAMPLES: dict[str, tuple[str, ...]] = {
    "role": ("role:ai-engineer",),
    "roleA": ("role:ml-infrastructure-engineer",),
    "roleB": ("role:ai-engineer",),
    "fromRole": ("role:data-engineer",),
    "toRole": ("role:ml-infrastructure-engineer",),
    "ancestor": ("role:ux-designer",),
    "family": ("fam:ai-engineering",),
    "competency": ("comp:semantic-modelling",),
    "root": ("comp:design",),
    "source": ("src:salesforce",),
    "text": ("designer", "ingénieur"),
    "lang": ("fr",),
    "minRank": ("3",),
    "have": ("comp:python",),
    "haveRank": ("3",),
}


@dataclass(frozen=True)
class Case:
    """One run of one catalogue query."""

    query: CatalogueQuery
    params: tuple[tuple[str, str], ...]

    @property
    def id(self) -> str:
        args = ",".join(f"{k}={v}" for k, v in self.params)
        return f"{self.query.name}({args})"


def catalogue_cases() -> list[Case]:
    """Each query (checks included) with its required parameters only, then with all of them;
    a parameter with several sample values gives one case per value."""
    cases: list[Case] = []
    for cq in list_queries(include_checks=True):
        required = [p.name for p in cq.params if p.required]
        every = [p.name for p in cq.params]
        variants: list[list[tuple[str, str]]] = []
        for names in (required, every) if every != required else (required,):
            variants.append([(n, SAMPLES.get(n, ("",))[0]) for n in names])
        for name in every:
            for extra in SAMPLES.get(name, ())[1:]:
                variant = {n: SAMPLES.get(n, ("",))[0] for n in required}
                variant[name] = extra
                variants.append(list(variant.items()))
        seen: set[tuple[tuple[str, str], ...]] = set()
        for variant in variants:
            key = tuple(sorted(variant))
            if key not in seen:
                seen.add(key)
                cases.append(Case(cq, key))
    return cases


def answer(case: Case, backend: Backend) -> object:
    """The answer of ``case`` on ``backend``, canonicalised (sorted rows, terms by value)."""
    result = run_query(case.query, dict(case.params), backend)
    if result.form == "SELECT":
        return ("SELECT", result.variables, canonical_rows(Rows(result.variables, result.rows)))
    if result.form == "ASK":
        return ("ASK", result.boolean)
    assert result.graph is not None
    return ("GRAPH", sorted(tuple(map(canonical_term, t)) for t in result.graph))


def difference(remote: object, local: object) -> str:
    """What differs between two answers, in a few lines (for an assertion message)."""
    if not (isinstance(remote, tuple) and isinstance(local, tuple)) or remote[0] != "SELECT":
        return f"remote {remote!r} != local {local!r}"
    there, here = set(remote[2]), set(local[2])
    only_there = sorted(there - here, key=repr)[:2]
    only_here = sorted(here - there, key=repr)[:2]
    return (f"{len(there)} rows remote, {len(here)} local; "
            f"only remote: {only_there}; only local: {only_here}")

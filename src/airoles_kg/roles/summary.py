"""What is known about a role (labels, definitions, lineage, requirements), and the role list.

>>> from airoles_kg.kg.load import load_graph
>>> summary = role_summary(load_graph(), "ai-engineer")
>>> summary.labels["en"], summary.requirements[0].importance_label
('AI engineer', 'Essential')
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from airoles_kg.namespaces import AIR, DCTERMS, SKOS
from airoles_kg.roles.model import RoleRequirement
from airoles_kg.roles.names import label, resolve_role, role_iris, slug

__all__ = [
    "RoleListing",
    "RoleRequirement",
    "RoleSummary",
    "int_value",
    "list_roles",
    "role_requirements",
    "role_summary",
    "summary_of",
]


@dataclass(frozen=True)
class RoleSummary:
    """What is known about one role."""

    iri: URIRef
    slug: str
    labels: dict[str, str]
    alt_labels: dict[str, list[str]]
    definitions: dict[str, str]
    families: list[tuple[URIRef, str]]
    sources: list[tuple[URIRef, str]]
    requirements: list[RoleRequirement]
    evolved_from: list[tuple[URIRef, str]]
    specialization_of: list[tuple[URIRef, str]]
    related: list[tuple[URIRef, str]]
    responsibilities: dict[str, list[str]] = field(default_factory=dict)


def _by_lang(graph: Graph, node: Node, predicate: URIRef) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for value in graph.objects(node, predicate):
        if isinstance(value, Literal):
            out.setdefault(value.language or "", []).append(" ".join(str(value).split()))
    return {lang: sorted(values) for lang, values in sorted(out.items())}


def _linked(graph: Graph, node: Node, predicate: URIRef) -> list[tuple[URIRef, str]]:
    return sorted(
        ((o, label(graph, o)) for o in graph.objects(node, predicate) if isinstance(o, URIRef)),
        key=lambda pair: str(pair[0]),
    )


def int_value(node: Node | None) -> int | None:
    """The integer value of a literal, or ``None``."""
    value = node.value if isinstance(node, Literal) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _rank(graph: Graph, level: Node | None) -> int | None:
    return int_value(graph.value(level, AIR.rank)) if level is not None else None


def _requirement(graph: Graph, requirement: Node) -> RoleRequirement | None:
    competency = graph.value(requirement, AIR.competency)
    if not isinstance(competency, URIRef):
        return None
    level = graph.value(requirement, AIR.proficiencyLevel)
    importance = graph.value(requirement, AIR.importance)
    return RoleRequirement(
        competency=competency,
        competency_label=label(graph, competency),
        level=level if isinstance(level, URIRef) else None,
        level_label=label(graph, level) if level is not None else "",
        rank=_rank(graph, level),
        importance=importance if isinstance(importance, URIRef) else None,
        importance_label=label(graph, importance) if importance is not None else "",
        sources=tuple(sorted(
            (s for s in graph.objects(requirement, DCTERMS.source) if isinstance(s, URIRef)),
            key=str,
        )),
    )


def _requirement_order(r: RoleRequirement) -> tuple[int, int, str]:
    essential = 0 if r.importance == AIR.Essential else 1
    return (essential, -(r.rank or 0), r.competency_label.casefold())


def role_requirements(graph: Graph, role: URIRef) -> list[RoleRequirement]:
    """The requirements of ``role`` (an IRI), essential first, then by decreasing level."""
    requirements = [
        r for q in graph.objects(role, AIR.hasRequirement) if (r := _requirement(graph, q))
    ]
    return sorted(requirements, key=_requirement_order)


def role_summary(graph: Graph, iri: URIRef | str) -> RoleSummary:
    """Labels, definitions, family, sources, requirements (essential first, then by level),
    lineage and related roles of a role (``iri`` may be any name :func:`resolve_role` takes)."""
    return summary_of(graph, resolve_role(graph, iri))


def summary_of(graph: Graph, role: URIRef) -> RoleSummary:
    """:func:`role_summary` of a role already resolved to its IRI."""
    return RoleSummary(
        iri=role,
        slug=slug(role),
        labels={lang: values[0] for lang, values in _by_lang(graph, role, SKOS.prefLabel).items()},
        alt_labels=_by_lang(graph, role, SKOS.altLabel),
        definitions={
            lang: values[0] for lang, values in _by_lang(graph, role, SKOS.definition).items()
        },
        families=_linked(graph, role, AIR.family),
        sources=_linked(graph, role, DCTERMS.source),
        requirements=role_requirements(graph, role),
        evolved_from=_linked(graph, role, AIR.evolvedFrom),
        specialization_of=_linked(graph, role, AIR.specializationOf),
        related=sorted(
            {*_linked(graph, role, AIR.relatedRole),
             *((s, label(graph, s)) for s in graph.subjects(AIR.relatedRole, role)
               if isinstance(s, URIRef))},
            key=lambda pair: str(pair[0]),
        ),
        responsibilities=_by_lang(graph, role, AIR.responsibility),
    )


@dataclass(frozen=True)
class RoleListing:
    """One line of the role list."""

    iri: URIRef
    slug: str
    label_en: str
    label_fr: str
    families: tuple[str, ...]
    requirements: int


def list_roles(graph: Graph) -> list[RoleListing]:
    """Every role, sorted by slug, with its labels, families and number of requirements."""
    return [
        RoleListing(
            iri=role,
            slug=slug(role),
            label_en=label(graph, role, "en"),
            label_fr=label(graph, role, "fr"),
            families=tuple(sorted(slug(f) for f in graph.objects(role, AIR.family))),
            requirements=len(set(graph.objects(role, AIR.hasRequirement))),
        )
        for role in sorted(role_iris(graph), key=slug)
    ]

"""Roles by name: resolution, summaries, comparisons and listings.

A role is named by its slug (``ai-engineer``), its IRI, a CURIE (``role:ai-engineer``) or an
English or French label (preferred or alternative), ignoring case, accents and punctuation.

>>> from airoles_kg.graph import load_graph
>>> g = load_graph()
>>> resolve_role(g, "AI Engineer") == resolve_role(g, "role:ai-engineer")
True
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from airoles_kg.errors import InputError, UnknownRoleError
from airoles_kg.namespaces import AIR, DCTERMS, PREFIXES, RDF, RDFS, ROLE, SKOS

__all__ = [
    "ComparedCompetency",
    "RoleComparison",
    "RoleListing",
    "RoleRequirement",
    "RoleSummary",
    "compare_roles",
    "format_comparison",
    "format_role_list",
    "format_summary",
    "label",
    "list_roles",
    "resolve_resource",
    "resolve_role",
    "role_iris",
    "role_summary",
    "slug",
]


_NOT_IN_IRI = re.compile(r'[\s<>"{}|^`\\]')


def _fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: ``"Ingénieur IA"`` -> ``"ingenieur ia"``.

    >>> _fold("  AI-Engineer ") == _fold("ai engineer") == "ai engineer"
    True
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def slug(iri: Node) -> str:
    """The slug of a role IRI (its last path segment)."""
    text = str(iri)
    return text[len(str(ROLE)) :] if text.startswith(str(ROLE)) else re.split(r"[/#]", text)[-1]


def label(graph: Graph, node: Node, lang: str = "en") -> str:
    """The ``skos:prefLabel`` (else ``rdfs:label``, ``dcterms:title``) of ``node`` in ``lang``,
    else in any language, else the last segment of its IRI."""
    for predicate in (SKOS.prefLabel, RDFS.label, DCTERMS.title):
        values = [v for v in graph.objects(node, predicate) if isinstance(v, Literal)]
        for wanted in (lang, "", None):
            for value in sorted(values, key=str):
                if wanted is None or (value.language or "") == wanted:
                    return str(value)
    return slug(node)


def role_iris(graph: Graph) -> list[URIRef]:
    """Every role in ``graph`` (instances of ``air:Role`` or of its subclasses), sorted."""
    classes = {AIR.Role, *graph.transitive_subjects(RDFS.subClassOf, AIR.Role)}
    return sorted(
        {r for c in classes for r in graph.subjects(RDF.type, c) if isinstance(r, URIRef)}, key=str
    )


def _index(graph: Graph, roles: list[URIRef]) -> list[dict[str, set[URIRef]]]:
    """Folded names to resources, in three tiers of priority: slug, preferred label (or title),
    alternative label."""
    tiers: list[dict[str, set[URIRef]]] = [{}, {}, {}]
    for role in roles:
        names: list[tuple[int, str]] = [(0, slug(role))]
        names += [
            (1, str(v)) for p in (SKOS.prefLabel, DCTERMS.title) for v in graph.objects(role, p)
        ]
        names += [(2, str(v)) for v in graph.objects(role, SKOS.altLabel)]
        for tier, name in names:
            key = _fold(name)
            if key:
                tiers[tier].setdefault(key, set()).add(role)
    return tiers


def _suggestions(graph: Graph, roles: list[URIRef], name: str) -> list[str]:
    """Up to three slugs whose slug or English label is closest to ``name``."""
    candidates: dict[str, str] = {}
    for role in roles:
        candidates.setdefault(_fold(slug(role)), slug(role))
        candidates.setdefault(_fold(label(graph, role, "en")), slug(role))
    close = difflib.get_close_matches(_fold(name), list(candidates), n=6, cutoff=0.5)
    out: list[str] = []
    for key in close:
        if candidates[key] not in out:
            out.append(candidates[key])
    return out[:3]


def _iri_candidates(name: str | URIRef) -> tuple[str, list[URIRef]]:
    """``name`` stripped (and unwrapped from ``<...>``), with the IRIs it may stand for: itself,
    and its expansion if it is a CURIE with one of our prefixes."""
    text = str(name).strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, sep, local = text.partition(":")
    if not sep or _NOT_IN_IRI.search(text):
        return text, []
    candidates = [URIRef(text)]
    if prefix in PREFIXES:
        candidates.append(URIRef(PREFIXES[prefix] + local))
    return text, candidates


def _match_name(graph: Graph, resources: list[URIRef], text: str, what: str,
                show: Callable[[URIRef], str], use: str) -> URIRef | None:
    """The one resource whose slug or label is ``text`` (tier by tier); ``None`` if none; an
    :class:`~airoles_kg.errors.InputError` naming them if several share it."""
    key = _fold(text)
    for tier in _index(graph, resources):
        matches = tier.get(key, set())
        if len(matches) == 1:
            return next(iter(matches))
        if len(matches) > 1:
            names = ", ".join(sorted(show(m) for m in matches))
            raise InputError(f"{what} {text!r} is ambiguous: it names {names}; use {use}")
    return None


def resolve_role(graph: Graph, name: str | URIRef) -> URIRef:
    """The IRI of the role called ``name``; :class:`UnknownRoleError` with suggestions if none.

    A name shared by several roles (an alternative label, say) is an
    :class:`~airoles_kg.errors.InputError` that lists them.
    """
    roles = role_iris(graph)
    known = set(roles)
    text, candidates = _iri_candidates(name)
    for candidate in candidates:
        if candidate in known:
            return candidate
    found = _match_name(graph, roles, text, "role name", slug, "a slug")
    if found is not None:
        return found
    raise UnknownRoleError(text, _suggestions(graph, roles, text))


def _curie(iri: URIRef) -> str:
    for prefix, namespace in PREFIXES.items():
        if str(iri).startswith(namespace) and "/" not in str(iri)[len(namespace) :]:
            return f"{prefix}:{str(iri)[len(namespace):]}"
    return f"<{iri}>"


def resolve_resource(graph: Graph, name: str | URIRef) -> URIRef:
    """The IRI of a role, competency, family or source named by IRI, CURIE, slug or label
    (roles first). Used for the IRI parameters of catalogue queries.

    >>> from airoles_kg.graph import load_graph
    >>> str(resolve_resource(load_graph(), "Python"))
    'https://w3id.org/airoles/competency/python'
    """
    try:
        return resolve_role(graph, name)
    except UnknownRoleError:
        pass
    text, candidates = _iri_candidates(name)
    for candidate in candidates:
        if (candidate, None, None) in graph:
            return candidate
    resources = sorted(
        {s for p in (SKOS.prefLabel, DCTERMS.title) for s in graph.subjects(p, None)
         if isinstance(s, URIRef)},
        key=str,
    )
    found = _match_name(graph, resources, text, "name", _curie, "a CURIE")
    if found is not None:
        return found
    key = _fold(text)
    names = {_fold(slug(r)): r for r in resources}
    names.update({_fold(label(graph, r)): r for r in resources})
    close = difflib.get_close_matches(key, sorted(names), n=3, cutoff=0.6)
    hint = f"; did you mean: {', '.join(_curie(names[c]) for c in close)}?" if close else ""
    raise InputError(
        f"unknown name {text!r}: no role, competency, family or source is called so{hint}"
    )


# --- summaries ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleRequirement:
    """One requirement of a role: the competency at a level, essential or optional."""

    competency: URIRef
    competency_label: str
    level: URIRef | None
    level_label: str
    rank: int | None
    importance: URIRef | None
    importance_label: str
    sources: tuple[URIRef, ...] = ()


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


def _rank(graph: Graph, level: Node | None) -> int | None:
    return _int(graph.value(level, AIR.rank)) if level is not None else None


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


def role_summary(graph: Graph, iri: URIRef | str) -> RoleSummary:
    """Labels, definitions, family, sources, requirements (essential first, then by level),
    lineage and related roles of a role (``iri`` may be any name :func:`resolve_role` takes)."""
    role = resolve_role(graph, iri)
    requirements = [
        r for q in graph.objects(role, AIR.hasRequirement) if (r := _requirement(graph, q))
    ]
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
        requirements=sorted(requirements, key=_requirement_order),
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


# --- comparisons ----------------------------------------------------------------------------


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


def _int(node: Node | None) -> int | None:
    """The integer value of a literal, or ``None``."""
    value = node.value if isinstance(node, Literal) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def compare_roles(graph: Graph, a: URIRef | str, b: URIRef | str) -> RoleComparison:
    """Compare two roles (any names :func:`resolve_role` takes) with the catalogue's
    ``compare-roles`` query."""
    from airoles_kg.catalogue import run_query

    role_a, role_b = resolve_role(graph, a), resolve_role(graph, b)
    result = run_query("compare-roles", {"roleA": role_a, "roleB": role_b}, graph)
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
            rank_a=_int(row.get("rankA")),
            level_b=level_b if isinstance(level_b, URIRef) else None,
            rank_b=_int(row.get("rankB")),
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


# --- listings -------------------------------------------------------------------------------


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


# --- text renderings ------------------------------------------------------------------------


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def format_role_list(roles: list[RoleListing]) -> str:
    """The role list as an aligned table."""
    rows = [[r.slug, r.label_en, r.label_fr, ", ".join(r.families), str(r.requirements)]
            for r in roles]
    lines = _table(["slug", "English", "French", "family", "requirements"], rows)
    return "\n".join([*lines, f"{len(roles)} roles"]) + "\n"


def _names(pairs: list[tuple[URIRef, str]]) -> str:
    return ", ".join(f"{label_} ({slug(iri)})" for iri, label_ in pairs)


def format_summary(summary: RoleSummary) -> str:
    """A role summary as text."""
    title = summary.labels.get("en") or summary.slug
    lines = [f"{title}  <{summary.iri}>"]
    for lang in sorted(summary.labels):
        if lang != "en":
            lines.append(f"  label ({lang or '-'}): {summary.labels[lang]}")
    for lang, values in summary.alt_labels.items():
        lines.append(f"  also ({lang or '-'}): {'; '.join(values)}")
    for lang, text in summary.definitions.items():
        lines.append(f"  definition ({lang or '-'}): {text}")
    for caption, pairs in (
        ("family", summary.families),
        ("evolved from", summary.evolved_from),
        ("specialisation of", summary.specialization_of),
        ("related", summary.related),
        ("sources", summary.sources),
    ):
        if pairs:
            lines.append(f"  {caption}: {_names(pairs)}")
    for lang, values in summary.responsibilities.items():
        if lang in ("en", ""):
            lines.append("  responsibilities:")
            lines.extend(f"    - {v}" for v in values)
    lines.append(f"  requirements ({len(summary.requirements)}):")
    rows = [
        [r.importance_label, r.level_label + (f" ({r.rank})" if r.rank else ""),
         r.competency_label, slug(r.competency)]
        for r in summary.requirements
    ]
    header = ["importance", "level", "competency", "id"]
    lines.extend("    " + line for line in _table(header, rows))
    return "\n".join(lines) + "\n"


def _level(level: URIRef | None, rank: int | None) -> str:
    if level is None:
        return "-"
    return f"{slug(level)} ({rank})" if rank is not None else slug(level)


def format_comparison(graph: Graph, comparison: RoleComparison) -> str:
    """A comparison as three tables: shared, only the first role, only the second."""
    name_a = f"{label(graph, comparison.role_a)} ({slug(comparison.role_a)})"
    name_b = f"{label(graph, comparison.role_b)} ({slug(comparison.role_b)})"
    lines = [f"A: {name_a}", f"B: {name_b}", ""]
    sections = (
        (f"Shared ({len(comparison.shared)})", comparison.shared, True, True),
        (f"Only A ({len(comparison.only_a)})", comparison.only_a, True, False),
        (f"Only B ({len(comparison.only_b)})", comparison.only_b, False, True),
    )
    for caption, items, show_a, show_b in sections:
        lines.append(caption)
        header = ["competency", *(["level A"] if show_a else []), *(["level B"] if show_b else [])]
        rows = [
            [c.label, *([_level(c.level_a, c.rank_a)] if show_a else []),
             *([_level(c.level_b, c.rank_b)] if show_b else [])]
            for c in items
        ]
        if rows:
            lines.extend("  " + line for line in _table(header, rows))
        else:
            lines.append("  (none)")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"

"""Roles as text: the role list, a role summary and a comparison, as aligned tables.

>>> from airoles_kg.kg.load import load_graph
>>> from airoles_kg.roles.summary import list_roles
>>> format_role_list(list_roles(load_graph())).splitlines()[0].split()
['slug', 'English', 'French', 'family', 'requirements']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from airoles_kg.roles.model import RoleComparison
from airoles_kg.roles.naming import slug
from airoles_kg.text import table

if TYPE_CHECKING:  # only types here: the text is made without rdflib (see roles/index.py)
    from rdflib import Graph

    from airoles_kg.roles.summary import RoleListing, RoleSummary

__all__ = ["comparison_text", "format_comparison", "format_role_list", "format_summary"]


def format_role_list(roles: list[RoleListing]) -> str:
    """The role list as an aligned table."""
    rows = [[r.slug, r.label_en, r.label_fr, ", ".join(r.families), str(r.requirements)]
            for r in roles]
    lines = table(["slug", "English", "French", "family", "requirements"], rows)
    return "\n".join([*lines, f"{len(roles)} roles"]) + "\n"


def _names(pairs: Sequence[tuple[str, str]]) -> str:
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
    lines.extend("    " + line for line in table(header, rows))
    return "\n".join(lines) + "\n"


def _level(level: str | None, rank: int | None) -> str:
    if level is None:
        return "-"
    return f"{slug(level)} ({rank})" if rank is not None else slug(level)


def format_comparison(graph: Graph, comparison: RoleComparison) -> str:
    """A comparison of two roles of ``graph`` as text (:func:`comparison_text`)."""
    from airoles_kg.roles.names import role_name

    return comparison_text(role_name(graph, comparison.role_a),
                           role_name(graph, comparison.role_b), comparison)


def comparison_text(name_a: str, name_b: str, comparison: RoleComparison) -> str:
    """A comparison as three tables: shared, only the first role (``name_a``), only the
    second."""
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
            lines.extend("  " + line for line in table(header, rows))
        else:
            lines.append("  (none)")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"

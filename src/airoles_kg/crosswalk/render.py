"""The roles that fit a person and the search hits, as an aligned table, CSV or JSON.

CSV has one row per role and gap (a role with no gap has one row with empty gap cells) so
that a spreadsheet can filter it; JSON nests the gaps in their role.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from airoles_kg.crosswalk.fit import RoleFit
from airoles_kg.crosswalk.profile import Holding
from airoles_kg.crosswalk.search import SearchHit
from airoles_kg.errors import InputError
from airoles_kg.rdf.terms import short_iri
from airoles_kg.text import table

__all__ = ["FORMATS", "format_fits", "format_hits"]

FORMATS = ("table", "csv", "json")
_FIT_COLUMNS = ["rank", "role", "label", "fit", "met", "requirements", "gap_competency",
                "gap_label", "importance", "required_rank", "person_rank", "status"]


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")


def _csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def format_fits(fits: Sequence[RoleFit], holdings: Sequence[Holding], fmt: str = "table") -> str:
    """``fits`` (best first) for the person with ``holdings``."""
    _check(fmt)
    if fmt == "json":
        document = {
            "competencies": [{"competency": str(h.competency), "given": h.given, "rank": h.rank}
                             for h in holdings],
            "roles": [
                {"rank": n, "role": f.role, "label": f.label, "fit": f.fit, "met": f.met,
                 "requirements": f.requirements,
                 "gaps": [{"competency": g.competency, "label": g.label,
                           "importance": g.importance, "required_rank": g.required_rank,
                           "person_rank": g.person_rank, "gap": g.gap, "status": g.status}
                          for g in f.gaps]}
                for n, f in enumerate(fits, start=1)
            ],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        rows: list[list[object]] = []
        for n, f in enumerate(fits, start=1):
            head: list[object] = [n, f.role, f.label, f"{f.fit:.4f}", f.met, f.requirements]
            if not f.gaps:
                rows.append([*head, "", "", "", "", "", ""])
            for g in f.gaps:
                rows.append([*head, g.competency, g.label, g.importance, g.required_rank,
                             g.person_rank, g.status])
        return _csv(_FIT_COLUMNS, rows)
    if not fits:
        return "No role requires any of these competencies.\n"
    lines = table(["rank", "role", "fit", "met", "missing essential"],
                  [[str(n), f"{f.label} ({short_iri(f.role)})", f"{f.fit:.0%}",
                    f"{f.met}/{f.requirements}", str(f.missing_essential)]
                   for n, f in enumerate(fits, start=1)])
    for n, f in enumerate(fits, start=1):
        lines += ["", f"{n}. {f.label} ({short_iri(f.role)}): fit {f.fit:.0%}, "
                      f"{f.met} of {f.requirements} requirements met"]
        if not f.gaps:
            lines.append("  no gap")
            continue
        lines += ["  " + line for line in table(
            ["gap", "competency", "importance", "required", "has"],
            [[g.status, g.label, g.importance, str(g.required_rank), str(g.person_rank)]
             for g in f.gaps])]
    return "\n".join(lines) + "\n"


def format_hits(hits: Sequence[SearchHit], fmt: str = "table") -> str:
    """Search hits, best first."""
    _check(fmt)
    if fmt == "json":
        return json.dumps([{"resource": h.resource, "type": h.type, "label": h.label,
                            "language": h.language, "label_kind": h.label_kind,
                            "score": h.score} for h in hits],
                          indent=2, ensure_ascii=False) + "\n"
    header = ["type", "resource", "label", "language", "label_kind", "score"]
    rows = [[h.type, h.resource if fmt == "csv" else short_iri(h.resource), h.label,
             h.language, h.label_kind, str(h.score)] for h in hits]
    if fmt == "csv":
        return _csv(header, rows)
    if not hits:
        return "Nothing found.\n"
    return "\n".join(table(["type", "iri", "matched label", "lang", "label", "score"],
                           rows)) + "\n"

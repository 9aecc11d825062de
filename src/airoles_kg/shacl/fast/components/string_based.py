"""String-based constraints on the set of values: ``sh:uniqueLang``.

(The per-value ones, ``sh:pattern``, lengths and ``sh:languageIn``, are in
:mod:`~airoles_kg.shacl.fast.components.value`.)
"""

from __future__ import annotations

from rdflib.namespace import SH
from rdflib.term import Node

from airoles_kg.shacl.fast.context import Context
from airoles_kg.shacl.fast.results import Results

__all__ = ["unique_lang"]

# rdflib's SH namespace checks each name it is asked for (microseconds): the
# components a result names are looked up once, not once per result.
_UNIQUE_LANG = SH.UniqueLangConstraintComponent


def unique_lang(ctx: Context, shape: Node, focus: str, path: str | None, found: Results) -> None:
    """Report the focus nodes with two values of ``path`` in the same language."""
    if path is None or not ctx.shapes.truthy(shape, SH.uniqueLang):
        return
    query = (
        f"SELECT DISTINCT ?this WHERE {{ {focus} ?this {path} ?_a . ?this {path} ?_b . "
        'FILTER(isLiteral(?_a) && lang(?_a) != "" && !sameTerm(?_a, ?_b) '
        "&& lcase(lang(?_a)) = lcase(lang(?_b))) }"
    )
    for sol in ctx.select(query):
        found.add(sol["this"], None, _UNIQUE_LANG)

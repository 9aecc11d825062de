"""The project's one rule from O*NET ratings to our requirement qualifiers.

O*NET rates each Skills and Knowledge element of an occupation on two scales: Level (``LV``,
0 to 7) and Importance (``IM``, 1 to 5). Our requirements carry a Dreyfus proficiency level
(rank 1 to 5) and an importance (essential or optional). The conversion is the project's own
modelling choice, not O*NET's, and the data says so (:data:`RULE_NOTE`):

* level: the range 0–7 is cut into five equal bands of width 1.4, the first band being
  Novice: ``rank = min(5, 1 + floor(LV / 1.4))`` (0–1.39 Novice, 1.4–2.79 Advanced beginner,
  2.8–4.19 Competent, 4.2–5.59 Proficient, 5.6–7 Expert);
* importance: essential when ``IM >= 3.5`` (:data:`ESSENTIAL_FROM`, halfway between
  O*NET's "Important" (3) and "Very important" (4)), optional below;
* an element whose Level row is flagged Not Relevant is not a requirement;
* a Technology Skills commodity with a Hot Technology example is a requirement at the level
  Competent (O*NET gives no level), essential when one of its examples is flagged In Demand,
  optional otherwise.

>>> convert_rating(level=4.62, importance=4.12)
(rdflib.term.URIRef('https://w3id.org/airoles/ontology#Proficient'), rdflib.term.URIRef('https://w3id.org/airoles/ontology#Essential'))
>>> [rank_of_level(v) for v in (0, 1.39, 1.4, 2.8, 4.2, 5.6, 7)]
[1, 1, 2, 3, 4, 5, 5]
>>> convert_technology(in_demand=False)[1] == AIR.Optional
True
"""

from __future__ import annotations

import math

from rdflib import URIRef

from airoles_kg.namespaces import AIR

__all__ = [
    "ESSENTIAL_FROM",
    "LEVELS",
    "RULE_NOTE",
    "TECHNOLOGY_LEVEL",
    "convert_rating",
    "convert_technology",
    "rank_of_level",
]

#: Our proficiency levels by Dreyfus rank.
LEVELS: dict[int, URIRef] = {
    1: AIR.Novice, 2: AIR.AdvancedBeginner, 3: AIR.Competent, 4: AIR.Proficient, 5: AIR.Expert,
}
#: The lowest O*NET Importance (IM) that makes a requirement essential.
ESSENTIAL_FROM = 3.5
#: The level of a requirement on a hot technology (O*NET rates no level for technologies).
TECHNOLOGY_LEVEL: URIRef = AIR.Competent
_BAND = 7 / 5

#: The note every converted requirement carries.
RULE_NOTE = (
    "Converted from O*NET 29.2 ratings by the airoles-kg rule (the project's modelling choice, "
    "not O*NET's): Level 0-7 in five equal bands of 1.4 to the Dreyfus ranks 1-5; essential "
    "when Importance >= 3.5 on the 1-5 scale, optional below; a hot technology at Competent, "
    "essential when in demand."
)


def rank_of_level(level: float) -> int:
    """The Dreyfus rank (1–5) of an O*NET Level (0–7)."""
    if not 0 <= level <= 7:
        raise ValueError(f"an O*NET Level is between 0 and 7, not {level}")
    return min(5, 1 + math.floor(level / _BAND + 1e-9))


def convert_rating(level: float, importance: float) -> tuple[URIRef, URIRef]:
    """Our proficiency level and importance for an O*NET Level (0–7) and Importance (1–5)."""
    if not 1 <= importance <= 5:
        raise ValueError(f"an O*NET Importance is between 1 and 5, not {importance}")
    essential = importance >= ESSENTIAL_FROM
    return LEVELS[rank_of_level(level)], AIR.Essential if essential else AIR.Optional


def convert_technology(in_demand: bool) -> tuple[URIRef, URIRef]:
    """Our proficiency level and importance for a hot technology of an occupation."""
    return TECHNOLOGY_LEVEL, AIR.Essential if in_demand else AIR.Optional

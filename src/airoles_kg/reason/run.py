"""OWL reasoning over the graph: HermiT or Pellet through owlready2, or an OWL 2 RL closure.

:func:`reason` checks that the ontology is consistent, lists its unsatisfiable classes with
the axioms that mention them, and returns what the reasoner inferred: new class memberships
(individual -> type) and new subclass links. The OWL 2 DL reasoners (HermiT by default,
Pellet on request) run in Java (:mod:`airoles_kg.reason.java` finds one). ``engine="owlrl"``
runs the pure-Python OWL 2 RL closure of the ``owlrl`` package instead: sound but incomplete
(weaker), for machines without Java.

>>> from rdflib import Graph
>>> reason(Graph(), engine="hermit")
Traceback (most recent call last):
...
airoles_kg.errors.InputError: unknown engine 'hermit': use one of owlready2, owlrl
"""

from __future__ import annotations

from rdflib import Graph

from airoles_kg.errors import InputError, ReasonerError
from airoles_kg.reason.java import find_java, parse_heap, required_java
from airoles_kg.reason.owlready import reason_owlready
from airoles_kg.reason.owlrl_engine import reason_owlrl
from airoles_kg.reason.result import ReasonerResult

__all__ = ["ENGINES", "REASONERS", "choose_reasoner", "reason"]

#: The OWL 2 DL reasoners owlready2 bundles, and the engines that can run them.
REASONERS: tuple[str, ...] = ("hermit", "pellet")
ENGINES: tuple[str, ...] = ("owlready2", "owlrl")


def reason(
    graph: Graph,
    *,
    reasoner: str = "hermit",
    engine: str = "owlready2",
    java_heap: str = "2g",
    java: str | None = None,
) -> ReasonerResult:
    """Reason over ``graph`` with ``engine`` (``owlready2`` runs ``reasoner``, or ``owlrl``).

    Raises :class:`ReasonerError` when the reasoner cannot run (no Java, a Java crash, an
    ontology outside OWL 2 DL), :class:`InputError` for an unknown engine or reasoner.
    """
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    if reasoner not in REASONERS:
        raise InputError(f"unknown reasoner {reasoner!r}: use one of {', '.join(REASONERS)}")
    heap_mb = parse_heap(java_heap)
    if engine == "owlrl":
        return reason_owlrl(graph)
    return reason_owlready(graph, reasoner, heap_mb, java)


def choose_reasoner() -> tuple[str, str]:
    """``("owlready2", "hermit")`` when a Java for HermiT is found, else ``("owlrl", "owlrl")``."""
    try:
        find_java(required_java("hermit"))
    except ReasonerError:
        return "owlrl", "owlrl"
    return "owlready2", "hermit"

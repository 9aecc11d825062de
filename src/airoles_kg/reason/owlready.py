"""HermiT and Pellet, the OWL 2 DL reasoners owlready2 bundles, run in Java."""

from __future__ import annotations

import contextlib
import io
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from rdflib import Graph, URIRef

from airoles_kg.errors import ReasonerError
from airoles_kg.namespaces import OWL, RDF, RDFS
from airoles_kg.reason.axioms import disjointness_clashes, dl_problems
from airoles_kg.reason.java import find_java, required_java
from airoles_kg.reason.prepare import input_graph
from airoles_kg.reason.result import ReasonerResult, inferred_links, unsatisfiable_classes

__all__ = ["DL_LABEL", "reason_owlready"]

#: How the text report names an OWL 2 DL reasoner.
DL_LABEL = "OWL 2 DL reasoner (complete for OWL 2 DL)"


def _one_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for line in lines:
        if "Exception" in line or "Error" in line or "error" in line:
            return line[:300]
    return (lines[0] if lines else "no output")[:300]


@contextlib.contextmanager
def _private_tempdir(folder: str) -> Iterator[None]:
    """Make ``folder`` the temporary folder of the ``tempfile`` module while owlready2 runs:
    it writes its input for Java there (``NamedTemporaryFile(delete=False)``) and leaves it
    behind when the ontology is inconsistent or Java fails; the folder is removed after."""
    saved = tempfile.tempdir
    tempfile.tempdir = folder
    try:
        yield
    finally:
        tempfile.tempdir = saved


def reason_owlready(
    graph: Graph, reasoner: str, heap_mb: int, java: str | None
) -> ReasonerResult:
    """Run ``reasoner`` (``hermit`` or ``pellet``) with ``heap_mb`` MiB of Java heap."""
    import owlready2
    import owlready2.reasoning

    problems = dl_problems(graph)
    if problems:
        raise ReasonerError(
            "the ontology is not OWL 2 DL, the reasoner cannot load it: " + "; ".join(problems)
        )
    java = java or find_java(required_java(reasoner))
    owlready2.JAVA_EXE = java
    owlready2.reasoning.JAVA_MEMORY = heap_mb
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="airoles-reason-") as tmp:
        path = Path(tmp) / "input.nt"
        prepared, notes = input_graph(graph)
        prepared.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        consistent = True
        explanation: list[str] = []
        sink = io.StringIO()
        try:
            with contextlib.redirect_stderr(sink), contextlib.redirect_stdout(sink), \
                    _private_tempdir(tmp):
                world.get_ontology(path.as_uri()).load(format="ntriples")
                if reasoner == "pellet":
                    owlready2.sync_reasoner_pellet(world, debug=0)
                else:
                    owlready2.sync_reasoner_hermit(world, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            consistent = False
        except owlready2.OwlReadyJavaError as exc:
            raise ReasonerError(f"{reasoner} failed: {_one_line(str(exc))}") from None
        except owlready2.OwlReadyOntologyParsingError as exc:
            raise ReasonerError(f"owlready2 cannot load the graph: {_one_line(str(exc))}") from None
        except OSError as exc:
            raise ReasonerError(f"cannot run Java ({java}): {exc.strerror or exc}") from None
        seconds = time.perf_counter() - start
        label = f"{reasoner.capitalize() if reasoner == 'pellet' else 'HermiT'}: {DL_LABEL}"
        if not consistent:
            explanation = disjointness_clashes(graph) or [
                "the reasoner gives no explanation; look for individuals in disjoint classes,"
                " functional properties with two values, or values outside a oneOf"
            ]
            return ReasonerResult("owlready2", reasoner, label, False, seconds,
                                  explanation=explanation, java=java, notes=notes)
        unsat: set[str] = set()
        inferred = Graph()
        for s, p, o in world.get_ontology("http://inferrences/").get_triples():
            subject, predicate = world._unabbreviate(s), world._unabbreviate(p)
            obj = world._unabbreviate(o) if isinstance(o, int) else str(o)
            if predicate == str(OWL.equivalentClass) and obj == str(OWL.Nothing):
                unsat.add(subject)
                continue
            triple = (URIRef(subject), URIRef(predicate), URIRef(obj))
            if predicate in (str(RDF.type), str(RDFS.subClassOf)) and triple not in graph:
                inferred.add(triple)
        types, subclasses = inferred_links(inferred)
        kept = Graph()  # only the links between named classes and individuals
        for link in types:
            kept.add((URIRef(link.subject), RDF.type, URIRef(link.object)))
        for link in subclasses:
            kept.add((URIRef(link.subject), RDFS.subClassOf, URIRef(link.object)))
        return ReasonerResult(
            "owlready2", reasoner, label, True, seconds,
            unsatisfiable=unsatisfiable_classes(graph, unsat), inferred_types=types,
            inferred_subclasses=subclasses, inferred=kept, java=java, notes=notes,
        )

"""The build: validate the knowledge graph, then write it as Turtle, N-Triples, JSON-LD and
RDF/XML, byte-identical from run to run.

Nothing is written unless the graph passes the gate (:mod:`.gate`): it conforms to the shapes
(:class:`NonConformantError`) and every ``ERROR``-level check in ``queries/checks/`` passes
(:class:`CheckFailedError`). All four files are serialised in memory first, then written as one
set (:func:`~airoles_kg.atomic.atomic_file_set`): into a staging folder next to the output folder,
swapped with it in one step. A failed build (a refused gate, a full disk) leaves the output
folder as it was; a killed one leaves either the old set or the new one, never a mix, and its
temporary files are removed by the next build.

>>> sorted(render_artifacts(load_graph())) == sorted(ARTIFACTS)
True
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph

from airoles_kg.atomic import atomic_file_set, check_folder
from airoles_kg.errors import AirolesError, CheckFailedError, NonConformantError
from airoles_kg.kg.load import load_graph
from airoles_kg.pipeline.gate import Outcome, Step, conformance, error_checks, run_gate
from airoles_kg.rdf.serialize import SERIALIZERS, canonical_graph

__all__ = ["ARTIFACTS", "ARTIFACT_STEM", "build", "check_build", "render_artifacts"]

ARTIFACT_STEM = "airoles"
#: The files a build writes, in this order.
ARTIFACTS: tuple[str, ...] = tuple(f"{ARTIFACT_STEM}{ext}" for ext in SERIALIZERS)


def _refused(_number: int, name: str, outcome: Outcome) -> AirolesError:
    """The error of a build whose gate failed at step ``name``."""
    if name == "shacl":
        return NonConformantError(
            f"the graph does not conform, nothing written ({outcome.data['summary']}); "
            "run 'airoles-kg validate' for the report"
        )
    failed = outcome.data["failed"]
    return CheckFailedError(
        f"{len(failed)} check(s) failed, nothing written: {', '.join(failed)}; "
        "run 'airoles-kg query NAME' to see the offending rows"
    )


def check_build(
    graph: Graph, shapes: Graph | None = None, *, engine: str = "auto", checks: bool = True
) -> None:
    """Raise unless ``graph`` may be released: it conforms to the shapes and (if ``checks``)
    no ``ERROR``-level check query fails."""
    steps: list[Step] = [conformance(shapes, engine)]
    if checks:
        steps.append(error_checks())
    run_gate(graph, steps, _refused)


def render_artifacts(graph: Graph) -> dict[str, bytes]:
    """Every artefact's file name and bytes, serialised in memory."""
    canonical = canonical_graph(graph)
    return {f"{ARTIFACT_STEM}{ext}": write(canonical) for ext, write in SERIALIZERS.items()}


def build(
    out_dir: str | Path,
    *,
    extra: Sequence[str | Path] | None = None,
    shapes: Graph | None = None,
    engine: str = "auto",
    checks: bool = True,
) -> list[Path]:
    """Validate and write ``airoles.ttl``, ``.nt``, ``.jsonld`` and ``.owl`` to ``out_dir``;
    return the paths written. ``extra`` files are merged into the graph first."""
    out = check_folder(out_dir)  # a file in the way is said before the work, not after
    graph = load_graph(extra)
    check_build(graph, shapes, engine=engine, checks=checks)
    artifacts = render_artifacts(graph)
    _remove_old_temporaries(out)
    atomic_file_set(out, artifacts)
    return [out / name for name in artifacts]


#: The temporary files earlier versions wrote beside each artefact (``.airoles.ttl.x1y2z3w4.tmp``).
_OLD_TEMPORARY = re.compile(
    "^\\.(" + "|".join(re.escape(name) for name in ARTIFACTS) + ")\\.[A-Za-z0-9_]{8}\\.tmp$")


def _remove_old_temporaries(out: Path) -> None:
    """Remove the temporary artefacts a killed build of an earlier version left in ``out``."""
    if not out.is_dir():
        return
    for entry in out.iterdir():
        if _OLD_TEMPORARY.match(entry.name) and entry.is_file():
            with contextlib.suppress(FileNotFoundError):
                entry.unlink()

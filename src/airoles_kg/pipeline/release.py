"""Versioned releases: a gate, then base and full artefacts that are never rewritten.

The gate runs in order and stops at the first failure (:class:`CheckFailedError`, exit 1):

1. the reasoner: the ontology is consistent and has no unsatisfiable class;
2. SHACL: the graph conforms to the shapes;
3. the quality report: no finding at level ERROR;
4. the competency questions: each catalogue query with an ``expect`` header meets it (a query
   with required parameters runs with the example values its parameter descriptions give,
   "such as role:ai-engineer"), and each check expecting no rows returns none.

Then ``releases/<version>/`` receives ``airoles-base.{ttl,nt,owl,jsonld}`` (the asserted graph),
``airoles-full.{ttl,nt,owl,jsonld}`` (plus the reasoner's inferred class memberships and
subclass links), ``airoles-full.canonical.nt`` (RDFC-1.0 canonical N-Triples), ``release.json``
(what was released and which reasoner inferred) and ``SHA256SUMS``. Every byte is
deterministic. ``owl:versionIRI`` and ``owl:versionInfo`` come from ``pyproject.toml``;
``owl:priorVersion`` names the previous release found in the releases folder. A version that
was already released is never rewritten: the same content is a no-op, different content an
error. The release is staged in a folder next to its final one and renamed onto it, so a release
killed at any point leaves no partial version folder; the next release removes the staging folder
it left.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from airoles_kg.atomic import atomic_directory, clean_leftovers
from airoles_kg.errors import AirolesError, CheckFailedError, InputError
from airoles_kg.kg.load import load_graph
from airoles_kg.kg.stamp import stamp_prior_version, stamp_version
from airoles_kg.namespaces import BASE, OWL, RDF, RDFS
from airoles_kg.paths import project_version
from airoles_kg.pipeline.gate import (
    GateStep,
    Outcome,
    competency_questions,
    conformance,
    quality,
    reasoning,
    run_gate,
)
from airoles_kg.rdf.serialize import SERIALIZERS
from airoles_kg.reason.result import ReasonerResult
from airoles_kg.reason.run import choose_reasoner

__all__ = [
    "ARTEFACTS",
    "ReleaseResult",
    "build_release",
    "canonical_nquads",
    "prior_version",
    "release",
    "release_gate",
]

#: The files of a release folder, in the order of SHA256SUMS.
ARTEFACTS: tuple[str, ...] = tuple(
    sorted(
        [f"airoles-{kind}{ext}" for kind in ("base", "full") for ext in SERIALIZERS]
        + ["airoles-full.canonical.nt", "release.json", "SHA256SUMS"]
    )
)
_VERSION = re.compile(r"^\d+(\.\d+)*([.-]?[A-Za-z0-9]+)*$")


@dataclass
class ReleaseResult:
    """What :func:`release` did."""

    version: str
    directory: Path
    prior_version: str | None
    reasoner: str
    noop: bool
    files: list[str]
    gate: list[GateStep] = field(default_factory=list)
    seconds: float = 0.0


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in re.split(r"[.-]", version))


def prior_version(releases: Path, version: str) -> str | None:
    """The highest version released in ``releases`` that is lower than ``version``."""
    if not releases.is_dir():
        return None
    found = [
        d.name
        for d in releases.iterdir()
        if d.is_dir() and _VERSION.match(d.name) and (d / "SHA256SUMS").is_file()
    ]
    older = [v for v in found if _version_key(v) < _version_key(version)]
    return max(older, key=_version_key) if older else None


def _gate_failed(number: int, name: str, outcome: Outcome) -> AirolesError:
    return CheckFailedError(f"release gate failed at step {number} ({name}): {outcome.detail}")


def release_gate(graph: Graph, *, engine: str, reasoner: str, java_heap: str = "2g",
                 ) -> tuple[list[GateStep], ReasonerResult]:
    """Run the four gate steps in order (reasoner, SHACL, quality report, competency
    questions); raise :class:`CheckFailedError` at the first failure."""
    steps = run_gate(graph, [reasoning(engine, reasoner, java_heap), conformance(), quality(),
                             competency_questions()], _gate_failed)
    return steps, steps[0].data["result"]


def canonical_nquads(ntriples: bytes) -> bytes:
    """RDFC-1.0 canonical N-Triples (pyld's URDNA2015, which RDFC-1.0 standardises)."""
    from pyld import jsonld

    text = jsonld.normalize(
        ntriples.decode("utf-8"),
        {"algorithm": "URDNA2015", "inputFormat": "application/n-quads",
         "format": "application/n-quads"},
    )
    return str(text).encode("utf-8")


def _full_graph(base: Graph, result: ReasonerResult) -> Graph:
    full = Graph(bind_namespaces="none")
    for prefix, uri in base.namespaces():
        full.bind(prefix, uri, override=True, replace=True)
    full += base
    for link in result.inferred_types:
        full.add((URIRef(link.subject), RDF.type, URIRef(link.object)))
    for link in result.inferred_subclasses:
        full.add((URIRef(link.subject), RDFS.subClassOf, URIRef(link.object)))
    return full


def build_release(base: Graph, result: ReasonerResult, version: str,
                  prior: str | None, steps: list[GateStep]) -> dict[str, bytes]:
    """The bytes of every release file, by file name."""
    full = _full_graph(base, result)
    files: dict[str, bytes] = {}
    for kind, graph in (("base", base), ("full", full)):
        for ext, writer in SERIALIZERS.items():
            files[f"airoles-{kind}{ext}"] = writer(graph)
    files["airoles-full.canonical.nt"] = canonical_nquads(files["airoles-full.nt"])
    ontology = URIRef(BASE + "ontology")
    metadata = {
        "version": version,
        "prior_version": prior,
        "ontology": str(ontology),
        "version_iri": str(base.value(ontology, OWL.versionIRI) or ""),
        "reasoner": {"engine": result.engine, "name": result.reasoner, "label": result.label},
        "inferred": {
            "class_memberships": len(result.inferred_types),
            "subclass_links": len(result.inferred_subclasses),
        },
        "triples": {"base": len(base), "full": len(full)},
        "gate": [s.name for s in steps],
        "canonical": "airoles-full.canonical.nt is RDFC-1.0 (URDNA2015) canonical N-Triples",
    }
    files["release.json"] = (json.dumps(metadata, indent=2, sort_keys=True) + "\n").encode()
    sums = "".join(
        f"{hashlib.sha256(files[name]).hexdigest()}  {name}\n" for name in sorted(files)
    )
    files["SHA256SUMS"] = sums.encode()
    return files


def release(out: str | Path = "releases", *, version: str | None = None,
            engine: str | None = None, reasoner: str | None = None,
            java_heap: str = "2g", graph: Graph | None = None) -> ReleaseResult:
    """Gate, build and write the release of ``version`` (default: pyproject's) under ``out``."""
    started = time.perf_counter()
    releases = Path(out)
    if releases.exists() and not releases.is_dir():
        raise InputError(f"{releases}: not a folder")
    clean_leftovers(releases)  # the staging folders of killed releases
    version = version or project_version()
    if not _VERSION.match(version):
        raise InputError(f"invalid version {version!r}")
    if engine is None:
        engine, chosen = choose_reasoner()
        reasoner = reasoner or (chosen if engine == "owlready2" else "hermit")
    reasoner = reasoner or "hermit"
    base = stamp_version(graph if graph is not None else load_graph(), version)
    prior = prior_version(releases, version)
    stamp_prior_version(base, version, prior)
    steps, result = release_gate(base, engine=engine, reasoner=reasoner, java_heap=java_heap)
    files = build_release(base, result, version, prior, steps)
    directory = releases / version
    noop = False
    if directory.exists():
        existing = {p.name for p in directory.iterdir() if not p.name.startswith(".")}
        differing = sorted(
            name for name in set(files) | existing
            if name not in files or name not in existing
            or (directory / name).read_bytes() != files[name]
        )
        if differing:
            raise CheckFailedError(
                f"{directory}: version {version} is already released with different content "
                f"({', '.join(differing[:4])}{', ...' if len(differing) > 4 else ''}); a release "
                "is never rewritten: bump the version in pyproject.toml"
            )
        noop = True
    else:
        with atomic_directory(directory) as staging:  # an OSError names the folder
            for name, data in files.items():
                (staging / name).write_bytes(data)
    return ReleaseResult(
        version=version,
        directory=directory,
        prior_version=prior,
        reasoner=result.reasoner,
        noop=noop,
        files=sorted(files),
        gate=steps,
        seconds=time.perf_counter() - started,
    )

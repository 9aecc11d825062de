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
error.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from .catalogue import CatalogueQuery, list_checks, list_queries, run_query
from .errors import CheckFailedError, InputError, QueryError, ReasonerError
from .graph import load_graph, stamp_version
from .namespaces import BASE, OWL, RDF, RDFS
from .paths import project_version
from .reason import ReasonerResult, find_java, reason, required_java
from .report import run_report
from .serialize import to_jsonld, to_ntriples, to_rdfxml, to_turtle
from .store import OxigraphBackend

__all__ = [
    "ARTEFACTS",
    "GateStep",
    "ReleaseResult",
    "build_release",
    "canonical_nquads",
    "choose_reasoner",
    "example_params",
    "prior_version",
    "release",
    "run_gate",
]

_WRITERS: dict[str, Callable[[Graph], bytes]] = {
    "ttl": to_turtle,
    "nt": to_ntriples,
    "owl": to_rdfxml,
    "jsonld": to_jsonld,
}
#: The files of a release folder, in the order of SHA256SUMS.
ARTEFACTS: tuple[str, ...] = tuple(
    sorted(
        [f"airoles-{kind}.{ext}" for kind in ("base", "full") for ext in _WRITERS]
        + ["airoles-full.canonical.nt", "release.json", "SHA256SUMS"]
    )
)
_VERSION = re.compile(r"^\d+(\.\d+)*([.-]?[A-Za-z0-9]+)*$")
_EXAMPLE = re.compile(r"such as (?:\"([^\"]+)\"|([A-Za-z][\w-]*:[\w./-]+[\w/-]))")


@dataclass
class GateStep:
    """One step of the release gate."""

    name: str
    ok: bool
    seconds: float
    detail: str


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


def _stamp_prior(graph: Graph, version: str, prior: str | None) -> None:
    """Add ``owl:priorVersion`` to each project ontology: its version IRI at ``prior``."""
    for ontology in sorted(set(graph.subjects(RDF.type, OWL.Ontology)), key=str):
        graph.remove((ontology, OWL.priorVersion, None))
        if prior is None or not str(ontology).startswith(BASE):
            continue
        version_iri = graph.value(ontology, OWL.versionIRI)
        if version_iri is None or f"/{version}" not in str(version_iri):
            continue
        graph.add((ontology, OWL.priorVersion, URIRef(str(version_iri).replace(
            f"/{version}", f"/{prior}", 1))))


def choose_reasoner() -> tuple[str, str]:
    """``("owlready2", "hermit")`` when a Java for HermiT is found, else ``("owlrl", "owlrl")``."""
    try:
        find_java(required_java("hermit"))
    except ReasonerError:
        return "owlrl", "owlrl"
    return "owlready2", "hermit"


def example_params(query: CatalogueQuery) -> dict[str, str] | None:
    """Values for the required parameters, from the examples in their descriptions
    ("such as role:ai-engineer"); None if a required parameter gives no example."""
    values: dict[str, str] = {}
    for param in query.params:
        if not param.required:
            continue
        match = _EXAMPLE.search(param.description)
        if match is None:
            return None
        values[param.name] = match.group(1) or match.group(2)
    return values


def _competency_questions(graph: Graph) -> tuple[bool, str]:
    backend = OxigraphBackend.from_graph(graph)
    failures: list[str] = []
    ran = skipped = 0
    for query in [*list_queries(), *list_checks()]:
        expect = query.header.expect or ("no-rows" if query.is_violation_check else None)
        if expect is None:
            continue
        params = example_params(query)
        if params is None:
            skipped += 1
            continue
        try:
            result = run_query(query, params, backend)
        except QueryError as exc:
            failures.append(f"{query.name}: {exc}")
            continue
        ran += 1
        count = len(result)
        met = {
            "rows": count > 0,
            "no-rows": count == 0,
            "ask-true": result.boolean is True,
            "ask-false": result.boolean is False,
        }[expect]
        if not met:
            shown = f" with {params}" if params else ""
            failures.append(f"{query.name}{shown} expects {expect}, got {count} rows")
    detail = f"{ran} queries met their expectation" + (
        f", {skipped} skipped (required parameter without an example)" if skipped else "")
    if failures:
        return False, "; ".join(failures)
    return True, detail


def run_gate(graph: Graph, *, engine: str, reasoner: str, java_heap: str = "2g",
             ) -> tuple[list[GateStep], ReasonerResult]:
    """Run the four gate steps in order; raise :class:`CheckFailedError` at the first failure."""
    from .validate import summary, validate

    steps: list[GateStep] = []

    def step(name: str, ok: bool, start: float, detail: str) -> None:
        steps.append(GateStep(name, ok, time.perf_counter() - start, detail))
        if not ok:
            raise CheckFailedError(f"release gate failed at step {len(steps)} ({name}): {detail}")

    start = time.perf_counter()
    result = reason(graph, engine=engine, reasoner=reasoner, java_heap=java_heap)
    if not result.consistent:
        why = "; ".join(result.explanation[:3])
        step("reasoner", False, start, f"the ontology is inconsistent ({result.label}): {why}")
    if result.unsatisfiable:
        names = ", ".join(c.iri for c in result.unsatisfiable)
        step("reasoner", False, start, f"unsatisfiable classes: {names}")
    step("reasoner", True, start, f"consistent, no unsatisfiable class ({result.reasoner}); "
         f"{len(result.inferred_types)} class memberships and "
         f"{len(result.inferred_subclasses)} subclass links inferred")

    start = time.perf_counter()
    shacl = validate(graph)
    step("shacl", shacl.conforms, start, summary(shacl).strip().splitlines()[0]
         if shacl.conforms else "the graph does not conform: " + summary(shacl).strip()
         + "; run 'airoles-kg validate'")

    start = time.perf_counter()
    quality = run_report(graph)
    errors = [f for f in quality.findings if f.level == "ERROR"]
    detail = (f"{len(errors)} ERROR findings, first: {errors[0].rule} on {errors[0].subject};"
              " run 'airoles-kg report'") if errors else (
        f"no ERROR ({quality.count('WARN')} WARN, {quality.count('INFO')} INFO)")
    step("quality report", not errors, start, detail)

    start = time.perf_counter()
    ok, detail = _competency_questions(graph)
    step("competency questions", ok, start, detail)
    return steps, result


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
        for ext, writer in _WRITERS.items():
            files[f"airoles-{kind}.{ext}"] = writer(graph)
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


def _write_new(directory: Path, files: dict[str, bytes]) -> None:
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    umask = os.umask(0o022)
    os.umask(umask)
    try:
        staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; a release is for everyone
        for name, data in files.items():
            (staging / name).write_bytes(data)
        os.rename(staging, directory)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def release(out: str | Path = "releases", *, version: str | None = None,
            engine: str | None = None, reasoner: str | None = None,
            java_heap: str = "2g", graph: Graph | None = None) -> ReleaseResult:
    """Gate, build and write the release of ``version`` (default: pyproject's) under ``out``."""
    started = time.perf_counter()
    version = version or project_version()
    if not _VERSION.match(version):
        raise InputError(f"invalid version {version!r}")
    releases = Path(out)
    if releases.exists() and not releases.is_dir():
        raise InputError(f"{releases}: not a folder")
    if engine is None:
        engine, chosen = choose_reasoner()
        reasoner = reasoner or (chosen if engine == "owlready2" else "hermit")
    reasoner = reasoner or "hermit"
    base = stamp_version(graph if graph is not None else load_graph(), version)
    prior = prior_version(releases, version)
    _stamp_prior(base, version, prior)
    steps, result = run_gate(base, engine=engine, reasoner=reasoner, java_heap=java_heap)
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
        try:
            _write_new(directory, files)
        except OSError as exc:
            raise CheckFailedError(
                f"{directory}: cannot write the release ({exc.strerror or exc})") from None
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

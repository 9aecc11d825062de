"""SHACL validation with a pluggable engine, and reports for people and machines.

pySHACL is the reference engine. Another engine registers itself with :func:`register_engine`
(``preferred=True`` makes ``engine="auto"`` choose it); its function takes the data graph and the
shapes graph and returns a :class:`ValidationReport`.

A graph *conforms* when no result has severity ``Violation``; warnings and infos are reported
but do not break conformance. Results are sorted, so reports are stable from run to run.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Literal as Literal_

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import NamespaceManager
from rdflib.paths import AlternativePath, InvPath, MulPath, Path, SequencePath
from rdflib.term import Node

from airoles_kg.errors import InputError
from airoles_kg.graph import load_graph, load_shapes, new_graph
from airoles_kg.namespaces import RDF, SH, XSD

__all__ = [
    "ENGINES",
    "SEVERITIES",
    "Engine",
    "ValidationReport",
    "ValidationResult",
    "available_engines",
    "path_from_rdf",
    "path_to_rdf",
    "register_engine",
    "render",
    "render_json",
    "render_text",
    "render_turtle",
    "report_from_graph",
    "report_to_graph",
    "resolve_engine",
    "summary",
    "validate",
    "validate_files",
]

#: Severity names, most severe first, and their SHACL IRIs.
SEVERITIES: dict[str, URIRef] = {"Violation": SH.Violation, "Warning": SH.Warning, "Info": SH.Info}
_SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
_SEVERITY_NAME = {iri: name for name, iri in SEVERITIES.items()}

ResultPath = URIRef | Path


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result. ``severity`` is ``"Violation"``, ``"Warning"`` or ``"Info"``; ``path``
    is a predicate IRI or an rdflib property path (``^p``, ``p/q``, ``p*``...) or ``None``."""

    focus_node: Node
    path: ResultPath | None
    value: Node | None
    source_shape: Node
    constraint_component: URIRef
    severity: str
    message: str

    def sort_key(self) -> tuple[int, str, str, str, str, str, str]:
        """Severity first, then focus node, path, component, shape, value and message."""
        return (
            _SEVERITY_RANK.get(self.severity, len(_SEVERITY_RANK)),
            _key(self.focus_node),
            _key(self.path),
            str(self.constraint_component),
            _key(self.source_shape),
            _key(self.value),
            self.message,
        )


@dataclass
class ValidationReport:
    """The outcome of a validation: ``conforms`` is true when no result is a Violation."""

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)
    engine: str = "pyshacl"

    def count(self, severity: str) -> int:
        return sum(1 for r in self.results if r.severity == severity)

    @property
    def violations(self) -> int:
        return self.count("Violation")

    @property
    def warnings(self) -> int:
        return self.count("Warning")

    @property
    def infos(self) -> int:
        return self.count("Info")

    @property
    def focus_nodes(self) -> int:
        return len({_key(r.focus_node) for r in self.results})

    @classmethod
    def from_results(cls, results: Iterable[ValidationResult], engine: str) -> ValidationReport:
        """Sort ``results`` and derive ``conforms`` from them (no Violation)."""
        ordered = sorted(set(results), key=ValidationResult.sort_key)
        return cls(all(r.severity != "Violation" for r in ordered), ordered, engine)


Engine = Callable[[Graph, Graph], ValidationReport]

#: Validation engines by name. Other modules add theirs with :func:`register_engine`.
ENGINES: dict[str, Engine] = {}
_PREFERRED: list[str] = []
#: Modules that register an engine when imported; ``engine="auto"`` tries to import them.
_PLUGIN_MODULES = ("airoles_kg.fastshacl",)


def register_engine(name: str, engine: Engine, *, preferred: bool = False) -> None:
    """Make ``engine`` available as ``name``; ``preferred`` makes ``"auto"`` choose it."""
    ENGINES[name] = engine
    if preferred and name not in _PREFERRED:
        _PREFERRED.insert(0, name)


_PLUGIN_ERRORS: dict[str, str] = {}


def _load_plugins() -> None:
    """Import the engine plugins once; a plugin that fails to import is left out (and named in
    the error if it is asked for explicitly), so pySHACL always remains available."""
    for module in _PLUGIN_MODULES:
        if module in _PLUGIN_ERRORS or module in sys.modules:
            continue
        try:
            importlib.import_module(module)
        except ModuleNotFoundError:
            _PLUGIN_ERRORS[module] = "not installed"
        except Exception as exc:  # noqa: BLE001 - a broken plugin must not break validation
            _PLUGIN_ERRORS[module] = f"{type(exc).__name__}: {exc}"


def available_engines() -> list[str]:
    """The engine names ``validate`` accepts, ``"auto"`` first."""
    _load_plugins()
    return ["auto", *sorted(ENGINES)]


def resolve_engine(name: str = "auto") -> str:
    """The registered engine that ``name`` designates (``"auto"``: preferred, else pySHACL)."""
    _load_plugins()
    if name == "auto":
        return next((n for n in _PREFERRED if n in ENGINES), "pyshacl")
    if name not in ENGINES:
        choices = ", ".join(available_engines())
        broken = "".join(f" ({m} failed to load: {e})" for m, e in sorted(_PLUGIN_ERRORS.items()))
        raise InputError(f"unknown validation engine {name!r}; choose one of: {choices}{broken}")
    return name


def validate(
    data_graph: Graph, shapes: Graph | None = None, engine: str = "auto"
) -> ValidationReport:
    """Validate ``data_graph`` against ``shapes`` (default: the project's shapes)."""
    chosen = resolve_engine(engine)
    shapes_graph = shapes if shapes is not None else load_shapes()
    return ENGINES[chosen](data_graph, shapes_graph)


def validate_files(
    paths: Sequence[str | FilePath], shapes: Graph | None = None, engine: str = "auto"
) -> ValidationReport:
    """Validate RDF files merged with the project's graph (ontology and knowledge base), so that
    a data steward's roles may reference our competencies, levels and families.

    With the Oxigraph engine the files are streamed straight into the store (N-Triples, Turtle,
    gzip...), never through rdflib, so a catalogue of millions of triples validates in seconds.
    """
    chosen = resolve_engine(engine)
    if chosen == "oxigraph":
        from airoles_kg.fastshacl import validate_path

        shapes_graph = shapes if shapes is not None else load_shapes()
        return validate_path(list(paths), shapes_graph, base=load_graph())
    return validate(load_graph(extra=list(paths)), shapes, engine=chosen)


# --- the pySHACL engine -------------------------------------------------------------------


def _pyshacl(data_graph: Graph, shapes: Graph) -> ValidationReport:
    import pyshacl
    from pyshacl.errors import ConstraintLoadError, RuleLoadError, ShapeLoadError

    try:
        _conforms, results_graph, _text = pyshacl.validate(
            data_graph,
            shacl_graph=shapes,
            ont_graph=None,
            inference="none",
            advanced=True,
            allow_warnings=True,
            abort_on_first=False,
        )
    except (ShapeLoadError, ConstraintLoadError, RuleLoadError, NotImplementedError) as exc:
        # A broken shapes graph is bad input, not a bug: say what pySHACL found.
        detail = " ".join(str(getattr(exc, "message", exc)).split())
        raise InputError(f"the shapes cannot be used: {detail}") from None
    if not isinstance(results_graph, Graph):
        raise InputError(f"the shapes cannot be used: {' '.join(str(_text).split())}")
    return report_from_graph(results_graph, engine="pyshacl", shapes=shapes)


register_engine("pyshacl", _pyshacl)


# --- SHACL report graphs <-> dataclasses -----------------------------------------------------


def path_from_rdf(graph: Graph, node: Node) -> ResultPath:
    """Read a SHACL property path (``sh:path`` value) into an rdflib path."""
    if isinstance(node, URIRef):
        return node
    if (node, RDF.first, None) in graph:
        return SequencePath(*(path_from_rdf(graph, n) for n in Collection(graph, node)))
    if (inverse := graph.value(node, SH.inversePath)) is not None:
        return InvPath(path_from_rdf(graph, inverse))
    if (alternatives := graph.value(node, SH.alternativePath)) is not None:
        return AlternativePath(*(path_from_rdf(graph, n) for n in Collection(graph, alternatives)))
    modifiers: tuple[tuple[URIRef, Literal_["*", "+", "?"]], ...] = (
        (SH.zeroOrMorePath, "*"),
        (SH.oneOrMorePath, "+"),
        (SH.zeroOrOnePath, "?"),
    )
    for predicate, modifier in modifiers:
        if (inner := graph.value(node, predicate)) is not None:
            return MulPath(path_from_rdf(graph, inner), modifier)
    raise InputError(f"not a SHACL property path: {node!r}")


def path_to_rdf(graph: Graph, path: ResultPath) -> Node:
    """Write an rdflib path as a SHACL property path into ``graph``; return its node."""
    if isinstance(path, URIRef):
        return path
    node = BNode()
    if isinstance(path, SequencePath):
        Collection(graph, node, [path_to_rdf(graph, p) for p in path.args])
    elif isinstance(path, AlternativePath):
        items = BNode()
        Collection(graph, items, [path_to_rdf(graph, p) for p in path.args])
        graph.add((node, SH.alternativePath, items))
    elif isinstance(path, InvPath):
        graph.add((node, SH.inversePath, path_to_rdf(graph, path.arg)))
    elif isinstance(path, MulPath):
        predicate = {"*": SH.zeroOrMorePath, "+": SH.oneOrMorePath, "?": SH.zeroOrOnePath}
        graph.add((node, predicate[path.mod], path_to_rdf(graph, path.path)))
    else:
        raise TypeError(f"unsupported property path {path!r}")
    return node


def _message(graph: Graph, result: Node) -> str:
    messages = sorted(
        graph.objects(result, SH.resultMessage),
        key=lambda m: (
            0 if isinstance(m, Literal) and m.language == "en" else
            1 if isinstance(m, Literal) and not m.language else 2,
            str(m),
        ),
    )
    return " ".join(str(messages[0]).split()) if messages else ""


def report_from_graph(
    graph: Graph, *, engine: str, shapes: Graph | None = None
) -> ValidationReport:
    """Read a ``sh:ValidationReport`` graph into a sorted :class:`ValidationReport`."""
    results = []
    for result in graph.subjects(RDF.type, SH.ValidationResult):
        path_node = graph.value(result, SH.resultPath)
        path: ResultPath | None = None
        if path_node is not None:
            # pySHACL copies complex paths into the report; other engines may point at shapes.
            known = isinstance(path_node, URIRef) or (path_node, None, None) in graph
            source = graph if known or shapes is None else shapes
            path = path_from_rdf(source, path_node)
        severity = graph.value(result, SH.resultSeverity)
        component = graph.value(result, SH.sourceConstraintComponent)
        results.append(
            ValidationResult(
                focus_node=graph.value(result, SH.focusNode),  # type: ignore[arg-type]
                path=path,
                value=graph.value(result, SH.value),
                source_shape=graph.value(result, SH.sourceShape),  # type: ignore[arg-type]
                constraint_component=URIRef(str(component)),
                severity=_SEVERITY_NAME.get(severity, str(severity)),  # type: ignore[call-overload]
                message=_message(graph, result),
            )
        )
    return ValidationReport.from_results(results, engine)


def report_to_graph(report: ValidationReport) -> Graph:
    """The report as a SHACL ``sh:ValidationReport`` graph."""
    graph = new_graph()
    root = BNode()
    graph.add((root, RDF.type, SH.ValidationReport))
    graph.add((root, SH.conforms, Literal(report.conforms, datatype=XSD.boolean)))
    for r in report.results:
        node = BNode()
        graph.add((root, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.focusNode, r.focus_node))
        if r.path is not None:
            graph.add((node, SH.resultPath, path_to_rdf(graph, r.path)))
        if r.value is not None:
            graph.add((node, SH.value, r.value))
        graph.add((node, SH.sourceShape, r.source_shape))
        graph.add((node, SH.sourceConstraintComponent, r.constraint_component))
        graph.add((node, SH.resultSeverity, SEVERITIES.get(r.severity, SH.Violation)))
        if r.message:
            graph.add((node, SH.resultMessage, Literal(r.message)))
    return graph


# --- renderers ---------------------------------------------------------------------------------

_NM = NamespaceManager(new_graph(), bind_namespaces="none")


def _term(node: Node | ResultPath | None) -> str:
    """A short, stable rendering: CURIEs for our prefixes, ``[]`` for blank nodes."""
    if node is None:
        return ""
    if isinstance(node, BNode):
        return "[]"
    if isinstance(node, Path):
        return node.n3(_NM)
    if isinstance(node, URIRef):
        return _NM.curie(node, generate=False) if _compactable(node) else f"<{node}>"
    if isinstance(node, Literal):
        return node._literal_n3(use_plain=True, qname_callback=_qname)
    return str(node)


def _qname(uri: str) -> str | None:
    return _NM.curie(uri, generate=False) if _compactable(URIRef(uri)) else None


def _compactable(uri: URIRef) -> bool:
    try:
        _NM.curie(uri, generate=False)
    except (KeyError, ValueError):
        return False
    return True


def _key(node: Node | ResultPath | None) -> str:
    return "" if node is None else _term(node)


def _iri(node: Node | ResultPath | None) -> str | None:
    """Full form for JSON: IRIs as is, literals in N-Triples syntax, paths in SPARQL syntax."""
    if node is None:
        return None
    if isinstance(node, BNode):
        return "[]"
    if isinstance(node, Path):
        return node.n3()
    if isinstance(node, URIRef):
        return str(node)
    return node.n3()


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 or word == "info" else f"{count} {word}s"


def summary(report: ValidationReport) -> str:
    """``conforms: 0 violations, 2 warnings, 0 info on 2 focus nodes`` (or ``does not conform``)."""
    verdict = "conforms" if report.conforms else "does not conform"
    counts = (
        f"{_plural(report.violations, 'violation')}, "
        f"{_plural(report.warnings, 'warning')}, {_plural(report.infos, 'info')}"
    )
    where = f" on {_plural(report.focus_nodes, 'focus node')}" if report.results else ""
    return f"{verdict}: {counts}{where} (engine: {report.engine})"


def render_text(report: ValidationReport) -> str:
    """Results grouped by focus node; each line gives severity, path, component and the fix."""
    groups: dict[str, list[ValidationResult]] = {}
    for r in report.results:
        groups.setdefault(_term(r.focus_node), []).append(r)
    lines: list[str] = []
    for focus in sorted(groups):
        lines.append(focus)
        for r in groups[focus]:
            where = f" {_term(r.path)}" if r.path is not None else ""
            component = _term(r.constraint_component)
            lines.append(f"  {r.severity}{where} [{component}]: {r.message or '(no message)'}")
            if r.value is not None:
                lines.append(f"      value: {_term(r.value)}")
        lines.append("")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def render_json(report: ValidationReport) -> str:
    """The report as JSON (full IRIs; literals in N-Triples syntax)."""
    document = {
        "conforms": report.conforms,
        "engine": report.engine,
        "summary": {
            "violations": report.violations,
            "warnings": report.warnings,
            "infos": report.infos,
            "focus_nodes": report.focus_nodes,
        },
        "results": [
            {
                "focus_node": _iri(r.focus_node),
                "path": _iri(r.path),
                "value": _iri(r.value),
                "source_shape": _iri(r.source_shape),
                "constraint_component": _iri(r.constraint_component),
                "severity": r.severity,
                "message": r.message,
            }
            for r in report.results
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def render_turtle(report: ValidationReport) -> str:
    """The report as a canonical Turtle ``sh:ValidationReport``."""
    from airoles_kg.serialize import to_turtle

    return to_turtle(report_to_graph(report)).decode("utf-8")


_RENDERERS: dict[str, Callable[[ValidationReport], str]] = {
    "text": render_text,
    "json": render_json,
    "turtle": render_turtle,
}


def render(report: ValidationReport, format: str = "text") -> str:  # noqa: A002
    """Render ``report`` as ``text``, ``json`` or ``turtle``."""
    try:
        return _RENDERERS[format](report)
    except KeyError:
        raise InputError(f"unknown report format {format!r}; use text, json or turtle") from None

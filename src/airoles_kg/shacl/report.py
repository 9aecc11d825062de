"""The validation report: results, conformance, SHACL report graphs, and a one-line summary.

This model knows no engine: every engine returns a :class:`ValidationReport`, and every
renderer reads one. A graph *conforms* when no result has severity ``Violation``; warnings and
infos are reported but do not break conformance. Results are sorted, so reports are stable
from run to run.

>>> from rdflib import URIRef
>>> from rdflib.namespace import SH
>>> result = ValidationResult(URIRef("https://w3id.org/airoles/role/x"), None, None,
...     URIRef("https://w3id.org/airoles/shapes#RoleShape"), SH.MinCountConstraintComponent,
...     "Warning", "add a label")
>>> summary(ValidationReport.from_results([result], "pyshacl"))
'conforms: 0 violations, 1 warning, 0 info on 1 focus node (engine: pyshacl)'
>>> term_text(result.focus_node), term_text(result.constraint_component)
('role:x', 'sh:MinCountConstraintComponent')
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from operator import attrgetter
from typing import Any, cast
from typing import Literal as Literal_

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import NamespaceManager
from rdflib.paths import AlternativePath, InvPath, MulPath, Path, SequencePath
from rdflib.term import Node

from airoles_kg.errors import InputError
from airoles_kg.namespaces import RDF, SH, XSD
from airoles_kg.rdf.parse import new_graph
from airoles_kg.rdf.terms import curie, short_iri

__all__ = [
    "SEVERITIES",
    "ResultFamily",
    "ResultPath",
    "ValidationReport",
    "ValidationResult",
    "choose_messages",
    "path_from_rdf",
    "path_to_rdf",
    "report_from_graph",
    "report_to_graph",
    "severity_name",
    "summary",
    "term_text",
]

#: Severity names, most severe first, and their SHACL IRIs.
SEVERITIES: dict[str, URIRef] = {"Violation": SH.Violation, "Warning": SH.Warning, "Info": SH.Info}
_SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
_SEVERITY_NAME = {iri: name for name, iri in SEVERITIES.items()}

ResultPath = URIRef | Path
# Property paths are shown with rdflib's own syntax, CURIEs with the project's prefixes.
_NM = NamespaceManager(new_graph(), bind_namespaces="none")


@lru_cache(maxsize=1 << 18)
def _iri_text(node: URIRef) -> str:
    """An IRI's short text, remembered: a report names the same shapes, components and paths
    on every result and each focus node on several, and a text is asked for many times per
    result (sorting, grouping, counting focus nodes, rendering). Keyed by the term itself,
    whose hash is its string's (kept in the object), so a term met again costs one lookup."""
    return short_iri(str(node))


def term_text(node: Node | ResultPath | None) -> str:
    """A short, stable rendering: CURIEs for our prefixes, ``[]`` for blank nodes, literals
    and property paths in SPARQL syntax; also the sort key of results."""
    if node is None:
        return ""
    if node.__class__ is URIRef:  # the common case first, with no isinstance walk
        return _iri_text(node)
    if isinstance(node, BNode):
        return "[]"
    if isinstance(node, Path):
        return node.n3(_NM)
    if isinstance(node, URIRef):
        return short_iri(str(node))
    if isinstance(node, Literal):
        return node._literal_n3(use_plain=True, qname_callback=curie)
    return str(node)


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result. ``severity`` is ``"Violation"``, ``"Warning"`` or ``"Info"``; ``path``
    is a predicate IRI or an rdflib property path (``^p``, ``p/q``, ``p*``...) or ``None``.
    ``message`` is the English message (or the only one); ``messages`` holds the message in
    each language the shape gives, as ``(language, text)`` pairs sorted by language."""

    focus_node: Node
    path: ResultPath | None
    value: Node | None
    source_shape: Node
    constraint_component: URIRef
    severity: str
    message: str
    messages: tuple[tuple[str, str], ...] = ()

    def message_in(self, lang: str) -> str:
        """The message in ``lang`` if the shape gives one, else :attr:`message`.

        >>> messages = (("en", "Add a label."), ("fr", "Ajoutez un libellé."))
        >>> r = ValidationResult(BNode(), None, None, BNode(), SH.MinCountConstraintComponent,
        ...     "Violation", "Add a label.", messages)
        >>> r.message_in("fr"), r.message_in("de")
        ('Ajoutez un libellé.', 'Add a label.')
        """
        return next((text for code, text in self.messages if code == lang), self.message)

    @cached_property
    def texts(self) -> tuple[str, str, str, str]:
        """:func:`term_text` of the focus node, path, source shape and value, computed once:
        sorting, grouping, counting and rendering a report all read them.

        >>> r = ValidationResult(URIRef("https://w3id.org/airoles/role/x"), None, None,
        ...     BNode(), SH.MinCountConstraintComponent, "Violation", "add a label")
        >>> r.texts
        ('role:x', '', '[]', '')
        """
        return (term_text(self.focus_node), term_text(self.path), term_text(self.source_shape),
                term_text(self.value))

    def sort_key(self) -> tuple[int, str, str, str, str, str, str]:
        """Severity first, then focus node, path, component, shape, value and message."""
        focus, path, shape, value = self.texts
        return (
            _SEVERITY_RANK.get(self.severity, len(_SEVERITY_RANK)),
            focus,
            path,
            str(self.constraint_component),
            shape,
            value,
            self.message,
        )


_RANK_TEXT = {name: str(rank) for name, rank in _SEVERITY_RANK.items()}


def _key_text(result: ValidationResult) -> str | None:
    """:meth:`ValidationResult.sort_key` as one string, its parts joined by NUL (below every
    other character, so the strings sort as the tuples do, and compare far faster); ``None``
    if the texts hold a NUL themselves (then the caller sorts by tuples)."""
    focus, path, shape, value = result.texts
    text = (f"{_RANK_TEXT.get(result.severity, '3')}\0{focus}\0{path}\0"
            f"{result.constraint_component}\0{shape}\0{value}\0{result.message}")
    return text if text.count("\0") == 6 else None


_severity_of = attrgetter("severity")


def _focus_text_of(result: ValidationResult) -> str:
    return result.texts[0]


_new_result = object.__new__
_set_attribute = object.__setattr__


class ResultFamily:
    """Results that share their source shape, path, component, severity and messages, and
    differ only in focus node and value, as an engine finds them: what they share is checked
    and rendered as text once, and :meth:`make` builds each result from its two terms and
    their texts (:func:`term_text`), with no per-result checks.

    >>> from rdflib.namespace import SH
    >>> family = ResultFamily(URIRef("https://w3id.org/airoles/ontology#p"),
    ...     URIRef("https://w3id.org/airoles/shapes#S"), SH.MinCountConstraintComponent,
    ...     "Warning", "add one", ())
    >>> focus = URIRef("https://w3id.org/airoles/role/x")
    >>> made = family.make(focus, term_text(focus), None, "")
    >>> made == ValidationResult(focus, family.path, None, family.source_shape,
    ...     SH.MinCountConstraintComponent, "Warning", "add one")
    True
    >>> made.texts
    ('role:x', 'air:p', 'airsh:S', '')
    """

    __slots__ = ("_fields", "_path_text", "_shape_text", "path", "source_shape")

    def __init__(self, path: ResultPath | None, source_shape: Node,
                 constraint_component: URIRef, severity: str, message: str,
                 messages: tuple[tuple[str, str], ...]) -> None:
        self.path = path
        self.source_shape = source_shape
        self._fields: dict[str, object] = {
            "focus_node": None, "path": path, "value": None, "source_shape": source_shape,
            "constraint_component": constraint_component, "severity": severity,
            "message": message, "messages": messages,
        }
        self._path_text = term_text(path)
        self._shape_text = term_text(source_shape)

    def make(self, focus_node: Node, focus_text: str, value: Node | None,
             value_text: str) -> ValidationResult:
        """The result of this family at ``focus_node`` with ``value`` (``None``: no value);
        ``focus_text`` and ``value_text`` are their :func:`term_text`."""
        fields = self._fields.copy()
        fields["focus_node"] = focus_node
        fields["value"] = value
        fields["texts"] = (focus_text, self._path_text, self._shape_text, value_text)
        result: ValidationResult = _new_result(ValidationResult)
        _set_attribute(result, "__dict__", fields)  # as the frozen dataclass sets its fields
        return result


@dataclass
class ValidationReport:
    """The outcome of a validation: ``conforms`` is true when no result is a Violation.
    ``standalone`` says that files were validated on their own, with the project's vocabulary
    but not its roles (``validate --standalone``)."""

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)
    engine: str = "pyshacl"
    standalone: bool = False

    #: The counts of :meth:`_counted`, with the list of results they were made from.
    _tally: tuple[list[ValidationResult], int, Counter[str], int] | None = field(
        default=None, init=False, repr=False, compare=False)

    def _counted(self) -> tuple[Counter[str], int]:
        """The results by severity and the number of focus nodes, counted once per list of
        results (a summary reads all four, and a report is often summarised twice)."""
        results, tally = self.results, self._tally
        if tally is None or tally[0] is not results or tally[1] != len(results):
            tally = self._tally = (results, len(results), Counter(map(_severity_of, results)),
                                   len(set(map(_focus_text_of, results))))
        return tally[2], tally[3]

    def count(self, severity: str) -> int:
        return self._counted()[0][severity]

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
        return self._counted()[1]

    @classmethod
    def from_results(cls, results: Iterable[ValidationResult], engine: str) -> ValidationReport:
        """Sort ``results``, without repeats, and derive ``conforms`` from them (no Violation).

        Each sort key is built once; equal results have equal keys, so repeats are found
        among neighbours after sorting (results with the same key stay in the order given).
        """
        given = results if isinstance(results, list) else list(results)
        keys: list[Any] = list(map(_key_text, given))
        if None in keys:  # a text with a NUL: compare as tuples
            keys = [r.sort_key() for r in given]
        # Sorting positions by key makes no (key, result) pair per result.
        order = sorted(range(len(given)), key=cast("Callable[[int], Any]", keys.__getitem__))
        ordered: list[ValidationResult] = []
        append = ordered.append
        run_key: object = None
        run_start = 0  # where the results with the key run_key start in ordered
        for i in order:
            key, result = keys[i], given[i]
            if key != run_key:
                run_key, run_start = key, len(ordered)
            elif result in ordered[run_start:]:
                continue
            append(result)
        return cls(all(r.severity != "Violation" for r in ordered), ordered, engine)


def severity_name(severity: Node | None) -> str:
    """``"Violation"``, ``"Warning"`` or ``"Info"`` for a SHACL severity IRI (other IRIs as
    they are: SHACL allows custom severities)."""
    name = _SEVERITY_NAME.get(severity)  # type: ignore[call-overload]
    return str(name) if name is not None else str(severity)


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


def choose_messages(pairs: Iterable[tuple[str, str]]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """From ``(language, text)`` pairs (``""``: no language tag), the one message, English if
    given (else one without a tag, else the first), and the messages by language, one per
    language, sorted; whitespace runs become one space.

    >>> choose_messages([("fr", "Ajoutez  un libellé."), ("en", "Add a label."), ("", "x")])
    ('Add a label.', (('en', 'Add a label.'), ('fr', 'Ajoutez un libellé.')))
    """
    clean = sorted({(lang, " ".join(text.split())) for lang, text in pairs})
    ranked = sorted(clean, key=lambda p: (0 if p[0] == "en" else 1 if not p[0] else 2, p))
    by_language: dict[str, str] = {}
    for lang, text in clean:
        if lang:
            by_language.setdefault(lang, text)
    return (ranked[0][1] if ranked else ""), tuple(sorted(by_language.items()))


_TEMPLATE_VARIABLE = re.compile(r"\{[?$][A-Za-z_][A-Za-z0-9_]*\}")


def _template_pattern(template: str) -> re.Pattern[str]:
    """A message template (``{?var}`` and ``{$var}`` placeholders) as a pattern its
    substitutions match."""
    pieces = _TEMPLATE_VARIABLE.split(" ".join(template.split()))
    return re.compile("(?:.*?)".join(re.escape(piece) for piece in pieces), re.DOTALL)


def _messages(
    graph: Graph, result: Node, shapes: Graph | None
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The messages of a result by language. pySHACL drops the language tag of a SPARQL
    constraint's message when it fills its ``{?var}`` template: the tag is found again from the
    template (of the source constraint, else the source shape) the text matches."""
    pairs: list[tuple[str, str]] = []
    untagged: list[str] = []
    for m in graph.objects(result, SH.resultMessage):
        if isinstance(m, Literal) and m.language:
            pairs.append((m.language, str(m)))
        else:
            untagged.append(str(m))
    if untagged:
        templates: set[tuple[str, str]] = set()
        holders = (graph.value(result, SH.sourceConstraint), graph.value(result, SH.sourceShape))
        for holder in holders:
            for source in (graph, shapes):
                if holder is None or source is None:
                    continue
                templates.update(
                    (m.language, str(m))
                    for m in source.objects(holder, SH.message)
                    if isinstance(m, Literal) and m.language
                )
        patterns = [(lang, _template_pattern(text)) for lang, text in sorted(templates)]
        for text in untagged:
            languages = {lang for lang, p in patterns if p.fullmatch(" ".join(text.split()))}
            pairs.append((languages.pop() if len(languages) == 1 else "", text))
    return choose_messages(pairs)


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
        message, messages = _messages(graph, result, shapes)
        results.append(
            ValidationResult(
                focus_node=graph.value(result, SH.focusNode),  # type: ignore[arg-type]
                path=path,
                value=graph.value(result, SH.value),
                source_shape=graph.value(result, SH.sourceShape),  # type: ignore[arg-type]
                constraint_component=URIRef(str(component)),
                severity=severity_name(severity),
                message=message,
                messages=messages,
            )
        )
    return ValidationReport.from_results(results, engine)


#: The terms of a report graph, each looked up once (rdflib's SH checks each name it is
#: asked for, in microseconds, and a report graph names them on every result).
_RESULT_TERMS = (RDF.type, SH.ValidationResult, SH.result, SH.focusNode, SH.resultPath,
                 SH.value, SH.sourceShape, SH.sourceConstraintComponent, SH.resultSeverity,
                 SH.resultMessage, SH.Violation)


def report_to_graph(report: ValidationReport) -> Graph:
    """The report as a SHACL ``sh:ValidationReport`` graph."""
    (a, result_class, result, focus, result_path, value, shape, component, severity_of,
     message, violation) = _RESULT_TERMS
    graph = new_graph()
    add = graph.add
    root = BNode()
    add((root, RDF.type, SH.ValidationReport))
    add((root, SH.conforms, Literal(report.conforms, datatype=XSD.boolean)))
    for r in report.results:
        node = BNode()
        add((root, result, node))
        add((node, a, result_class))
        add((node, focus, r.focus_node))
        if r.path is not None:
            add((node, result_path, path_to_rdf(graph, r.path)))
        if r.value is not None:
            add((node, value, r.value))
        add((node, shape, r.source_shape))
        add((node, component, r.constraint_component))
        add((node, severity_of, SEVERITIES.get(r.severity, violation)))
        if r.message:
            add((node, message, Literal(r.message)))
    return graph


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
    scope = "; standalone" if report.standalone else ""
    return f"{verdict}: {counts}{where} (engine: {report.engine}{scope})"

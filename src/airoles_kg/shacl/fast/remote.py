"""The compiled shapes on a remote SPARQL server: pure SELECT, through the remote backend.

A remote server is read-only: nothing is written there, so targets made of several parts are
re-derived in each query instead of being materialised into a scratch graph
(:func:`~.targets.materialised_focus` does so when the run has no store). Every query goes
through :class:`~airoles_kg.backends.remote.RemoteBackend`: its timeout, retries,
authentication, ``default-graph-uri`` (the named graph to validate) and errors.

Servers differ in what they accept and how they answer; :class:`Dialect` is the one place
where those differences are handled, each with a test:

* OpenLink Virtuoso compiles ``?v = <literal>``/``sameTerm`` and casts to SQL and returns some
  booleans as ``"1"``/``"0"``; answers are normalised (``"1"^^xsd:boolean`` reads ``true``);
* Virtuoso names blank nodes ``nodeID://b123``, not a valid blank node label: each label read
  is mapped to one blank node for the whole run, so results still join across queries;
* see :meth:`Dialect.rewrite` for the query rewrites (none is needed on Oxigraph).

>>> Dialect.for_endpoint("http://127.0.0.1:8890/sparql").name
'virtuoso'
>>> Dialect.for_endpoint("http://127.0.0.1:7878/query").name
'sparql11'
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from airoles_kg.backends.remote import RemoteBackend
from airoles_kg.errors import EndpointError, InputError
from airoles_kg.rdf.oxigraph import OxTerm, to_oxigraph
from airoles_kg.shacl.fast.compiler import ShapeCompiler
from airoles_kg.shacl.fast.context import Solution
from airoles_kg.shacl.fast.engine import compiled_results, run_compiled
from airoles_kg.shacl.fast.support import whole_graph_features
from airoles_kg.shacl.report import ValidationReport

__all__ = [
    "REMOTE_THREADS",
    "Dialect",
    "RemoteSource",
    "RemoteValidation",
    "validate_endpoint",
    "validate_remote",
]


#: ``sameTerm(?v, <iri>)`` or ``sameTerm(datatype(?v), <iri>)``, as the compiler writes them.
_SAME_IRI = re.compile(r"sameTerm\((\?\w+|datatype\(\?\w+\)), (<[^<>\s]*>)\)")
#: ``sameTerm(?v, "lexical"^^<datatype>)`` or ``sameTerm(?v, "lexical")`` (no language tag).
_SAME_TYPED = re.compile(
    r'sameTerm\((\?\w+), "((?:[^"\\]|\\.)*)"(?:\^\^(<[^<>\s]*>))?\)'
)
_XSD_STRING = "<http://www.w3.org/2001/XMLSchema#string>"
#: A triple pattern ``?x <path>+ ?x`` (the same variable at both ends, before ``.`` or ``}``).
_CYCLE = re.compile(
    r"([?$])([A-Za-z_]\w*)\s+(<[^<>\s]*>|[A-Za-z_][\w.-]*:[\w.-]*|\([^()]*\))\+\s+"
    r"[?$]\2(?=\s*[.}])"
)


@dataclass(frozen=True)
class Dialect:
    """What a kind of server needs: query rewrites and answer normalisation."""

    name: str

    @staticmethod
    def for_endpoint(url: str, server: str | None = None) -> Dialect:
        """The dialect of the server at ``url``: ``server`` if given (``virtuoso`` or
        ``sparql11``), else Virtuoso for its conventional ``/sparql`` paths."""
        if server is not None:
            if server not in ("virtuoso", "sparql11"):
                raise InputError(f"unknown server dialect {server!r}: use virtuoso or sparql11")
            return Dialect(server)
        path = url.split("?", 1)[0].rstrip("/")
        return Dialect("virtuoso" if re.search(r"/sparql(-auth)?$", path) else "sparql11")

    def rewrite(self, query: str) -> str:
        """``query`` in a form the server runs with the standard meaning.

        On Virtuoso: ``sameTerm(x, <iri>)`` is unbound (an error) there, so it becomes
        ``x = <iri>`` (the same test for an IRI constant); ``sameTerm(x, "3"^^xsd:integer)`` is
        false for a stored 3 (and ``sameTerm(x, "A")`` for a stored "A"), so a literal constant
        without a language tag is compared by datatype and lexical form; and
        a cycle ``?x <p>+ ?x`` fails (``SQ156``), so it runs as ``?x <p> ?_cN . ?_cN <p>* ?x``
        (the same solutions).

        >>> Dialect("virtuoso").rewrite("FILTER(sameTerm(datatype(?value), <http://t>))")
        'FILTER((datatype(?value) = <http://t>))'
        >>> Dialect("virtuoso").rewrite('BIND(sameTerm(?v, "3"^^<http://t>) AS ?b)')
        'BIND((isLiteral(?v) && datatype(?v) = <http://t> && STR(?v) = "3") AS ?b)'
        >>> Dialect("virtuoso").rewrite('sameTerm(?v, "A")').endswith('STR(?v) = "A")')
        True
        >>> Dialect("virtuoso").rewrite('sameTerm(?v, "B"@en)')
        'sameTerm(?v, "B"@en)'

        >>> Dialect("virtuoso").rewrite("SELECT $this WHERE { $this ex:p+ $this . }")
        'SELECT $this WHERE { $this ex:p ?_cycle0 . ?_cycle0 ex:p* $this . }'
        """
        if self.name != "virtuoso":
            return query
        query = _SAME_IRI.sub(r"(\1 = \2)", query)
        query = _SAME_TYPED.sub(
            lambda m: f"(isLiteral({m[1]}) && datatype({m[1]}) = {m[3] or _XSD_STRING} "
            f'&& STR({m[1]}) = "{m[2]}")',
            query,
        )
        count = itertools.count()

        def cycle(m: re.Match[str]) -> str:
            var, step = m.group(1) + m.group(2), m.group(3)
            name = f"?_cycle{next(count)}"
            return f"{var} {step} {name} . {name} {step}* {var}"

        return _CYCLE.sub(cycle, query)

    def term(self, term: Node) -> Node:
        """An answer's term as the standard gives it (booleans as ``true``/``false``)."""
        if isinstance(term, Literal) and term.datatype == XSD.boolean:
            lexical = str(term)
            if lexical in ("1", "0"):
                return Literal("true" if lexical == "1" else "false", datatype=XSD.boolean)
        return term


class _Row:
    """One solution of a remote SELECT, by variable name, as pyoxigraph gives it."""

    __slots__ = ("_values",)

    def __init__(self, values: dict[str, OxTerm | None]) -> None:
        self._values = values

    def __getitem__(self, key: str, /) -> OxTerm | None:
        return self._values[key]


class RemoteSource:
    """Runs the compiled SELECT queries at an endpoint (an :class:`~.context.Endpoint`)."""

    def __init__(self, backend: RemoteBackend, dialect: Dialect) -> None:
        self.backend = backend
        self.dialect = dialect
        self.queries = 0
        self._blanks: dict[str, ox.BlankNode] = {}
        self._lock = threading.Lock()

    def _blank(self, label: str) -> ox.BlankNode:
        with self._lock:
            if label not in self._blanks:
                self._blanks[label] = ox.BlankNode()
            return self._blanks[label]

    def _term(self, term: Node | None) -> OxTerm | None:
        if term is None:
            return None
        if isinstance(term, BNode):
            return self._blank(str(term))
        try:
            return to_oxigraph(self.dialect.term(term))
        except ValueError as exc:  # Virtuoso answers a literal of a VALUES block as an "IRI"
            raise EndpointError(
                f"{self.backend.endpoint}: the server answered a term that is not RDF "
                f"({term!r}: {exc})"
            ) from None

    def select(self, query: str) -> Iterator[Solution]:
        """The solutions of ``query`` at the endpoint (fetched whole, then converted)."""
        rows = self.backend.select(self.dialect.rewrite(query))
        with self._lock:
            self.queries += 1
        names = rows.variables
        return iter(
            [_Row({n: self._term(t) for n, t in zip(names, row, strict=True)}) for row in rows.rows]
        )


#: Queries in flight at once: the server does the work, the threads mostly wait for answers.
REMOTE_THREADS = 6


@dataclass(frozen=True)
class RemoteValidation:
    """A remote validation: the report, and the top-level shapes left out (``--allow-partial``)
    with the reason for each."""

    report: ValidationReport
    skipped: tuple[tuple[Node, str], ...]
    queries: int


def _reason(compiler: ShapeCompiler, shape: Node) -> str:
    from airoles_kg.shacl.fast.sparql import UnsupportedShape
    from airoles_kg.shacl.fast.support import check_supported

    try:
        check_supported(compiler.shapes, shape)
    except UnsupportedShape as exc:
        return str(exc)
    return "a part the SPARQL compiler cannot run"


def _name(shape: Node) -> str:
    return str(shape) if isinstance(shape, URIRef) else f"_:{shape} (a blank node shape)"


def validate_endpoint(
    backend: RemoteBackend,
    shapes: Graph,
    *,
    allow_partial: bool = False,
    server: str | None = None,
    progress: bool | None = None,
) -> RemoteValidation:
    """Validate the data at the endpoint of ``backend`` (its default graph, or the named graph
    it was given) against ``shapes``, with the compiled SPARQL run remotely.

    A shape the compiler does not support is never skipped silently: :class:`InputError`
    names each one, unless ``allow_partial``, and then the result names them. Endpoint failures
    raise :class:`~airoles_kg.errors.EndpointError`.
    """
    whole = whole_graph_features(shapes)
    if whole:
        raise InputError(f"the shapes use {whole}, which cannot run on a remote endpoint")
    source = RemoteSource(backend, Dialect.for_endpoint(backend.endpoint, server))
    compiler = ShapeCompiler(shapes, endpoint=source)
    top = compiler.top_level_shapes()
    fast = [s for s in top if compiler.supported(s)]
    skipped = [(s, _reason(compiler, s)) for s in top if s not in set(fast)]
    if skipped and not allow_partial:
        _refuse(skipped)
    by_shape = run_compiled(compiler, fast, progress, REMOTE_THREADS)
    late = [(s, "a part the SPARQL compiler cannot run") for s, r in by_shape.items() if r is None]
    if late and not allow_partial:
        _refuse(late)
    skipped += late
    name = "oxigraph-sparql(remote)"
    if skipped:
        name += f", partial: {len(skipped)} shape{'s' if len(skipped) != 1 else ''} not run"
    report = ValidationReport.from_results(compiled_results(compiler, by_shape), name)
    return RemoteValidation(report, tuple(skipped), source.queries)


def _refuse(skipped: Sequence[tuple[Node, str]]) -> None:
    listed = "; ".join(f"{_name(s)} ({why})" for s, why in skipped)
    raise InputError(
        f"{len(skipped)} shape(s) cannot run on a remote endpoint: {listed}; "
        "validate a local copy, or give --allow-partial to validate the others"
    )



def validate_remote(
    endpoint: str,
    shapes: Graph | None = None,
    *,
    graph: str | None = None,
    user: str | None = None,
    password: str | None = None,
    timeout: float = 30.0,
    retries: int = 3,
    allow_partial: bool = False,
    server: str | None = None,
    progress: bool | None = None,
) -> RemoteValidation:
    """Validate the data at ``endpoint`` (the named ``graph`` if given, sent as
    ``default-graph-uri``) against ``shapes`` (default: the project's), as
    :func:`validate_endpoint` does; the hook the benchmarks call."""
    from airoles_kg.kg.load import load_shapes

    backend = RemoteBackend(endpoint, timeout=timeout, retries=retries, default_graph=graph,
                            user=user, password=password)
    return validate_endpoint(backend, shapes if shapes is not None else load_shapes(),
                             allow_partial=allow_partial, server=server, progress=progress)

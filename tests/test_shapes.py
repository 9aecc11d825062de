"""The SHACL shapes in ``shapes/``: golden fixtures, coverage, SHACL-SHACL, real ESCO labels.

Every fixture under ``tests/fixtures/shapes/`` is a data steward's own catalogue: it is validated
merged with the airoles core vocabulary (``ontology/core.ttl``: the classes, their
rdfs:subClassOf axioms, the proficiency levels and importances), with all the shapes, by pySHACL
(``inference="none"``, ``advanced=True``), and its report is compared with what it declares:

* a ``valid/`` fixture conforms (no result at all, not even a warning);
* an ``invalid/`` fixture reports exactly the (focus node, constraint component, source shape)
  triples listed in its ``# expect: <focus> sh:Component airsh:Shape`` header lines.

The knowledge graph itself (``load_graph()``) must conform too, alone and merged with the valid
fixtures (one validation of the whole graph takes seconds under pySHACL, so the fixtures are not
validated against it one by one).

Coverage tests then require every shape with a severity to be tripped by some invalid fixture,
and to be exercised (a focus node, and a value for a property shape) by some valid fixture.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.extras.shacl import parse_shacl_path
from rdflib.term import Node

from airoles_kg.kg.load import load_graph, load_shapes
from airoles_kg.kg.materialise import materialise
from airoles_kg.namespaces import AIR, AIRSH, DCTERMS, OWL, RDF, RDFS, SH, SKOS
from airoles_kg.paths import ontology_dir, project_version, shapes_dir
from airoles_kg.rdf.parse import new_graph, parse_file
from third_party import ESCO_OCCUPATIONS, W3C_SUITE, read_rows

__all__: list[str] = []

REPO = Path(__file__).resolve().parents[1]
#: The W3C test-suite case "shacl-shacl": a manifest whose shapes graph is SHACL-SHACL.
SHACL_SHACL_MANIFEST = W3C_SUITE / "core" / "complex" / "shacl-shacl.ttl"

FIXTURES = REPO / "tests" / "fixtures" / "shapes"
VALID = sorted((FIXTURES / "valid").glob("*.ttl"))
INVALID = sorted((FIXTURES / "invalid").glob("*.ttl"))
SHAPE_FILES = sorted((REPO / "shapes").glob("*.ttl"))

SHT = Namespace("http://www.w3.org/ns/shacl-test#")
CC_BY_4 = URIRef("https://creativecommons.org/licenses/by/4.0/")

_EXPECT = re.compile(
    r"^# expect: <(?P<focus>[^<>\s]+)> sh:(?P<component>\w+) airsh:(?P<shape>\w+)\s*$"
)


@dataclass(frozen=True, order=True)
class Result:
    """One validation result, reduced to what the fixtures assert (plus path and value)."""

    focus: str
    component: str
    shape: str
    path: str
    value: str
    severity: str
    message: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.focus, self.component, self.shape)

    def __str__(self) -> str:
        return (
            f"{self.focus} {_short(self.component)} {_short(self.shape)} [{_short(self.severity)}]"
            f" value={self.value!r}: {self.message}"
        )


def _short(iri: str) -> str:
    for prefix, namespace in (("sh:", str(SH)), ("airsh:", str(AIRSH))):
        if iri.startswith(namespace):
            return prefix + iri[len(namespace) :]
    return iri


def _results(data: Graph, shapes: Graph) -> frozenset[Result]:
    _conforms, report, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=False
    )
    assert isinstance(report, Graph)
    found = set()
    for node in report.subjects(RDF.type, SH.ValidationResult):
        found.add(
            Result(
                focus=str(report.value(node, SH.focusNode)),
                component=str(report.value(node, SH.sourceConstraintComponent)),
                shape=str(report.value(node, SH.sourceShape)),
                path=str(report.value(node, SH.resultPath) or ""),
                value=str(report.value(node, SH.value) or ""),
                severity=str(report.value(node, SH.resultSeverity)),
                message=" | ".join(sorted(str(m) for m in report.objects(node, SH.resultMessage))),
            )
        )
    return frozenset(found)


def _listing(results: Iterable[Result]) -> str:
    return "\n".join(f"  {result}" for result in sorted(results)) or "  (none)"


@cache
def _shapes() -> Graph:
    return load_shapes()


@cache
def _vocabulary() -> Graph:
    return parse_file(ontology_dir() / "core.ttl")


@cache
def _merged(fixture: Path) -> Graph:
    """The fixture merged with the core vocabulary, materialised as ``load_graph`` does."""
    graph = new_graph()
    graph += _vocabulary()
    graph += parse_file(fixture)
    materialise(graph)
    return graph


@cache
def _report(fixture: Path) -> frozenset[Result]:
    return _results(_merged(fixture), _shapes())


def _expectations(fixture: Path) -> set[tuple[str, str, str]]:
    expected = set()
    for number, line in enumerate(fixture.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.startswith("# expect:"):
            continue
        match = _EXPECT.match(line)
        assert match, f"{fixture.name}:{number}: malformed expectation {line!r}"
        expected.add((match["focus"], str(SH[match["component"]]), str(AIRSH[match["shape"]])))
    return expected


def _params(paths: list[Path]) -> list[object]:
    return [pytest.param(path, id=path.stem) for path in paths]


def _severity_shapes() -> set[str]:
    return {str(shape) for shape in _shapes().subjects(SH.severity, None)}


# ------------------------------------------------------------------------------------- guards


def test_fixture_globs_are_not_empty() -> None:
    assert VALID, f"no valid fixture found in {FIXTURES / 'valid'}"
    assert INVALID, f"no invalid fixture found in {FIXTURES / 'invalid'}"
    assert SHAPE_FILES, f"no shapes found in {REPO / 'shapes'}"


# ------------------------------------------------------------------------------------ fixtures


@pytest.mark.parametrize("fixture", _params(VALID))
def test_valid_fixture_conforms(fixture: Path) -> None:
    found = _report(fixture)
    assert not found, f"{fixture.name} should conform, but reports:\n{_listing(found)}"


@pytest.mark.parametrize("fixture", _params(INVALID))
def test_invalid_fixture_reports_exactly_what_it_declares(fixture: Path) -> None:
    expected = _expectations(fixture)
    assert expected, f"{fixture.name} declares no `# expect:` line"
    report = _report(fixture)
    found = {result.key for result in report}
    missing = sorted(expected - found)
    unexpected = sorted(result for result in report if result.key not in expected)
    assert not missing and not unexpected, (
        f"{fixture.name}:\nmissing:\n"
        + ("\n".join(f"  {f} {_short(c)} {_short(s)}" for f, c, s in missing) or "  (none)")
        + f"\nunexpected:\n{_listing(unexpected)}"
    )


def test_every_shape_is_tripped_by_an_invalid_fixture() -> None:
    tripped = {result.shape for fixture in INVALID for result in _report(fixture)}
    untested = sorted(_short(shape) for shape in _severity_shapes() - tripped)
    assert not untested, f"no invalid fixture trips: {', '.join(untested)}"


def _targets(shape: Node, graph: Graph) -> set[Node]:
    """The focus nodes of ``shape`` in ``graph`` (``sh:targetClass`` follows rdfs:subClassOf)."""
    shapes = _shapes()
    focus: set[Node] = set(shapes.objects(shape, SH.targetNode))
    for cls in shapes.objects(shape, SH.targetClass):
        for each in graph.transitive_subjects(RDFS.subClassOf, cls):
            focus.update(graph.subjects(RDF.type, each))
    for prop in shapes.objects(shape, SH.targetSubjectsOf):
        focus.update(graph.subjects(prop, None))
    for prop in shapes.objects(shape, SH.targetObjectsOf):
        focus.update(graph.objects(None, prop))
    return focus


def _exercises(shape: Node, fixture: Path) -> bool:
    """Whether ``fixture`` gives ``shape`` a focus node of its own (and a value, for a path)."""
    merged = _merged(fixture)
    own = parse_file(fixture)
    own_nodes = set(own.subjects()) | set(own.objects())
    focus_nodes = _targets(shape, merged) & own_nodes
    path_node = _shapes().value(shape, SH.path)
    if path_node is None:
        return bool(focus_nodes)
    path = parse_shacl_path(_shapes(), path_node)
    return any(next(iter(merged.objects(node, path)), None) is not None for node in focus_nodes)


def test_every_shape_is_exercised_by_a_valid_fixture() -> None:
    unexercised = sorted(
        _short(shape)
        for shape in _severity_shapes()
        if not any(_exercises(URIRef(shape), fixture) for fixture in VALID)
    )
    assert not unexercised, (
        "no valid fixture gives these shapes a focus node (with a value): " + ", ".join(unexercised)
    )


# ---------------------------------------------------------------------------- shapes as data


@cache
def _shacl_shacl() -> Graph:
    """SHACL-SHACL, found through the W3C test-suite manifest (its ``sht:shapesGraph``)."""
    assert SHACL_SHACL_MANIFEST.is_file(), (
        f"{SHACL_SHACL_MANIFEST}: the W3C SHACL test suite is missing; run `make third-party`"
    )
    manifest = parse_file(SHACL_SHACL_MANIFEST)
    shapes_graphs = set(manifest.objects(None, SHT.shapesGraph))
    assert len(shapes_graphs) == 1, f"{SHACL_SHACL_MANIFEST}: expected one sht:shapesGraph"
    location = Path(url2pathname(urlparse(str(shapes_graphs.pop())).path))
    shacl_shacl = parse_file(location)
    assert (None, RDF.type, SH.NodeShape) in shacl_shacl, f"{location} holds no shapes"
    return shacl_shacl


@pytest.mark.parametrize("shapes_file", _params(SHAPE_FILES))
def test_shapes_file_conforms_to_shacl_shacl(shapes_file: Path) -> None:
    conforms, _report_graph, text = pyshacl.validate(
        parse_file(shapes_file), shacl_graph=_shacl_shacl(), inference="none"
    )
    assert conforms, f"{shapes_file.name} is not valid SHACL:\n{text}"


def test_shacl_shacl_catches_a_broken_shape() -> None:
    """The meta-validation above can fail: two sh:path values and a text sh:minCount."""
    broken = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix airsh: <https://w3id.org/airoles/shapes#> .
        airsh:Broken a sh:PropertyShape ; sh:path <urn:p1> , <urn:p2> ; sh:minCount "one" .
        """,
        format="turtle",
    )
    conforms, _graph, _text = pyshacl.validate(broken, shacl_graph=_shacl_shacl(), inference="none")
    assert not conforms


_SHAPES_QUERY = """
SELECT DISTINCT ?shape WHERE {
    { ?shape a sh:NodeShape } UNION { ?shape a sh:PropertyShape }
    UNION { ?shape sh:targetClass|sh:targetNode|sh:targetSubjectsOf|sh:targetObjectsOf ?target }
    UNION { ?shape sh:severity ?severity }
}
"""

_WITHOUT_SEVERITY = """
SELECT DISTINCT ?shape WHERE {
    { ?shape a sh:NodeShape } UNION { ?shape a sh:PropertyShape }
    UNION { ?shape sh:targetClass|sh:targetNode|sh:targetSubjectsOf|sh:targetObjectsOf ?target }
    FILTER NOT EXISTS {
        ?shape sh:severity ?level .
        FILTER (?level IN (sh:Violation, sh:Warning, sh:Info))
    }
}
"""

_WITHOUT_MESSAGE = """
SELECT DISTINCT ?shape WHERE {
    { ?shape a sh:NodeShape } UNION { ?shape a sh:PropertyShape }
    UNION { ?shape sh:targetClass|sh:targetNode|sh:targetSubjectsOf|sh:targetObjectsOf ?target }
    UNION { ?shape sh:severity ?severity }
    FILTER NOT EXISTS {
        ?shape sh:message ?message .
        FILTER (langMatches(lang(?message), "en") && STRLEN(?message) >= 20)
    }
    FILTER NOT EXISTS { ?shape sh:sparql ?constraint }
}
"""

_SPARQL_WITHOUT_MESSAGE = """
SELECT DISTINCT ?shape WHERE {
    ?shape sh:sparql ?constraint .
    FILTER NOT EXISTS {
        ?constraint sh:message ?message .
        FILTER (langMatches(lang(?message), "en") && STRLEN(?message) >= 20)
    }
}
"""


def _query_shapes(query: str, shapes: Graph | None = None) -> list[str]:
    graph = _shapes() if shapes is None else shapes
    return sorted(str(row[0]) for row in graph.query(query, initNs={"sh": SH}))  # type: ignore[index]


def test_shape_metadata_queries_find_a_bare_shape() -> None:
    """The severity and message queries below can fail: they find shapes that lack either."""
    bare = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <urn:bare> a sh:PropertyShape ; sh:targetClass skos:Concept ; sh:path skos:prefLabel ;
            sh:minCount 1 ; sh:message "too short"@en .
        <urn:sparql> a sh:NodeShape ; sh:targetClass skos:Concept ; sh:severity sh:Warning ;
            sh:sparql [ sh:select "SELECT $this WHERE { }" ] .
        """,
        format="turtle",
    )
    assert _query_shapes(_WITHOUT_SEVERITY, bare) == ["urn:bare"]
    assert _query_shapes(_WITHOUT_MESSAGE, bare) == ["urn:bare"]
    assert _query_shapes(_SPARQL_WITHOUT_MESSAGE, bare) == ["urn:sparql"]


def test_shapes_are_found() -> None:
    shapes = _query_shapes(_SHAPES_QUERY)
    assert len(shapes) >= 40, shapes


def test_every_shape_has_a_severity() -> None:
    assert not _query_shapes(_WITHOUT_SEVERITY)


def test_every_shape_has_a_fix_message() -> None:
    assert not _query_shapes(_WITHOUT_MESSAGE)
    assert not _query_shapes(_SPARQL_WITHOUT_MESSAGE)


_TEMPLATE_VARIABLE = re.compile(r"\{[?$][A-Za-z_]\w*\}")


def test_every_message_is_in_english_and_french() -> None:
    """Each shape (or SPARQL constraint) with a message has exactly one @en and one @fr, the
    French one a translation: other words, the same {?variables} and CURIEs."""
    shapes = _shapes()
    holders = sorted(set(shapes.subjects(SH.message, None)), key=str)
    assert len(holders) >= 47, len(holders)
    wrong = []
    for holder in holders:
        messages = list(shapes.objects(holder, SH.message))
        languages = sorted(m.language or "" for m in messages if isinstance(m, Literal))
        if languages != ["en", "fr"] or len(messages) != 2:
            wrong.append(f"{holder}: {languages}")
            continue
        by_lang = {m.language: str(m) for m in messages if isinstance(m, Literal)}
        english, french = by_lang["en"], by_lang["fr"]
        curies = re.compile(r"\b(?:air|skos|dcterms|owl|sh):\w+")
        if (
            english == french
            or sorted(_TEMPLATE_VARIABLE.findall(english))
            != sorted(_TEMPLATE_VARIABLE.findall(french))
            or set(curies.findall(english)) != set(curies.findall(french))
        ):
            wrong.append(f"{holder}: {french!r} does not translate {english!r}")
    assert not wrong, "\n".join(wrong)


def test_shapes_live_in_the_shapes_namespace() -> None:
    outside = [shape for shape in _query_shapes(_SHAPES_QUERY) if not shape.startswith(str(AIRSH))]
    assert not outside, f"shapes outside {AIRSH}: {outside}"
    assert not [shape for shape in _query_shapes(_SHAPES_QUERY) if shape.startswith(str(AIR))]


def test_helper_shapes_have_no_targets() -> None:
    """Blank-node shapes (inside sh:not, sh:or, sh:xone, sh:qualifiedValueShape) are never targeted
    on their own, so every shape that is validated by itself is a named airsh: shape."""
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    shapes = _shapes()
    assert not [s for t in targets for s in shapes.subjects(t, None) if not isinstance(s, URIRef)]


@pytest.mark.parametrize("shapes_file", _params(SHAPE_FILES))
def test_shapes_file_has_an_ontology_header(shapes_file: Path) -> None:
    graph = parse_file(shapes_file)
    ontology = URIRef(f"https://w3id.org/airoles/shapes/{shapes_file.stem}")
    assert set(graph.subjects(RDF.type, OWL.Ontology)) == {ontology}
    placeholder = URIRef(f"https://w3id.org/airoles/shapes/0.0.0/{shapes_file.stem}")
    assert graph.value(ontology, OWL.versionIRI) == placeholder
    assert graph.value(ontology, OWL.versionInfo) == Literal("0.0.0")
    assert graph.value(ontology, DCTERMS.license) == CC_BY_4
    for shape in graph.subjects(SH.severity, None):
        assert graph.value(shape, RDFS.isDefinedBy) == ontology, shape
    # SPARQL-based constraints take their prefixes from this header, and nowhere else.
    for constraint in graph.objects(None, SH.sparql):
        assert graph.value(constraint, SH.prefixes) == ontology, constraint
        assert graph.value(ontology, SH.declare) is not None
        select = str(graph.value(constraint, SH.select))
        assert "PREFIX" not in select.upper(), constraint


def test_shapes_headers_conform_and_are_stamped() -> None:
    """The shapes modules pass the ontology-header shapes, with the version stamped."""
    shapes = _shapes()
    found = _results(shapes, shapes)
    assert not found, _listing(found)
    version = project_version()
    for shapes_file in SHAPE_FILES:
        ontology = URIRef(f"https://w3id.org/airoles/shapes/{shapes_file.stem}")
        assert shapes.value(ontology, OWL.versionInfo) == Literal(version)
        stamped = str(shapes.value(ontology, OWL.versionIRI))
        assert stamped == f"https://w3id.org/airoles/shapes/{version}/{shapes_file.stem}"


# ------------------------------------------------------------------- real third-party labels

#: ESCO v1.2.0 occupations with a real label defect, and the shape that must report it.
ESCO_DEFECTS = {
    # preferredLabel " artificial intelligence engineer " (leading and trailing space)
    "http://data.europa.eu/esco/occupation/35553663-deab-4d9a-bf22-15c1625d28e8": {
        str(AIRSH.LabelTrimmedShape)
    },
    # preferredLabel "import export specialist in  fish, crustaceans and molluscs" (two spaces)
    "http://data.europa.eu/esco/occupation/b789dae6-6c77-4f46-9253-098c424c92f2": {
        str(AIRSH.LabelWhitespaceShape)
    },
}


def _esco_rows() -> list[dict[str, str]]:
    """ESCO v1.2.0 occupations: the committed extract holds every row the sample below takes."""
    return read_rows(ESCO_OCCUPATIONS)


def esco_to_roles(rows: Iterable[dict[str, str]]) -> Graph:
    """ESCO occupation rows as skos:Concept / air:Role resources with their labels, verbatim."""
    graph = new_graph()
    for row in rows:
        occupation = URIRef(row["conceptUri"])
        graph.add((occupation, RDF.type, SKOS.Concept))
        graph.add((occupation, RDF.type, AIR.Role))
        graph.add((occupation, SKOS.prefLabel, Literal(row["preferredLabel"], lang="en")))
        for column, prop in (("altLabels", SKOS.altLabel), ("hiddenLabels", SKOS.hiddenLabel)):
            for label in row[column].split("\n"):
                if label:
                    graph.add((occupation, prop, Literal(label, lang="en")))
    return graph


def test_label_shapes_find_the_real_esco_whitespace_defects() -> None:
    sample = [
        row
        for row in _esco_rows()
        if "artificial intelligence" in " ".join(row.values()).lower()
        or row["conceptUri"] in ESCO_DEFECTS
    ]
    clean = {row["conceptUri"] for row in sample} - set(ESCO_DEFECTS)
    assert set(ESCO_DEFECTS) <= {row["conceptUri"] for row in sample}
    assert len(clean) >= 3, f"the ESCO sample has too few clean occupations: {sorted(clean)}"
    found = _results(esco_to_roles(sample), parse_file(shapes_dir() / "labels.ttl"))
    by_focus: dict[str, set[str]] = {}
    for result in found:
        by_focus.setdefault(result.focus, set()).add(result.shape)
    assert by_focus == ESCO_DEFECTS, _listing(found)
    untrimmed = next(r for r in found if r.shape == str(AIRSH.LabelTrimmedShape))
    assert untrimmed.value == " artificial intelligence engineer "
    assert untrimmed.severity == str(SH.Violation)


# --------------------------------------------------------------------- our knowledge graph


@pytest.mark.slow
def test_knowledge_graph_conforms_to_all_shapes() -> None:
    found = _results(load_graph(), _shapes())
    assert not found, f"the airoles knowledge graph does not conform:\n{_listing(found)}"


@pytest.mark.slow
def test_valid_catalogues_conform_merged_with_the_knowledge_graph() -> None:
    """As ``airoles-kg validate FILE...`` does: steward files merged with the whole graph."""
    found = _results(load_graph(extra=VALID), _shapes())
    assert not found, f"valid catalogues merged with the knowledge graph report:\n{_listing(found)}"

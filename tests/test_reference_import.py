"""The ESCO and O*NET importers on the committed extracts of the real files: what they make,
that the real defects are reported (and fixed only by ``clean``), and that bad input is one
error at its file, row and column."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from airoles_kg.importers.esco import import_esco
from airoles_kg.importers.onet import COMMODITY, ELEMENT, ONET, import_onet
from airoles_kg.importers.onet_rule import ESSENTIAL_FROM
from airoles_kg.importers.reference import ReferenceDataError
from airoles_kg.importers.reference_check import check, clean, findings_by_shape
from airoles_kg.namespaces import AIR, DCTERMS, PROV, RDF, REQ, SKOS, SRC
from airoles_kg.rdf.serialize import to_turtle
from third_party import FIXTURES, read_rows

ESCO = FIXTURES / "esco-1.2.0"
ONET_DIR = FIXTURES / "onet-29.2"
AI_ENGINEER = URIRef("http://data.europa.eu/esco/occupation/35553663-deab-4d9a-bf22-15c1625d28e8")
LEVELS = [AIR.Novice, AIR.AdvancedBeginner, AIR.Competent, AIR.Proficient, AIR.Expert]


@pytest.fixture(scope="module")
def onet() -> object:
    return import_onet(ONET_DIR)


@pytest.fixture(scope="module")
def esco() -> object:
    return import_esco(ESCO)


def test_esco_occupations_keep_their_iris_codes_and_labels_as_written(esco: object) -> None:
    graph = esco.graph  # type: ignore[attr-defined]
    rows = read_rows(ESCO / "occupations_en.csv")
    assert esco.counts["occupations"] == len(rows) > 10  # type: ignore[attr-defined]
    for row in rows:
        node = URIRef(row["conceptUri"])
        assert (node, RDF.type, AIR.Role) in graph
        assert (node, SKOS.notation, Literal(row["code"])) in graph
        assert (node, SKOS.prefLabel, Literal(row["preferredLabel"], lang="en")) in graph
        assert (node, AIR.family, URIRef(f"http://data.europa.eu/esco/isco/C{row['iscoGroup']}")
                ) in graph
    # The real defect is kept: ESCO writes this label with spaces around it.
    assert str(graph.value(AI_ENGINEER, SKOS.prefLabel)) == " artificial intelligence engineer "


def test_esco_skills_are_typed_by_the_stated_rule(esco: object) -> None:
    graph = esco.graph  # type: ignore[attr-defined]
    kinds = {"knowledge": AIR.Knowledge, "skill/competence": AIR.Skill}
    for name in ("digitalSkillsCollection_en.csv", "transversalSkillsCollection_en.csv"):
        for row in read_rows(ESCO / name):
            expected = (AIR.TransversalCompetency if row["reuseLevel"] == "transversal"
                        else kinds[row["skillType"]])
            node = URIRef(row["conceptUri"])
            if (node, RDF.type, AIR.TransversalCompetency) in graph and name.startswith("digital"):
                continue  # in both collections: the transversal one wins
            assert (node, RDF.type, expected) in graph, row["preferredLabel"]
    assert esco.counts["transversalcompetency"] > 0  # type: ignore[attr-defined]
    groups = read_rows(ESCO / "skillsHierarchy_en.csv")
    assert groups
    for row in groups:
        levels = [row[f"Level {n} URI"] for n in range(4) if row.get(f"Level {n} URI")]
        if len(levels) > 1:
            assert (URIRef(levels[-1]), SKOS.broader, URIRef(levels[-2])) in graph


def test_esco_defects_are_reported_and_clean_fixes_them_saying_so() -> None:
    imported = import_esco(ESCO)
    report = check(imported.graph)
    shapes = {shape for shape, _, _ in findings_by_shape(report)}
    assert "airsh:LabelTrimmedShape" in shapes
    trimmed = [r for r in report.results if r.focus_node == AI_ENGINEER
               and str(r.source_shape).endswith("LabelTrimmedShape")]
    assert trimmed, "the label with leading and trailing spaces is reported"
    changes = {c.kind: c for c in clean(imported.graph)}
    assert changes["labels trimmed"].count >= 1
    assert changes["labels trimmed"].examples
    assert str(imported.graph.value(AI_ENGINEER, SKOS.prefLabel)) == (
        "artificial intelligence engineer")
    after = {shape for shape, _, _ in findings_by_shape(check(imported.graph))}
    assert "airsh:LabelTrimmedShape" not in after


def test_onet_occupations_elements_and_hierarchy(onet: object) -> None:
    graph = onet.graph  # type: ignore[attr-defined]
    role = ONET["15-1221.00"]
    assert (role, RDF.type, AIR.Role) in graph
    assert (role, SKOS.notation, Literal("15-1221.00")) in graph
    assert (role, SKOS.altLabel,
            Literal("NLP Engineer (Natural Language Processing Engineer)", lang="en")) in graph
    assert (ELEMENT["2.A.1.a"], RDF.type, AIR.Skill) in graph
    assert (ELEMENT["2.A.1.a"], SKOS.broader, ELEMENT["2.A.1"]) in graph
    assert (ELEMENT["2.A.1"], SKOS.broader, ELEMENT["2.A"]) in graph
    assert (ELEMENT["2.C.1.a"], RDF.type, AIR.Knowledge) in graph
    assert (ELEMENT["2.A"], SKOS.broader, None) not in graph


def test_every_rating_is_converted_by_the_rule(onet: object) -> None:
    graph = onet.graph  # type: ignore[attr-defined]
    ratings: dict[tuple[str, str], dict[str, str]] = {}
    for row in read_rows(ONET_DIR / "Skills.txt", "\t"):
        if row["Not Relevant"] == "Y":  # the rule: not a requirement
            assert (REQ[f"onet-{row['O*NET-SOC Code']}--{row['Element ID']}"], None, None
                    ) not in graph
            continue
        ratings.setdefault((row["O*NET-SOC Code"], row["Element ID"]), {})[row["Scale ID"]] = (
            row["Data Value"])
    checked = 0
    for (code, element), scales in ratings.items():
        if "LV" not in scales:
            continue
        node = REQ[f"onet-{code}--{element}"]
        level, importance = float(scales["LV"]), float(scales["IM"])
        band = min(4, math.floor(round(level / 1.4, 9)))
        assert graph.value(node, AIR.proficiencyLevel) == LEVELS[band], (code, element)
        assert graph.value(node, AIR.importance) == (
            AIR.Essential if importance >= ESSENTIAL_FROM else AIR.Optional)
        assert (ONET[code], AIR.hasRequirement, node) in graph
        assert (node, PROV.wasDerivedFrom, ELEMENT[element]) in graph
        assert (node, DCTERMS.source, SRC["onet-29-2"]) in graph
        assert "airoles-kg rule" in str(graph.value(node, SKOS.editorialNote))
        assert f"Importance {importance:g}, Level {level:g}" in str(graph.value(node, SKOS.note))
        checked += 1
    assert checked > 100


def test_hot_technologies_are_requirements(onet: object) -> None:
    graph = onet.graph  # type: ignore[attr-defined]
    hot = {(r["O*NET-SOC Code"], r["Commodity Code"])
           for r in read_rows(ONET_DIR / "Technology Skills.txt", "\t")
           if r["Hot Technology"] == "Y"}
    assert hot
    for code, commodity in hot:
        node = REQ[f"onet-{code}--commodity-{commodity}"]
        assert graph.value(node, AIR.competency) == COMMODITY[commodity]
        assert graph.value(node, AIR.proficiencyLevel) == AIR.Competent
    assert (COMMODITY[next(iter(hot))[1]], RDF.type, AIR.Technology) in graph


def test_imports_are_deterministic() -> None:
    assert to_turtle(import_onet(ONET_DIR).graph) == to_turtle(import_onet(ONET_DIR).graph)
    assert to_turtle(import_esco(ESCO).graph) == to_turtle(import_esco(ESCO).graph)


# ---------------------------------------------------------------------------- bad input


def _copy(tmp_path: Path, source: Path) -> Path:
    target = tmp_path / source.name
    shutil.copytree(source, target)
    return target


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_a_rating_for_an_unknown_occupation_is_named(tmp_path: Path) -> None:
    folder = _copy(tmp_path, ONET_DIR)
    skills = folder / "Skills.txt"
    lines = skills.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.append(lines[-1].replace(lines[-1].split("\t")[0], "99-9999.00", 1))
    skills.write_text("".join(lines), encoding="utf-8")
    header_line = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    row = len(lines) - header_line
    with pytest.raises(ReferenceDataError) as caught:
        import_onet(folder)
    assert str(caught.value) == (f"{skills}:{row}: column 'O*NET-SOC Code': unknown occupation "
                                 "'99-9999.00': not in Occupation Data.txt")


def test_a_renamed_column_is_named(tmp_path: Path) -> None:
    folder = _copy(tmp_path, ESCO)
    _edit(folder / "occupations_en.csv", ",iscoGroup,", ",iscoGroupCode,")
    with pytest.raises(ReferenceDataError, match=r"occupations_en.csv:1: column 'iscoGroup': "
                                                 r"missing .*'iscoGroupCode'"):
        import_esco(folder)


def test_a_wrong_delimiter_is_named(tmp_path: Path) -> None:
    folder = _copy(tmp_path, ONET_DIR)
    data = folder / "Occupation Data.txt"
    text = data.read_text(encoding="utf-8")
    head, _, body = text.partition("O*NET-SOC Code")
    data.write_text(head + ("O*NET-SOC Code" + body).replace("\t", ","), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"Occupation Data.txt:1: column 'O\*NET-SOC "
                                                 r"Code': .*separated by ','"):
        import_onet(folder)


def test_a_truncated_file_is_named(tmp_path: Path) -> None:
    folder = _copy(tmp_path, ONET_DIR)
    knowledge = folder / "Knowledge.txt"
    text = knowledge.read_text(encoding="utf-8")
    knowledge.write_text(text[: text.rindex("\t", 0, len(text) - 40)], encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"Knowledge.txt:\d+: column '[^']+': the row "
                                                 r"ends after"):
        import_onet(folder)


def test_a_truncated_csv_quote_is_named(tmp_path: Path) -> None:
    folder = _copy(tmp_path, ESCO)
    occupations = folder / "occupations_en.csv"
    text = occupations.read_text(encoding="utf-8")
    occupations.write_text(text[: text.rindex('"') - 5], encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"occupations_en.csv:\d+: .*quote"):
        import_esco(folder)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    folder = _copy(tmp_path, ONET_DIR)
    (folder / "Technology Skills.txt").unlink()
    with pytest.raises(ReferenceDataError, match=r"Technology Skills.txt: missing"):
        import_onet(folder)

"""The third-party extracts under ``tests/fixtures/third-party/`` and their generator.

A clone has nothing beside it, so the tests read third-party data only from the committed
extracts. These tests keep that true: every extract has its provenance header, it holds every
ESCO and O*NET occupation the crosswalk names, no test module builds a path out of the
repository, and ``scripts/extract_third_party.py`` is deterministic, regenerates the same
extracts from their own content, and refuses a missing input with a one-line error; its
``--check`` (``make third-party-check SHARED=DIR`` on the full data) says whether the extracts
are what the data gives.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from test_knowledge_base import ESCO_OCCUPATION, MATCHES, ONET_BASE
from third_party import (
    ESCO_OCCUPATIONS,
    FIXTURES,
    MARKER_LINE,
    ONET_OCCUPATIONS,
    read_body,
    read_rows,
)

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "extract_third_party.py"
sys.path.insert(0, str(SCRIPT.parent))

import extract_third_party as generator  # noqa: E402

README = FIXTURES / "README.md"
REGENERATE = "run `make third-party` to regenerate the extracts"


def _tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root``: relative path -> bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _extracts() -> list[Path]:
    return sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p != README)


# ---------------------------------------------------------------------------- the extracts


def test_every_extract_has_a_provenance_header() -> None:
    extracts = _extracts()
    assert len(extracts) > 100, f"only {len(extracts)} files under {FIXTURES}; {REGENERATE}"
    for path in extracts:
        read_body(path)  # fails unless the file opens with `#` lines ending with the marker
        head = path.read_text(encoding="utf-8").partition(MARKER_LINE)[0]
        assert "# Source: " in head and "# Licence: " in head, path
    assert MARKER_LINE.removeprefix("# ") in README.read_text(encoding="utf-8").splitlines()[0]


def test_the_tests_skip_the_header_the_generator_writes() -> None:
    assert MARKER_LINE == generator.MARKER_LINE


def _crosswalk(kg: Graph) -> tuple[set[str], dict[str, str]]:
    """ESCO occupation IRIs, and O*NET IRI -> code, that the knowledge graph maps roles to."""
    targets = {o for match in MATCHES for o in kg.objects(None, match) if isinstance(o, URIRef)}
    esco = {str(t) for t in targets if str(t).startswith(ESCO_OCCUPATION)}
    onet = {
        str(t): str(kg.value(t, SKOS.notation) or str(t).removeprefix(ONET_BASE))
        for t in targets
        if str(t).startswith(ONET_BASE)
        and not str(t).startswith((ONET_BASE + "element/", ONET_BASE + "commodity/"))
    }
    return esco, onet


def test_extracts_hold_every_onet_element_and_commodity_the_ontology_names(kg: Graph) -> None:
    targets = {str(o) for match in MATCHES for o in kg.objects(None, match)}
    elements = {t.removeprefix(ONET_BASE + "element/") for t in targets
                if t.startswith(ONET_BASE + "element/")}
    commodities = {t.removeprefix(ONET_BASE + "commodity/") for t in targets
                   if t.startswith(ONET_BASE + "commodity/")}
    assert elements and commodities
    rated = {row["Element ID"] for name in ("Skills.txt", "Knowledge.txt")
             for row in read_rows(FIXTURES / "onet-29.2" / name, "\t")}
    listed = {row["Commodity Code"]
              for row in read_rows(FIXTURES / "onet-29.2" / "Technology Skills.txt", "\t")}
    assert sorted(elements - rated) == [] and sorted(commodities - listed) == [], REGENERATE


def test_extracts_hold_every_occupation_the_crosswalk_names(kg: Graph) -> None:
    esco, onet = _crosswalk(kg)
    assert esco and onet, "the crosswalk names no ESCO or no O*NET occupation"
    in_esco = {row["conceptUri"] for row in read_rows(ESCO_OCCUPATIONS)}
    in_onet = {row["O*NET-SOC Code"] for row in read_rows(ONET_OCCUPATIONS, "\t")}
    missing = sorted(iri for iri in esco if iri not in in_esco)
    missing += sorted(f"{iri} (code {code})" for iri, code in onet.items() if code not in in_onet)
    assert not missing, (
        "the crosswalk names occupations missing from the extracts: "
        + ", ".join(missing)
        + f"; {REGENERATE}"
    )


# ------------------------------------------------------------ nothing read from beside us

#: Ways a test module could reach out of the repository, to the folder beside it.
OUTSIDE = [
    re.compile(r"parents\[\d+\]\.parent\b"),  # the repository root's parent
    re.compile(r"\b[A-Z_]*(?:REPO|ROOT)[A-Z_]*\.parent\b"),
    re.compile(r"\.\./shared"),
    re.compile(r"/\s*[\"']shared[\"']"),  # a path segment named shared
    re.compile(r"\bshared/(?:data|seed)\b"),
]


def _reaches_outside(text: str) -> list[str]:
    return [m.group(0) for pattern in OUTSIDE for m in pattern.finditer(text)]


def test_the_outside_patterns_catch_the_old_path() -> None:
    old = "Path(__file__).resolve().parents[1]" + '.parent / "sha' + 'red" / "data"'
    assert len(_reaches_outside(old)) == 2
    assert _reaches_outside("REPO" + ".parent / 'sha" + "red'")
    assert _reaches_outside("read .." + "/shared")
    assert _reaches_outside("sha" + "red/seed/article.txt")
    assert not _reaches_outside('Path(__file__).resolve().parent / "fixtures"')
    assert not _reaches_outside('status in {"sha' + 'red", "only-A"}')


def test_no_test_module_reads_beside_the_repository() -> None:
    modules = sorted((REPO / "tests").rglob("*.py"))
    assert len(modules) > 10, modules
    found = {
        str(path.relative_to(REPO)): hits
        for path in modules
        if (hits := _reaches_outside(path.read_text(encoding="utf-8")))
    }
    assert not found, f"tests must read third-party data from {FIXTURES}: {found}"


# ----------------------------------------------------------------------------- the generator


def _shared_from_extracts(root: Path) -> Path:
    """A shared folder holding, at the source paths, the extracts' content below the header."""
    bodies = {
        f"data/{generator.W3C_DIR}": FIXTURES / generator.W3C_DIR,
        f"data/{generator.ESCO_DIR}": FIXTURES / generator.ESCO_DIR,
        f"data/{generator.ONET_DIR}": FIXTURES / generator.ONET_DIR,
        generator.SEED_DIR: FIXTURES / generator.SEED_DIR,
    }
    for target, source in bodies.items():
        files = sorted(source.rglob("*")) if source.is_dir() else [source]
        for path in (p for p in files if p.is_file()):
            relative = path.relative_to(source) if source.is_dir() else Path()
            out = root / target / relative
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(read_body(path).encode("utf-8"))
    return root


def test_generator_is_deterministic_and_reproduces_the_extracts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = _shared_from_extracts(tmp_path / "sources")
    first, second = tmp_path / "first", tmp_path / "second"
    assert generator.main(["--shared", str(shared), "--out", str(first)]) == 0
    assert generator.main(["--shared", str(shared), "--out", str(second)]) == 0
    generated = _tree(first)
    assert generated == _tree(second), "two runs of the generator differ"
    committed = _tree(FIXTURES)
    assert set(generated) == set(committed), sorted(set(generated) ^ set(committed))
    assert capsys.readouterr().out.count(f"wrote {len(committed)} files ") == 2
    # Read back from the extracts alone, the generator selects the same rows, files and
    # sentences (the headers' "n of N" counts differ: N is the source's size); the W3C files,
    # whole, have the same bytes.
    differ = [
        name
        for name in sorted(generated)
        if name != "README.md" and read_body(first / name) != read_body(FIXTURES / name)
    ]
    w3c = [n for n in generated if n.startswith(generator.W3C_DIR + "/")]
    differ += [n for n in w3c if generated[n] != committed[n]]
    assert not differ, f"regenerated from their own content, these extracts differ: {differ}"


def test_generator_removes_an_extract_it_no_longer_makes(tmp_path: Path) -> None:
    shared = _shared_from_extracts(tmp_path / "sources")
    out = tmp_path / "out"
    stale = out / generator.W3C_DIR / "core" / "gone.ttl"
    kept = out / "notes.txt"
    stale.parent.mkdir(parents=True)
    stale.write_text(MARKER_LINE + "\n", encoding="utf-8")
    kept.write_text("not generated\n", encoding="utf-8")
    assert generator.main(["--shared", str(shared), "--out", str(out)]) == 0
    assert not stale.exists() and kept.exists()


@pytest.mark.parametrize(
    "remove",
    [
        "",
        "data",
        f"data/{generator.W3C_DIR}/sparql/manifest.ttl",
        f"data/{generator.ESCO_FILE}",
        f"data/{generator.ONET_FILE}",
        generator.SEED_DIR,
    ],
)
def test_a_missing_input_is_a_one_line_error(tmp_path: Path, remove: str) -> None:
    shared = _shared_from_extracts(tmp_path / "sources")
    gone = shared / remove
    if gone.is_dir():
        for path in sorted(gone.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        gone.rmdir()
    else:
        gone.unlink()
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--shared", str(shared), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("extract_third_party.py: error: "), lines[0]
    assert f"{gone}: missing" in lines[0]
    assert not out.exists(), "nothing is written when an input is missing"


def test_a_crosswalk_target_missing_from_the_source_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = _shared_from_extracts(tmp_path / "sources")
    onet = shared / "data" / generator.ONET_FILE
    lines = onet.read_text(encoding="utf-8").splitlines(keepends=True)
    dropped = lines.pop(1)
    onet.write_text("".join(lines), encoding="utf-8")
    assert generator.main(["--shared", str(shared), "--out", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and dropped.split("\t")[0] in error, error


def _drop_esco_group(shared: Path, iri: str) -> None:
    """Remove the skills-hierarchy row of ``iri`` (its deepest level) from the sources."""
    path = shared / "data" / generator.ESCO_DIR / "skillsHierarchy_en.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    kept = [rows[0], *(r for r in rows[1:] if [c for c in r[0:8:2] if c][-1] != iri)]
    assert len(kept) == len(rows) - 1, f"{iri}: not one row of {path}"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(kept)
    path.write_text(out.getvalue(), encoding="utf-8")


def _drop_onet_commodity(shared: Path, code: str) -> None:
    """Remove every Technology Skills row of commodity ``code`` from the sources."""
    path = shared / "data" / generator.ONET_DIR / "Technology Skills.txt"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    column = lines[0].rstrip("\n").split("\t").index("Commodity Code")
    kept = [line for line in lines if line.split("\t")[column] != code]
    assert len(kept) < len(lines), f"{code}: not in {path}"
    path.write_text("".join(kept), encoding="utf-8")


@pytest.mark.parametrize("kind", ["ISCED-F field", "commodity"])
def test_a_concept_the_ontology_names_missing_from_the_source_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    named = generator.read_ontology()
    shared = _shared_from_extracts(tmp_path / "sources")
    if kind == "commodity":
        gone = sorted(named.onet_commodities)[0]
        _drop_onet_commodity(shared, gone)
    else:
        fields = generator.ESCO_BASE + "isced-f/"
        gone = sorted(i for i in named.esco_all if i.startswith(fields))[0]
        _drop_esco_group(shared, gone)
    assert generator.main(["--shared", str(shared), "--out", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and gone in error and "named by the ontology" in error, error
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------- the maintainer's check against the data


def test_check_says_whether_the_extracts_are_what_the_data_gives(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # ``make third-party-check SHARED=DIR`` runs this on the full data; here, on data made from
    # the extracts, so the check runs in a clone with nothing beside it.
    shared = _shared_from_extracts(tmp_path / "sources")
    out = tmp_path / "third-party"
    assert generator.main(["--shared", str(shared), "--out", str(out)]) == 0
    assert generator.main(["--shared", str(shared), "--out", str(out), "--check"]) == 0
    assert "are what" in capsys.readouterr().out
    changed = next(p for p in sorted(out.rglob("*.csv")))
    changed.write_bytes(changed.read_bytes() + b"x\n")
    before = _tree(out)
    assert generator.main(["--shared", str(shared), "--out", str(out), "--check"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and changed.relative_to(out).as_posix() in error, error
    assert _tree(out) == before, "--check writes nothing"

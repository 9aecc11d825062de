"""The synthetic steward catalogues of ``benchmarks/generate.py``: size, determinism, defects.

The benchmarks rely on three promises: the catalogue has about the requested number of
triples, the same seed gives the same bytes, and the injected defects are known exactly (one
validation result each, nothing else in the catalogue violates a shape).
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from generate import (  # noqa: E402
    DEFECT_KINDS,
    GENERATOR,
    current_catalogue,
    generate,
    main,
    parse_size,
    write_catalogue,
)


@pytest.mark.parametrize(
    ("text", "size"), [("10k", 10_000), ("100K", 100_000), ("1M", 1_000_000), ("2500", 2_500)]
)
def test_sizes_are_parsed(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "ten", "10x", "500"])
def test_bad_sizes_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_size(text)


@pytest.mark.parametrize("size", [5_000, 20_000])
def test_catalogue_has_about_the_requested_size(size: int) -> None:
    catalogue, lines = generate(size, seed=3)
    text = "".join(lines)
    parsed = sum(1 for _ in ox.parse(text.encode(), format=ox.RdfFormat.N_TRIPLES))
    assert parsed == catalogue.triples
    assert abs(catalogue.triples - size) / size < 0.1


def test_same_seed_same_bytes_other_seed_other_bytes() -> None:
    first = "".join(generate(5_000, seed=7)[1])
    again = "".join(generate(5_000, seed=7)[1])
    other = "".join(generate(5_000, seed=8)[1])
    assert first == again
    assert first != other


def test_defects_are_known_with_their_results() -> None:
    catalogue, lines = generate(20_000, seed=5)
    list(lines)
    assert len({e.focus_node for e in catalogue.expected}) == 20_000 // 1_250
    kinds = Counter(e.source_shape.rsplit("#", 1)[1] for e in catalogue.expected)
    # every kind is injected at least once; three also name an unknown term (references.ttl)
    assert len(kinds) == len(DEFECT_KINDS) + 3
    assert {k for k in kinds if k.startswith("Known")} == {
        "KnownLevelShape", "KnownCompetencyShape", "KnownFamilyShape"}
    foci = [(e.focus_node, e.source_shape) for e in catalogue.expected]
    assert len(foci) == len(set(foci))


def test_explicit_violation_count() -> None:
    catalogue, lines = generate(5_000, seed=1, violations=13)
    list(lines)
    assert len({e.focus_node for e in catalogue.expected}) == 13


def test_write_plain_and_gzip_with_expected_sidecar(tmp_path: Path) -> None:
    plain = tmp_path / "c.nt"
    packed = tmp_path / "c.nt.gz"
    one = write_catalogue(4_000, 2, plain)
    two = write_catalogue(4_000, 2, packed)
    assert gzip.decompress(packed.read_bytes()) == plain.read_bytes()
    sidecar = json.loads((tmp_path / "c.nt.expected.json").read_text(encoding="utf-8"))
    assert sidecar["triples"] == one.triples == two.triples
    assert sidecar["violations"] == len(sidecar["expected"]) == len(one.expected)
    assert not list(tmp_path.glob(".*.tmp"))


def test_data_of_another_generator_is_made_again(tmp_path: Path) -> None:
    # Benchmarks reuse the data they generated; data whose expected results an older generator
    # wrote (before a shape changed) would be judged against results the shapes no longer give.
    out = tmp_path / "c.nt"
    sidecar = tmp_path / "c.nt.expected.json"
    first = current_catalogue(3_000, 5, out)
    assert first["generator"] == GENERATOR and out.is_file()
    out.write_bytes(b"kept\n")  # reused as it is while the generator is the same
    assert current_catalogue(3_000, 5, out) == first and out.read_bytes() == b"kept\n"
    sidecar.write_text(json.dumps({**first, "generator": "older"}), encoding="utf-8")
    assert current_catalogue(3_000, 5, out) == first and out.read_bytes() != b"kept\n"
    sidecar.write_text("{not json", encoding="utf-8")
    assert current_catalogue(3_000, 5, out) == first


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c.nt"
    assert main(["--size", "3k", "--seed", "4", "--out", str(out)]) == 0
    assert "injected violations" in capsys.readouterr().out
    assert main(["--size", "lots", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1

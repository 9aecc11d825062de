"""Atomic output: a failed write leaves neither a partial file nor a temporary one behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from airoles_kg.atomic import atomic_write, atomic_write_bytes, atomic_write_text


def test_text_is_written_as_utf8_with_lf(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.ttl"
    atomic_write_text(target, "« rôle »\r\n")
    assert target.read_bytes() == "« rôle »\r\n".encode()
    atomic_write_bytes(target, b"x")
    assert target.read_bytes() == b"x"


def test_failure_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.nt"
    target.write_bytes(b"old\n")
    with pytest.raises(RuntimeError), atomic_write(target, "wb") as handle:
        handle.write(b"half a file")
        raise RuntimeError("serialiser crashed")
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.nt"]


def test_permissions_follow_the_umask_not_the_temporary_file(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "airoles.ttl"
        atomic_write_text(target, "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.build.atomic import atomic_target, atomic_write_bytes, sha256_file


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    dest = tmp_path / "out" / "a.pdf"
    atomic_write_bytes(dest, b"first", tmp_path / "tmp")
    atomic_write_bytes(dest, b"second", tmp_path / "tmp")
    assert dest.read_bytes() == b"second"
    assert list((tmp_path / "tmp").iterdir()) == []


def test_failed_write_keeps_previous_file_and_leaves_no_temp(tmp_path: Path) -> None:
    dest = tmp_path / "out" / "a.pdf"
    atomic_write_bytes(dest, b"good", tmp_path / "tmp")
    with pytest.raises(RuntimeError), atomic_target(dest, tmp_path / "tmp") as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("renderer crashed")
    assert dest.read_bytes() == b"good"
    assert list((tmp_path / "tmp").iterdir()) == []
    assert sorted(p.name for p in dest.parent.iterdir()) == ["a.pdf"]


def test_sha256_file(tmp_path: Path) -> None:
    path = tmp_path / "x"
    path.write_bytes(b"abc")
    assert sha256_file(path) == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


def test_outputs_are_readable_by_others(tmp_path: Path) -> None:
    dest = tmp_path / "a.pdf"
    atomic_write_bytes(dest, b"x", tmp_path / "tmp")
    assert dest.stat().st_mode & 0o777 == 0o644

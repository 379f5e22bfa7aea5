from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest

from reportgen.errors import BuildError
from reportgen.pipeline import atomic
from reportgen.pipeline.atomic import (
    PARTIAL,
    atomic_target,
    atomic_write_bytes,
    remove_leftovers,
    sha256_file,
)


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


def _exdev(real):  # type: ignore[no-untyped-def]
    def replace(src, dst):  # type: ignore[no-untyped-def]
        if Path(src).parent.name == "tmp":  # from the state folder: another filesystem
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real(src, dst)
    return replace


def test_cross_filesystem_write_replaces_and_leaves_no_partial(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic.os, "replace", _exdev(os.replace))
    dest = tmp_path / "out" / "a.pdf"
    atomic_write_bytes(dest, b"first", tmp_path / "tmp")
    atomic_write_bytes(dest, b"second", tmp_path / "tmp")
    assert dest.read_bytes() == b"second"
    assert sorted(p.name for p in dest.parent.iterdir()) == ["a.pdf"]


def test_full_disk_across_filesystems_keeps_old_file_and_no_partial(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dest = tmp_path / "out" / "a.pdf"
    atomic_write_bytes(dest, b"good", tmp_path / "tmp")
    monkeypatch.setattr(atomic.os, "replace", _exdev(os.replace))

    def full(src, dst, length=0):  # type: ignore[no-untyped-def]
        dst.write(b"ha")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.shutil, "copyfileobj", full)
    message = re.escape("out/a.pdf：无法写入（No space left on device）")
    with pytest.raises(BuildError, match=message) as exc:
        atomic_write_bytes(dest, b"new", tmp_path / "tmp")
    assert "磁盘已满" in str(exc.value)
    assert dest.read_bytes() == b"good"
    assert sorted(p.name for p in dest.parent.iterdir()) == ["a.pdf"]
    assert list((tmp_path / "tmp").iterdir()) == []


def test_planted_partial_link_is_not_written_through(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    dest = tmp_path / "out" / "a.pdf"
    dest.parent.mkdir()
    (dest.parent / ".a.pdf.partial").symlink_to(victim)
    monkeypatch.setattr(atomic.os, "replace", _exdev(os.replace))
    atomic_write_bytes(dest, b"new", tmp_path / "tmp")
    assert victim.read_text(encoding="utf-8") == "precious"
    assert dest.read_bytes() == b"new" and not dest.is_symlink()


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_read_only_destination_is_a_located_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    dest = tmp_path / "output" / "a.pdf"
    atomic_write_bytes(dest, b"good", tmp_path / "tmp")

    def refuse(src, dst):  # type: ignore[no-untyped-def]
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(BuildError, match=re.escape("output/a.pdf：无法写入")) as exc:
        atomic_write_bytes(dest, b"new", tmp_path / "tmp")
    assert "只读或没有写权限" in str(exc.value)
    assert dest.read_bytes() == b"good"
    assert list((tmp_path / "tmp").iterdir()) == []


def test_full_state_folder_while_rendering_is_a_located_error(tmp_path: Path) -> None:
    dest = tmp_path / "output" / "a.pdf"
    with pytest.raises(BuildError, match=re.escape("tmp/a.pdf：无法写入")), \
            atomic_target(dest, tmp_path / "tmp"):
        raise OSError(errno.ENOSPC, "No space left on device")
    assert not dest.exists()


def test_remove_leftovers_removes_links_not_their_targets(tmp_path: Path) -> None:
    victim = tmp_path / "victim.partial"
    victim.write_text("precious", encoding="utf-8")
    out = tmp_path / "output"
    out.mkdir()
    (out / ".a.pdf.partial").write_bytes(b"half")
    (out / ".b.pdf.partial").symlink_to(victim)
    (out / "a.pdf").write_bytes(b"good")
    removed = remove_leftovers(out, PARTIAL.format(name="*"))
    assert removed == [".a.pdf.partial", ".b.pdf.partial"]
    assert sorted(p.name for p in out.iterdir()) == ["a.pdf"]
    assert victim.read_text(encoding="utf-8") == "precious"

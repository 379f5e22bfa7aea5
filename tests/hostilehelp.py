"""Helpers of the hostile-input tests: a tiny ``reportgen init`` project next to an
``outside`` folder, a fingerprint of a folder tree, and one CLI run captured."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.scaffold import init_project


def tree(root: Path) -> dict[str, str]:
    """Every entry under ``root`` (links not followed) with its content hash or kind."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            out[rel] = "link:" + str(path.readlink())
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[rel] = "dir"
    return out


def make_world(tmp_path: Path) -> tuple[Path, Path]:
    """A fresh init project ``proj`` and a folder ``outside`` holding one secret file."""
    root = tmp_path / "proj"
    init_project(root)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "leak.md").write_text("LEAKED SECRET\n", encoding="utf-8")
    return root, outside


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """``reportgen argv``: exit code and everything printed (usage errors included)."""
    capsys.readouterr()
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def export_argv(root: Path, target: str, fmt: str = "csv") -> list[str]:
    return ["-C", str(root), "data", "export", "--format", fmt, "-o", target]

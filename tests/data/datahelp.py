"""Helpers of the data-layer tests: sample projects with overrides, tree hashes, CLI runs."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from reportgen.cli import main

SAMPLES = Path(__file__).resolve().parents[1] / "projects"
CLEAN = "data-clean"
OBS = "data/observations/doc-a.csv"
OBS_HEADER = "region_code,indicator_id,period,value,unit,source_id,quote,note,flag\n"


def make_project(dest: Path, files: dict[str, str | bytes] | None = None,
                 base: str = CLEAN) -> Path:
    """Copy tests/projects/<base> to ``dest`` and write ``files`` (str = UTF-8) over it."""
    shutil.copytree(SAMPLES / base, dest)
    for rel, content in (files or {}).items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return dest


def tree_hash(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run_cli(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str]:
    """Run ``reportgen -C root args``; return the exit code and stdout+stderr."""
    capsys.readouterr()
    code = main(["-C", str(root), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def observations(*rows: str) -> str:
    return OBS_HEADER + "".join(row + "\n" for row in rows)


def validate_guarded(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                     files: dict[str, str | bytes]) -> tuple[int, str]:
    """``validate`` a tiny project at tmp_path/p; its data/ and a folder beside it unchanged."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("x")
    root = make_project(tmp_path / "p", files)
    before = tree_hash(root / "data"), tree_hash(outside)
    code, out = run_cli(capsys, root, "validate")
    assert (tree_hash(root / "data"), tree_hash(outside)) == before
    assert "Traceback" not in out
    return code, out

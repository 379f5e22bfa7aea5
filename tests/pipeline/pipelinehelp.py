"""Helpers for build tests: a tiny project with the shipped specs and fonts, a quiet build."""

from __future__ import annotations

import hashlib
import io
import shutil
from pathlib import Path

from reportgen.config import load_project
from reportgen.pipeline.driver import BuildOptions, BuildResult, run_build
from reportgen.pipeline.progress import Reporter

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "projects" / "build-mini"


def make_project(dest: Path) -> Path:
    shutil.copytree(MINI, dest)
    shutil.copytree(REPO / "data" / "indicators", dest / "data" / "indicators")
    shutil.copytree(REPO / "templates", dest / "templates")
    shutil.copytree(REPO / "fonts", dest / "fonts")
    return dest


def build(root: Path, log: io.StringIO | None = None, **options: object) -> BuildResult:
    return run_build(load_project(root), BuildOptions(**options),  # type: ignore[arg-type]
                     Reporter(log if log is not None else io.StringIO()))


def tree_hash(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (links as their target text) → its sha256."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[rel] = "-> " + str(path.readlink())
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out

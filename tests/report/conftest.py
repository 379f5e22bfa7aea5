"""Fixtures of the report tests: a fresh copy of a sample project."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from reportgen.config import Config, Project

SAMPLES = Path(__file__).resolve().parents[1] / "projects"


@pytest.fixture
def tiny_project(tmp_path: Path) -> Callable[[str], Project]:
    """A copy of tests/projects/<name> as a Project (default: report-tiny)."""

    def make(name: str = "report-tiny") -> Project:
        dest = tmp_path / name
        shutil.copytree(SAMPLES / name, dest)
        return Project(root=dest, config=Config())

    return make

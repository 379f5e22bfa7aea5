"""Shared fixtures: the repository as the default project, tiny sample projects."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = Path(__file__).resolve().parent / "projects"
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture
def repo_root() -> Path:
    return REPO


@pytest.fixture
def sample_project(tmp_path: Path):
    """Copy tests/projects/<name> into a temp dir and return its path."""

    def make(name: str) -> Path:
        dest = tmp_path / name
        shutil.copytree(SAMPLES / name, dest)
        return dest

    return make

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


@pytest.fixture(scope="session")
def built_mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/projects/build-mini with the shipped indicators, templates and fonts, built
    once per session by a clean build (6 outputs). Read it or copy it (``built_project``);
    never change it."""
    from tests.pipeline.pipelinehelp import build, make_project

    root = make_project(tmp_path_factory.mktemp("built-mini") / "proj")
    result = build(root)
    assert result.exit_code == 0 and len(result.built) == 6
    return root


@pytest.fixture
def built_project(built_mini: Path, tmp_path: Path) -> Path:
    """A copy of ``built_mini`` (outputs, manifest, caches, data snapshot): the state a
    clean build leaves, without rendering it again."""
    return Path(shutil.copytree(built_mini, tmp_path / "proj", symlinks=True))

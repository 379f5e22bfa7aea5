"""The parsed Dataset is reused while nothing it was read from changed, and only then."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from datahelp import SAMPLES

from reportgen.config import load_project
from reportgen.data import parsecache
from reportgen.data.load import load_valid_dataset
from reportgen.data.model import Dataset
from reportgen.errors import DataError


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLES / "data-clean", tmp_path / "p"))


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []

    def load(project):  # type: ignore[no-untyped-def]
        calls.append(1)
        return load_valid_dataset(project)

    monkeypatch.setattr("reportgen.data.load.load_valid_dataset", load)  # imported on a miss
    return calls


def test_second_load_reads_the_cache(project_dir: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch)
    cache = tmp_path / "cache"
    first = parsecache.cached_valid_dataset(load_project(project_dir), cache, "code-1")
    again = parsecache.cached_valid_dataset(load_project(project_dir), cache, "code-1")
    assert calls == [1]
    assert isinstance(again, Dataset) and again.observations == first.observations
    assert len(list(cache.glob("dataset-*.pickle"))) == 1


def test_changed_data_new_file_or_new_code_parse_again(project_dir: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch)
    cache = tmp_path / "cache"
    parsecache.cached_valid_dataset(load_project(project_dir), cache, "code-1")
    regions = project_dir / "data" / "regions.csv"
    regions.write_bytes(regions.read_bytes() + b"\n")
    parsecache.cached_valid_dataset(load_project(project_dir), cache, "code-1")
    (project_dir / "data" / "notes.txt").write_text("x", encoding="utf-8")
    parsecache.cached_valid_dataset(load_project(project_dir), cache, "code-1")
    parsecache.cached_valid_dataset(load_project(project_dir), cache, "code-2")
    assert calls == [1, 1, 1, 1]
    assert len(list(cache.glob("dataset-*.pickle"))) == 1  # old entries are dropped


def test_a_damaged_cache_file_is_parsed_again(project_dir: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch)
    cache = tmp_path / "cache"
    parsecache.cached_valid_dataset(load_project(project_dir), cache, "c")
    next(cache.glob("dataset-*.pickle")).write_bytes(b"not a pickle")
    dataset = parsecache.cached_valid_dataset(load_project(project_dir), cache, "c")
    assert calls == [1, 1] and dataset.regions


def test_errors_are_raised_and_never_cached(project_dir: Path, tmp_path: Path) -> None:
    regions = project_dir / "data" / "regions.csv"
    regions.write_text(regions.read_text(encoding="utf-8") + "41XXXX,坏,city,410000\n",
                       encoding="utf-8")
    cache = tmp_path / "cache"
    for _ in range(2):
        with pytest.raises(DataError):
            parsecache.cached_valid_dataset(load_project(project_dir), cache, "c")
    assert not list(cache.glob("dataset-*.pickle"))


class _Planted:
    """A pickle that runs code when loaded (what an attacker would plant)."""

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (Path(_Planted.marker),))

    marker = ""


def test_a_planted_pickle_is_never_unpickled(project_dir: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle

    calls = _counting(monkeypatch)
    cache = tmp_path / "cache"
    parsecache.cached_valid_dataset(load_project(project_dir), cache, "c")
    entry = next(cache.glob("dataset-*.pickle"))
    _Planted.marker = str(tmp_path / "pwned")
    body = pickle.dumps(_Planted())
    entry.write_bytes(entry.read_bytes()[:32] + body)  # an old MAC, new body
    dataset = parsecache.cached_valid_dataset(load_project(project_dir), cache, "c")
    assert not (tmp_path / "pwned").exists() and dataset.regions and calls == [1, 1]
    entry.write_bytes(body)  # no MAC at all
    parsecache.cached_valid_dataset(load_project(project_dir), cache, "c")
    assert not (tmp_path / "pwned").exists()


def test_a_key_others_can_read_disables_the_cache(project_dir: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch)
    cache = tmp_path / "cache"
    parsecache.cached_valid_dataset(load_project(project_dir), cache, "c")
    key = cache / parsecache.KEY_FILE
    assert key.stat().st_mode & 0o777 == 0o600
    key.chmod(0o644)
    parsecache.cached_valid_dataset(load_project(project_dir), cache, "c")
    assert calls == [1, 1]  # parsed again, not read from a cache anyone could forge

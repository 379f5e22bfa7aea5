"""The parsed, validated Dataset cached by the content hash of everything it was read from.

A no-op build must not parse what it already parsed. The key covers the bytes and names of
every file under data/ and under the source-documents folder (the provenance check reads
them), the project's config and the caller's code digest (a new parser must re-parse).
A damaged or foreign cache file is ignored and rewritten; errors are never cached.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import pickle
import tempfile
from pathlib import Path

from reportgen.config import Project
from reportgen.data.load import load_valid_dataset
from reportgen.data.model import Dataset

_FORMAT = "dataset-v1"


def dataset_key(project: Project, code_digest: str) -> str:
    digest = hashlib.sha256()
    sources = project.sources_path()
    head = {"format": _FORMAT, "code": code_digest, "sources": str(sources or ""),
            "config": dataclasses.asdict(project.config)}
    digest.update(json.dumps(head, sort_keys=True, default=str).encode())
    for folder in (project.data_dir, sources):
        if folder is None:
            continue
        for path in _files(folder):
            digest.update(f"\n{folder.name}/{path.relative_to(folder).as_posix()}\n".encode())
            if path.is_symlink():  # never followed out of the project: its target names it
                digest.update(f"-> {os.readlink(path)}".encode())
            else:
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_symlink() or p.is_file())


def cached_valid_dataset(project: Project, cache_dir: Path, code_digest: str) -> Dataset:
    """``load_valid_dataset(project)``, from ``cache_dir`` when nothing it read changed."""
    path = cache_dir / f"dataset-{dataset_key(project, code_digest)[:32]}.pickle"
    if path.is_file():
        try:
            cached = pickle.loads(path.read_bytes())  # our own file, written below
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError,
                ValueError):
            cached = None
        if isinstance(cached, Dataset):
            return cached
    dataset = load_valid_dataset(project)  # raises on errors: nothing is cached then
    with contextlib.suppress(OSError):  # a full or read-only state folder: build uncached
        _save(path, dataset)
    return dataset


def _save(path: Path, dataset: Dataset) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob("dataset-*.pickle"):  # keep one: the newest
        old.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".dataset.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(dataset, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

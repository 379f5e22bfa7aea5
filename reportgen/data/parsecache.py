"""The parsed, validated Dataset cached by the content hash of everything it was read from.

A no-op build must not parse what it already parsed. The key covers the bytes and names of
every file under data/ and under the source-documents folder (the provenance check reads
them), the project's config and the caller's code digest (a new parser must re-parse).
A damaged or foreign cache file is ignored and rewritten; errors are never cached.

A pickle runs code when loaded, so a cache file is unpickled only when its HMAC, keyed by
a random secret kept beside it (``cache.key``, mode 0600, made on first use), matches: a
file planted or altered by anyone who cannot read that key is discarded unread.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
import json
import os
import pickle
from pathlib import Path

from reportgen.config import Project
from reportgen.data.model import Dataset
from reportgen.errors import BuildError
from reportgen.paths import read_inside, write_atomic

_FORMAT = "dataset-v1"
KEY_FILE = "cache.key"
_MAC_SIZE = hashlib.sha256().digest_size


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
    key = _secret(cache_dir)
    if key is not None and path.is_file() and not path.is_symlink():
        cached = _verified_load(cache_dir, path, key)
        if isinstance(cached, Dataset):
            return cached
    from reportgen.data.load import load_valid_dataset  # a cache hit (no-op) needs no parser

    dataset = load_valid_dataset(project)  # raises on errors: nothing is cached then
    if key is not None:
        with contextlib.suppress(OSError):  # a full or read-only state folder: build uncached
            _save(path, dataset, key)
    return dataset


def _secret(cache_dir: Path) -> bytes | None:
    """The cache's HMAC key, created on first use; None when it cannot be kept safely."""
    path = cache_dir / KEY_FILE
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        if not path.exists() and not path.is_symlink():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(os.urandom(32))
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)  # a link in its place: no cache
        with os.fdopen(fd, "rb") as fh:
            if os.fstat(fh.fileno()).st_mode & 0o077:
                return None  # readable by others: anyone could forge a cache file
            key = fh.read()
    except OSError:
        return None
    return key if len(key) == 32 else None


def _verified_load(root: Path, path: Path, key: bytes) -> object:
    body = read_signed(root, path, key)
    if body is None:
        return None  # foreign, damaged or planted: never unpickled
    try:
        return pickle.loads(body)  # written by _save with this key
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError,
            ValueError):
        return None


def _save(path: Path, dataset: Dataset, key: bytes) -> None:
    for old in path.parent.glob("dataset-*.pickle"):  # keep one: the newest
        old.unlink(missing_ok=True)
    write_signed(path, pickle.dumps(dataset, protocol=pickle.HIGHEST_PROTOCOL), key)


def cache_secret(cache_dir: Path) -> bytes | None:
    """The HMAC key of the cache folder (other caches sign their files with it too)."""
    return _secret(cache_dir)


def read_signed(root: Path, path: Path, key: bytes) -> bytes | None:
    """The body of a file ``write_signed`` wrote with ``key``; None if absent, outside
    ``root``, damaged or forged."""
    try:
        blob = read_inside(root, path)
    except (OSError, BuildError):
        return None
    mac, body = blob[:_MAC_SIZE], blob[_MAC_SIZE:]
    if not hmac.compare_digest(mac, hmac.new(key, body, hashlib.sha256).digest()):
        return None
    return body


def write_signed(path: Path, body: bytes, key: bytes) -> None:
    """``body`` behind its HMAC, written atomically (``write_atomic``)."""
    write_atomic(path, hmac.new(key, body, hashlib.sha256).digest() + body)

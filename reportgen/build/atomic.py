"""Atomic file writes: a finished file appears at once or not at all.

Temporary files live in the project's state folder (``.reportgen/tmp``), not in
``output/``, so a build killed mid-way leaves no partial file among the outputs.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@contextlib.contextmanager
def atomic_target(dest: Path, tmp_dir: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``dest`` atomically."""
    tmp_dir.mkdir(parents=True, exist_ok=True)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=dest.stem + ".", suffix=dest.suffix, dir=tmp_dir)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are meant to be shared
        _replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def _replace(tmp: Path, dest: Path) -> None:
    try:
        os.replace(tmp, dest)
    except OSError:
        # Different filesystems (EXDEV): stage beside the destination, then rename.
        staged = dest.with_name(f".{dest.name}.partial")
        staged.write_bytes(tmp.read_bytes())
        os.replace(staged, dest)


def atomic_write_bytes(dest: Path, data: bytes, tmp_dir: Path) -> None:
    with atomic_target(dest, tmp_dir) as tmp:
        tmp.write_bytes(data)

"""Atomic file writes: a finished file appears at once or not at all.

Temporary files live in the project's state folder (``.reportgen/tmp``), not in
``output/``, so a build killed mid-way leaves no partial file among the outputs. When
``output/`` is on another filesystem the file is staged beside its destination as
``.<name>.partial``; a failed copy removes it, and ``remove_leftovers`` clears one left by a
``kill -9``. A full disk or a read-only folder is a located ``BuildError``; the previous
file stays as it was.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from reportgen.errors import BuildError

PARTIAL = ".{name}.partial"  # staged copy beside the destination (cross-filesystem writes)
_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
_DENIED = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_error(path: Path, exc: OSError, shown: str = "") -> BuildError:
    """A located error for a write that failed (full disk, read-only or no permission)."""
    shown = shown or (f"{path.parent.name}/{path.name}" if path.parent.name else path.name)
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOENT:
        hint = "暂存文件在生成过程中被删除（如 rm -rf .reportgen）：重新运行 reportgen build"
    elif exc.errno in _FULL:
        hint = "磁盘已满（或超出配额）：腾出空间后重新运行 reportgen build；原有输出文件未被改动"
    elif exc.errno in _DENIED:
        hint = "该文件夹只读或没有写权限：改正权限或挂载方式后重新运行；原有输出文件未被改动"
    else:
        hint = "检查该文件夹的权限与剩余空间后重新运行；原有输出文件未被改动"
    return BuildError(f"{shown}：无法写入（{reason}）", hint=hint)


def is_write_failure(exc: OSError) -> bool:
    return exc.errno in _FULL or exc.errno in _DENIED


@contextlib.contextmanager
def atomic_target(dest: Path, tmp_dir: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``dest`` atomically."""
    try:
        tmp_dir.mkdir(parents=True, exist_ok=True)
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(dest, exc) from None
    staging = f"{tmp_dir.parent.name}/{tmp_dir.name}/{dest.name}"  # .reportgen/tmp/<name>
    try:
        fd, name = tempfile.mkstemp(prefix=dest.stem + ".", suffix=dest.suffix, dir=tmp_dir)
    except OSError as exc:
        raise write_error(tmp_dir, exc, staging) from None
    os.close(fd)
    tmp = Path(name)
    try:
        try:
            yield tmp
        except OSError as exc:  # the renderer ran out of room in the state folder
            if is_write_failure(exc) or not tmp_dir.is_dir():
                raise write_error(tmp_dir, exc, staging) from None
            raise
        try:
            with tmp.open("rb") as handle:
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are meant to be shared
        except OSError as exc:  # the staged file vanished (rm -rf .reportgen meanwhile)
            raise write_error(tmp_dir, exc, staging) from None
        try:
            _replace(tmp, dest)
        except OSError as exc:
            raise write_error(dest, exc) from None
    finally:
        tmp.unlink(missing_ok=True)


def _replace(tmp: Path, dest: Path) -> None:
    try:
        os.replace(tmp, dest)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        _replace_across(tmp, dest)


def _replace_across(tmp: Path, dest: Path) -> None:
    """Different filesystems: copy to a staged file beside ``dest``, then rename it.

    The staged name is created fresh (``O_EXCL``, no link followed), and removed whatever
    happens, so a failed copy (disk full) leaves nothing in ``output/``."""
    staged = dest.with_name(PARTIAL.format(name=dest.name))
    staged.unlink(missing_ok=True)
    try:
        fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "wb") as out, tmp.open("rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        os.replace(staged, dest)
    finally:
        staged.unlink(missing_ok=True)


def atomic_write_bytes(dest: Path, data: bytes, tmp_dir: Path) -> None:
    with atomic_target(dest, tmp_dir) as tmp:
        tmp.write_bytes(data)


def remove_leftovers(folder: Path, pattern: str, *, recursive: bool = False) -> list[str]:
    """Delete files matching ``pattern`` that a killed process left in ``folder`` (links are
    removed themselves, never followed); the names removed."""
    if folder.is_symlink() or not folder.is_dir():
        return []
    removed = []
    found = folder.rglob(pattern) if recursive else folder.glob(pattern)
    for path in sorted(found):
        if path.is_symlink() or path.is_file():
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path.name)
    return removed

"""Housekeeping of output/ and the state folder at the start of a build (under the lock).

- Leftovers of a killed build: ``.reportgen/tmp/``, ``output/.<name>.partial`` and the
  caches' ``.*.tmp`` files are removed.
- Outputs of a region removed from the data (or renamed: new file name) are **retired**:
  moved to ``output/.retired/`` and dropped from the manifest. Only plain files directly in
  ``output/`` are moved; a manifest path that leaves ``output/`` is ignored, never followed.
- Retired files are kept ``RETIRED_KEEP_DAYS`` days after retirement, at most
  ``RETIRED_KEEP_FILES`` of them (newest first), then deleted; links are removed, never
  followed, and nothing outside ``output/.retired/`` is touched.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import time
from collections.abc import Iterable
from pathlib import Path

from reportgen.data.model import Dataset
from reportgen.paths import inside
from reportgen.pipeline.atomic import PARTIAL, remove_leftovers
from reportgen.pipeline.manifest import Manifest, ManifestEntry
from reportgen.pipeline.plan import Job

RETIRED_DIR = ".retired"
RETIRED_KEEP_DAYS = 30
RETIRED_KEEP_FILES = 200
STATE_FOLDERS = ("tmp", "cache", "logs")  # folders of .reportgen/ the build writes into


def clean_leftovers(root: Path, state: Path, output_dir: Path) -> list[str]:
    """Remove what a ``kill -9`` can leave behind; the names removed from ``output/``.

    A link or a file where one of the state folders belongs is removed (the state folder is
    ours and safe to delete), so nothing is ever written through it or fails on it."""
    for name in STATE_FOLDERS:
        path = state / name
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            path.unlink()
    shutil.rmtree(inside(root, state / "tmp"), ignore_errors=True)
    remove_leftovers(state / "cache", ".*.tmp", recursive=True)
    with contextlib.suppress(OSError):
        prune_retired(output_dir)
    return remove_leftovers(output_dir, PARTIAL.format(name="*"))


def clean_staging(root: Path, staging: Path) -> None:
    """A shard's start: only its own staging folder is cleared (other shards may be
    writing theirs, the shared caches and output/ at this moment)."""
    if staging.is_symlink() or (staging.exists() and not staging.is_dir()):
        staging.unlink()
    shutil.rmtree(inside(root, staging), ignore_errors=True)


def stale_entries(manifest: Manifest, dataset: Dataset, jobs: Iterable[Job], *,
                  whole_build: bool) -> list[ManifestEntry]:
    """Entries of regions gone from the data; on a build of everything (no --region or
    --kind), also entries no job of this build stands for."""
    planned = {(j.region_code, j.kind) for j in jobs}
    return [e for e in manifest.outputs
            if e.region_code not in dataset.regions or (whole_build and e.key not in planned)]


def retire(output_dir: Path, rel: str) -> bool:
    """Move ``output/<rel>`` into ``output/.retired/``; False if there was nothing to move."""
    source = output_dir / rel
    if Path(rel).name != rel or rel in ("", ".", "..", RETIRED_DIR) or not (
            source.is_symlink() or source.is_file()):
        return False  # not a plain name in output/ (a hostile manifest), or already gone
    folder = output_dir / RETIRED_DIR
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        folder.unlink()  # a link or file in our place must not take files out of output/
    folder.mkdir(exist_ok=True)
    os.replace(source, folder / rel)
    with contextlib.suppress(OSError):  # its age in .retired/ counts from now
        os.utime(folder / rel, follow_symlinks=False)
    return True


def prune_retired(output_dir: Path, now: float | None = None) -> list[str]:
    """Delete retired files past their keep; the names deleted."""
    folder = output_dir / RETIRED_DIR
    if folder.is_symlink() or not folder.is_dir():
        return []
    entries = []
    for path in folder.iterdir():
        with contextlib.suppress(OSError):
            info = path.lstat()
            if stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode):
                entries.append((info.st_mtime, path))
    entries.sort(reverse=True)
    cutoff = (time.time() if now is None else now) - RETIRED_KEEP_DAYS * 86400
    removed = []
    for n, (mtime, path) in enumerate(entries):
        if n >= RETIRED_KEEP_FILES or mtime < cutoff:
            with contextlib.suppress(OSError):
                path.unlink()  # a link is removed itself; its target is never touched
                removed.append(path.name)
    return removed


def retire_stale(manifest: Manifest, output_dir: Path, stale: list[ManifestEntry],
                 why: str = "is no longer built") -> list[str]:
    """Retire each stale entry's file and drop the entry; the messages to print."""
    said = []
    for entry in stale:
        moved = False
        with contextlib.suppress(OSError):
            moved = retire(output_dir, entry.path)
        manifest.drop(entry.key)
        where = f"moved to output/{RETIRED_DIR}/" if moved else "file already gone"
        said.append(f"retired {entry.path}: region {entry.region_code} ({entry.kind}) "
                    f"{why} ({where})")
    return said

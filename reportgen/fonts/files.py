"""Font file facts, computed once per (path, size, mtime): content hash and cmap."""

from __future__ import annotations

import contextlib
import hashlib
import json
import struct
from pathlib import Path

from reportgen.errors import FontError
from reportgen.fonts.cmapread import CmapFormatError, advances, code_points
from reportgen.paths import write_atomic

_HASHES: dict[tuple[str, int, int], str] = {}
_CMAPS: dict[tuple[str, int, int], frozenset[int]] = {}
_STORE: list[Path] = []  # where hashes are remembered across runs (use_hash_store)
_REMEMBERED: dict[str, str] = {}  # "path|size|mtime|ctime|inode" → sha256, from the store
_MAX_STORE_BYTES = 1 << 20  # a store of a few fonts is a few KB; a larger one is not ours
# What a damaged font makes the font readers raise (besides their own error types).
DAMAGED = (OSError, AssertionError, KeyError, ValueError, IndexError, ZeroDivisionError,
           struct.error)


def _stat_key(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return (str(path), st.st_size, st.st_mtime_ns)


def use_hash_store(store: Path) -> None:
    """Remember font hashes across runs in ``store`` (a JSON file in the state folder).

    Hashing the shipped fonts (75 MB) is most of a no-op build's own work. An entry is
    trusted only while the file keeps its path, size, mtime, ctime and inode: any write,
    replacement or rename changes ctime, which no tool can set back.
    """
    _STORE[:] = [store]
    if store.is_symlink() or not store.is_file():
        return  # never through a link (it may point out), never a FIFO (it would block)
    try:
        if store.stat().st_size > _MAX_STORE_BYTES:
            return  # not ours: rewritten with this run's entries
        stored = json.loads(store.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # absent or damaged: hashes are computed again and the file rewritten
    if isinstance(stored, dict):
        _REMEMBERED.update({k: v for k, v in stored.items()
                            if isinstance(k, str) and isinstance(v, str)})


def _identity(path: Path) -> str:
    st = path.stat()
    return f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{st.st_ctime_ns}|{st.st_ino}"


def file_sha256(path: Path) -> str:
    """Content hash of a font file (cached; fonts are big, hash them once)."""
    key = _stat_key(path)
    if key not in _HASHES:
        identity = _identity(path) if _STORE else ""
        if identity and identity in _REMEMBERED:
            _HASHES[key] = _REMEMBERED[identity]
            return _HASHES[key]
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        _HASHES[key] = digest.hexdigest()
        if identity:
            _REMEMBERED[identity] = _HASHES[key]
            _save_store()
    return _HASHES[key]


def _save_store() -> None:
    store = _STORE[0]
    if store.is_dir() and not store.is_symlink():
        return  # a folder in its place: hashes are simply computed next time
    # entries of files that are gone are dropped, so the store never only grows
    kept = {k: v for k, v in _REMEMBERED.items() if Path(k.split("|", 1)[0]).exists()}
    # replaces the store itself, a link included, never writing through one; a read-only
    # or full state folder only means the hashes are computed again next time
    with contextlib.suppress(OSError):
        write_atomic(store, json.dumps(kept, sort_keys=True).encode("utf-8"))


def cmap(path: Path) -> frozenset[int]:
    """Code points the font maps to a glyph (cached)."""
    key = _stat_key(path)
    if key not in _CMAPS:
        try:  # the table read directly: fast, and no fontTools import
            points = code_points(path)
        except (CmapFormatError, struct.error) as exc:
            raise _unreadable(path, exc) from exc  # never handed on to a slower reader
        except OSError:
            points = None  # fontTools below reads it or says why not
        if points is not None:
            _CMAPS[key] = points
            return points
        from fontTools.ttLib import TTFont, TTLibError

        try:
            with TTFont(path, lazy=True) as font:
                _CMAPS[key] = frozenset(font.getBestCmap() or {})
        except (TTLibError, *DAMAGED) as exc:
            raise _unreadable(path, exc) from exc
    return _CMAPS[key]


def font_advances(path: Path) -> dict[int, float]:
    """Code point → advance width in ems (straight from the tables; fontTools otherwise)."""
    try:
        found = advances(path)
    except (CmapFormatError, struct.error, ZeroDivisionError) as exc:
        raise _unreadable(path, exc) from exc
    except OSError:
        found = None
    if found is not None:
        return found
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(path, lazy=True) as font:
            units = font["head"].unitsPerEm
            hmtx = font["hmtx"]
            return {cp: hmtx[glyph][0] / units
                    for cp, glyph in (font.getBestCmap() or {}).items()}
    except (TTLibError, *DAMAGED) as exc:
        raise _unreadable(path, exc) from exc


def _unreadable(path: Path, exc: BaseException) -> FontError:
    return FontError(f"font file {path} cannot be read: {exc}",
                     hint="replace it with a TrueType (.ttf) file or rerun "
                     "scripts/make_fonts.py")

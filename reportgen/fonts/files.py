"""Font file facts, computed once per (path, size, mtime): content hash and cmap."""

from __future__ import annotations

import hashlib
import struct
from pathlib import Path

from reportgen.errors import FontError
from reportgen.fonts.cmapread import CmapFormatError, code_points

_HASHES: dict[tuple[str, int, int], str] = {}
_CMAPS: dict[tuple[str, int, int], frozenset[int]] = {}


def _stat_key(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return (str(path), st.st_size, st.st_mtime_ns)


def file_sha256(path: Path) -> str:
    """Content hash of a font file (cached; fonts are big, hash them once)."""
    key = _stat_key(path)
    if key not in _HASHES:
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        _HASHES[key] = digest.hexdigest()
    return _HASHES[key]


def cmap(path: Path) -> frozenset[int]:
    """Code points the font maps to a glyph (cached)."""
    key = _stat_key(path)
    if key not in _CMAPS:
        try:  # the table read directly: fast, and no fontTools import
            points = code_points(path)
        except (CmapFormatError, OSError, struct.error):
            points = None  # fontTools below reads it or says why not
        if points is not None:
            _CMAPS[key] = points
            return points
        from fontTools.ttLib import TTFont, TTLibError

        try:
            with TTFont(path, lazy=True) as font:
                _CMAPS[key] = frozenset(font.getBestCmap() or {})
        except (TTLibError, OSError, AssertionError, KeyError) as exc:
            raise FontError(f"font file {path} cannot be read: {exc}",
                            hint="replace it with a TrueType (.ttf) file or rerun "
                            "scripts/make_fonts.py") from exc
    return _CMAPS[key]

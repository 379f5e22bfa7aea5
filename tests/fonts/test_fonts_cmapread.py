"""The direct cmap reader agrees with fontTools, and bad files still get a FontError."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest
from fontTools.ttLib import TTFont

from reportgen.errors import FontError
from reportgen.fonts.cmapread import CmapFormatError, advances, code_points
from reportgen.fonts.files import cmap

_SHIPPED = sorted((Path(__file__).resolve().parents[2] / "fonts").glob("*.ttf"))
_MPL = sorted((Path(matplotlib.get_data_path()) / "fonts" / "ttf").glob("DejaVu*.ttf"))[:4]


@pytest.mark.parametrize("path", _SHIPPED + _MPL, ids=lambda p: p.name)
def test_same_code_points_as_fonttools(path: Path) -> None:
    with TTFont(path, lazy=True) as font:
        expected = frozenset(font.getBestCmap() or {})
    assert code_points(path) == expected
    assert len(expected) > 100


@pytest.mark.parametrize("path", _SHIPPED[:3] + _MPL[:2], ids=lambda p: p.name)
def test_same_advance_widths_as_fonttools(path: Path) -> None:
    with TTFont(path, lazy=True) as font:
        units, hmtx = font["head"].unitsPerEm, font["hmtx"]
        expected = {cp: hmtx[g][0] / units for cp, g in font.getBestCmap().items()}
    assert advances(path) == expected


def test_damaged_files_are_refused_not_misread(tmp_path: Path) -> None:
    short = tmp_path / "short.ttf"
    short.write_bytes(b"\x00\x01\x00\x00\x00")
    with pytest.raises(CmapFormatError):
        code_points(short)
    cut = tmp_path / "cut.ttf"
    cut.write_bytes(_SHIPPED[0].read_bytes()[:4096])  # directory intact, cmap missing
    with pytest.raises(CmapFormatError):
        code_points(cut)
    with pytest.raises(FontError, match="cannot be read"):
        cmap(cut)  # the fallback (fontTools) names the file


def _font_with_cmap(path: Path, subtable: bytes) -> Path:
    """A minimal sfnt holding only a cmap table with one (3, 10) or (3, 1) subtable."""
    import struct

    fmt = struct.unpack(">H", subtable[:2])[0]
    cmap = struct.pack(">HHHHI", 0, 1, 3, 10 if fmt == 12 else 1, 12) + subtable
    head = struct.pack(">IHHHH", 0x00010000, 1, 16, 0, 0)
    entry = struct.pack(">4sIII", b"cmap", 0, 12 + 16, len(cmap))
    path.write_bytes(head + entry + cmap)
    return path


def test_overlapping_ranges_are_refused_quickly_not_walked(tmp_path: Path) -> None:
    import struct
    import time

    groups = 2000
    fmt12 = struct.pack(">HHIII", 12, 0, 16 + 12 * groups, 0, groups) + \
        struct.pack(">III", 0, 0x10FFFF, 1) * groups
    segments = 4000
    ends = struct.pack(f">{segments}H", *([0xFFFE] * (segments - 1) + [0xFFFF]))
    starts = struct.pack(f">{segments}H", *([0] * (segments - 1) + [0xFFFF]))
    zeros = struct.pack(f">{segments}H", *([0] * segments))
    body = ends + b"\0\0" + starts + zeros + zeros
    fmt4 = struct.pack(">HHHHHHH", 4, 14 + len(body), 0, 2 * segments, 0, 0, 0) + body
    for name, table in (("f12.ttf", fmt12), ("f4.ttf", fmt4)):
        font = _font_with_cmap(tmp_path / name, table)
        started = time.monotonic()
        with pytest.raises(CmapFormatError, match="overlap"):
            code_points(font)
        with pytest.raises(FontError, match="cannot be read"):
            cmap(font)  # a located error, never handed on to a slower reader
        assert time.monotonic() - started < 5

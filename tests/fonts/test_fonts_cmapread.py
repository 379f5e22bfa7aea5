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

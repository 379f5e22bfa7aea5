"""The 公文 chart theme: black, greys and one dark red, never blue; its own cache entries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.charts.cache import cached_chart
from reportgen.charts.render_mpl import render_svg
from reportgen.charts.samples import sample_specs
from reportgen.charts.theme import GONGWEN_PALETTE, THEMES, color, use_theme
from reportgen.fonts.registry import FontRegistry

SPECS = {spec.id: spec for spec in sample_specs()}
_HEX = re.compile(r"#([0-9A-Fa-f]{6})\b")


@pytest.fixture(scope="module")
def registry() -> FontRegistry:
    return FontRegistry.load(None)


def _bluish(hex6: str) -> bool:
    r, g, b = (int(hex6[i:i + 2], 16) for i in (0, 2, 4))
    return b > r + 24 and b > g  # clearly more blue than red: not a grey, not a red


def _reds(colours: set[str]) -> set[str]:
    out = set()
    for hex6 in colours:
        r, g, b = (int(hex6[i:i + 2], 16) for i in (0, 2, 4))
        if r > g + 40 and r > b + 40:
            out.add(hex6.upper())
    return out


def test_gongwen_palette_is_greys_and_one_dark_red() -> None:
    colours = {c.lstrip("#") for c in GONGWEN_PALETTE}
    assert not any(_bluish(c) for c in colours)
    assert len(_reds(colours)) == 1
    with use_theme("gongwen"):
        assert color(0) == GONGWEN_PALETTE[0]
    assert color(0) == THEMES["modern"].palette[0]  # back to modern after the block


@pytest.mark.parametrize("spec_id",
                         ["s-bar", "s-grouped", "s-line", "s-hbar", "s-donut", "s-progress"])
def test_gongwen_charts_draw_no_blue(registry: FontRegistry, spec_id: str) -> None:
    if spec_id not in SPECS:
        pytest.skip(f"no sample {spec_id}")
    svg = render_svg(SPECS[spec_id], registry, style="gongwen").decode("utf-8")
    colours = set(_HEX.findall(svg))
    assert colours and not [c for c in colours if _bluish(c)]
    modern = render_svg(SPECS[spec_id], registry).decode("utf-8")
    assert modern != svg


def test_modern_and_gongwen_charts_never_share_a_cached_file(registry: FontRegistry,
                                                             tmp_path: Path) -> None:
    spec = SPECS["s-bar"]
    modern = cached_chart(spec, "svg", registry, tmp_path, width_mm=160, height_mm=80)
    gongwen = cached_chart(spec, "svg", registry, tmp_path, "gongwen", width_mm=160,
                           height_mm=80)
    assert modern != gongwen
    assert modern.read_bytes() != gongwen.read_bytes()
    assert cached_chart(spec, "svg", registry, tmp_path, "gongwen", width_mm=160,
                        height_mm=80) == gongwen

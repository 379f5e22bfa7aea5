"""Chart theme: a sober, print-friendly, colour-blind-safe look, sized for A4.

Sizes are in millimetres and points so that charts are legible at 100% on paper:
a chart is drawn at the size it is printed (160 mm = the A4 text column), never scaled.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

MM_PER_INCH = 25.4
PT_PER_MM = 72 / MM_PER_INCH

# Okabe–Ito colours (distinguishable with every common colour-vision deficiency), starting
# with a deep blue; yellow is left out because it vanishes on white paper.
PALETTE: tuple[str, ...] = (
    "#1F5A96",  # deep blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#7F7F7F",  # grey
    "#0B3C5D",  # navy
)
TEXT = "#222222"
MUTED = "#666666"
GRID = "#D9D9D9"
TRACK = "#E4E7EB"  # progress track (the part still to reach)
BASELINE = "#555555"


@dataclass(frozen=True)
class Sizes:
    """Default chart sizes (mm) and type sizes (pt)."""

    width_mm: float = 160.0  # A4 text column
    height_mm: float = 80.0
    kpi_height_mm: float = 40.0
    progress_row_mm: float = 12.0  # height per progress bar
    hbar_row_mm: float = 7.0  # height per horizontal bar
    title_pt: float = 11.0
    label_pt: float = 9.0  # axis labels, legend, category names
    tick_pt: float = 8.5
    data_label_pt: float = 8.0
    note_pt: float = 7.5  # source line under the chart
    kpi_number_pt: float = 30.0
    kpi_label_pt: float = 11.0
    min_pt: float = 6.0  # never shrink text below this
    line_spacing: float = 1.3
    pad_mm: float = 2.0  # figure margins
    png_dpi: int = 150


SIZES = Sizes()

# Bars never get thicker than this share of their slot (a single category looks sober).
BAR_SLOT = 0.6
MAX_BAR_WIDTH_MM = 18.0


@dataclass(frozen=True)
class Theme:
    """The colours of one document style."""

    name: str
    palette: tuple[str, ...]
    text: str = TEXT
    muted: str = MUTED
    grid: str = GRID
    track: str = TRACK
    axis: str = "#888888"


# 公文 (GB/T 9704): black, greys and one dark red; no blue. Series 1 is near-black, the
# dark red marks series 2 (or the one series that needs an accent), greys follow.
GONGWEN_PALETTE: tuple[str, ...] = (
    "#333333",  # near-black
    "#A50F15",  # dark red
    "#8C8C8C",  # mid grey
    "#BDBDBD",  # light grey
    "#000000",  # black
    "#5F5F5F",  # dark grey
)
THEMES: dict[str, Theme] = {
    "modern": Theme("modern", PALETTE),
    "gongwen": Theme("gongwen", GONGWEN_PALETTE, text="#000000", muted="#555555",
                     grid="#DDDDDD", track="#E6E6E6", axis="#555555"),
}
_ACTIVE: list[Theme] = []


def theme() -> Theme:
    """The theme of the chart being drawn (modern outside ``use_theme``)."""
    return _ACTIVE[-1] if _ACTIVE else THEMES["modern"]


@contextmanager
def use_theme(name: str) -> Iterator[Theme]:
    """Draw with the colours of style ``name`` inside the block."""
    if name not in THEMES:
        raise ValueError(f"unknown chart theme {name!r}; use one of {', '.join(THEMES)}")
    _ACTIVE.append(THEMES[name])
    try:
        yield THEMES[name]
    finally:
        _ACTIVE.pop()


def color(index: int) -> str:
    palette = theme().palette
    return palette[index % len(palette)]


def suggested_height_mm(kind: str, n_categories: int) -> float:
    """A height (mm) at which every category of this chart kind stays legible."""
    if kind == "kpi":
        return SIZES.kpi_height_mm
    if kind == "progress":
        return max(30.0, 18.0 + SIZES.progress_row_mm * n_categories)
    if kind == "hbar":
        return max(SIZES.height_mm * 0.75, 22.0 + SIZES.hbar_row_mm * n_categories)
    return SIZES.height_mm

"""Render a ChartSpec with matplotlib: SVG (for the briefs), vector PDF and PNG (previews).

Object API only (``Figure``, no pyplot state). Fonts come from the registry BY FILE. The SVG
keeps text as text (``svg.fonttype = 'none'``): the brief draws it with its own registered
fonts (charts/svg_drawing.py), so no chart subsets a font. A standalone PDF embeds them as
subset CID TrueType (``pdf.fonttype = 42``, never Type 3). Output bytes are deterministic:
no creation date, fixed hash salt, fixed producer. Every figure is closed after saving.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reportgen.charts.mpl_text import use_font, wrap_text
from reportgen.charts.theme import MM_PER_INCH, PT_PER_MM, SIZES, theme, use_theme
from reportgen.errors import BuildError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from reportgen.charts.spec import ChartSpec
    from reportgen.fonts.registry import FontRegistry

# Bump when the drawing code changes what a spec looks like (part of the cache key).
RENDERER_VERSION = "2"

_PDF_METADATA = {"Creator": "reportgen", "Producer": "reportgen", "CreationDate": None}
_PNG_METADATA = {"Software": "reportgen"}
_SVG_METADATA = {"Creator": "reportgen", "Date": None}
_METADATA: dict[str, dict[str, Any]] = {"pdf": _PDF_METADATA, "png": _PNG_METADATA,
                                        "svg": _SVG_METADATA}


def render_svg(spec: ChartSpec, registry: FontRegistry, *, width_mm: float = 160,
               height_mm: float = 80, title: bool = True, style: str = "modern") -> bytes:
    """The chart as SVG of ``width_mm`` × ``height_mm`` (in points), text left as text,
    in the colours of the document ``style`` (modern or gongwen)."""
    return _render(spec, registry, "svg", width_mm, height_mm, 72, title, style)


def render_pdf(spec: ChartSpec, registry: FontRegistry, *, width_mm: float = 160,
               height_mm: float = 80, title: bool = True, style: str = "modern") -> bytes:
    """The chart as a one-page vector PDF of exactly ``width_mm`` × ``height_mm``."""
    return _render(spec, registry, "pdf", width_mm, height_mm, 72, title, style)


def render_png(spec: ChartSpec, registry: FontRegistry, *, width_mm: float = 160,
               height_mm: float = 80, dpi: int = SIZES.png_dpi, title: bool = True,
               style: str = "modern") -> bytes:
    """The chart as a PNG preview at ``dpi``."""
    return _render(spec, registry, "png", width_mm, height_mm, dpi, title, style)


def rc_params(registry: FontRegistry) -> dict[str, Any]:
    """matplotlib settings: fonts by file, text as text, colours of the active theme."""
    colours = theme()
    return {
        "font.family": registry.matplotlib_family("sans"),
        "font.size": SIZES.label_pt,
        "pdf.fonttype": 42,  # TrueType (CID), subset: searchable, no Type 3
        "pdf.compression": 6,
        "svg.hashsalt": "reportgen",
        "svg.fonttype": "none",  # labels stay <text>: drawn with the document's fonts
        "axes.unicode_minus": False,  # "-" like the number formatter, not U+2212
        "text.color": colours.text,
        "axes.labelcolor": colours.text,
        "xtick.color": colours.text,
        "ytick.color": colours.text,
        "axes.edgecolor": colours.axis,
        "legend.fontsize": SIZES.label_pt,
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
    }


def _render(spec: ChartSpec, registry: FontRegistry, fmt: str, width_mm: float,
            height_mm: float, dpi: int, title: bool, style: str) -> bytes:
    import matplotlib

    faces = [registry.path("sans"), registry.path("sans", bold=True)]
    with use_theme(style), use_font(faces):
        rc: Any = rc_params(registry)  # matplotlib types rc keys as literals
        with matplotlib.rc_context(rc):
            return _save(spec, fmt, width_mm, height_mm, dpi, title)


def _save(spec: ChartSpec, fmt: str, width_mm: float, height_mm: float, dpi: int,
          title: bool) -> bytes:
    fig = build_figure(spec, width_mm, height_mm, title=title)
    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
    finally:
        fig.clear()  # a worker renders many regions: free the artists now
    return buffer.getvalue()


def build_figure(spec: ChartSpec, width_mm: float, height_mm: float, *,
                 title: bool = True) -> Figure:
    """The whole chart: title strip, drawing area, source strip (call inside rc_context)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    if width_mm < 40 or height_mm < 20:
        raise BuildError(f"chart {spec.id}: {width_mm}×{height_mm} mm is too small to draw",
                         hint="charts need at least 40 × 20 mm")
    fig = Figure(figsize=(width_mm / MM_PER_INCH, height_mm / MM_PER_INCH))
    FigureCanvasAgg(fig)  # text measuring needs a renderer
    top, bottom = _frame(fig, spec, width_mm, height_mm, title)
    pad = 1.0 / height_mm
    fig.set_layout_engine("constrained", rect=(0, bottom, 1, top - bottom),
                          h_pad=pad, w_pad=2.0 / width_mm)
    _drawer(spec.kind)(fig, spec, width_mm, height_mm * (top - bottom))
    return fig


def _frame(fig: Figure, spec: ChartSpec, width_mm: float, height_mm: float,
           title: bool) -> tuple[float, float]:
    """Draw title and source lines; return the (top, bottom) of the drawing area (0..1)."""
    pad = SIZES.pad_mm / height_mm
    usable_pt = (width_mm - 2 * SIZES.pad_mm) * PT_PER_MM
    top, bottom = 1.0 - pad, pad
    x = SIZES.pad_mm / width_mm
    if title and spec.title:
        text = wrap_text(spec.title, usable_pt / SIZES.title_pt)
        fig.text(x, top, text, ha="left", va="top", fontsize=SIZES.title_pt,
                 fontweight="bold", linespacing=SIZES.line_spacing)
        top -= _lines_height(text, SIZES.title_pt, height_mm) + pad
    notes = "\n".join(t for t in (spec.note, spec.source_note) if t)
    if notes:
        text = wrap_text(notes, usable_pt / SIZES.note_pt)
        fig.text(x, bottom, text, ha="left", va="bottom", fontsize=SIZES.note_pt,
                 color=theme().muted, linespacing=SIZES.line_spacing)
        bottom += _lines_height(text, SIZES.note_pt, height_mm) + pad
    if top - bottom < 0.3:
        raise BuildError(f"chart {spec.id}: title and notes leave no room for the chart at "
                         f"{width_mm}×{height_mm} mm",
                         hint="make the chart taller or shorten the title/source note")
    return top, bottom


def _lines_height(text: str, size_pt: float, height_mm: float) -> float:
    lines = text.count("\n") + 1
    return lines * size_pt * SIZES.line_spacing / PT_PER_MM / height_mm


def _drawer(kind: str) -> Callable[[Figure, ChartSpec, float, float], None]:
    from reportgen.charts import mpl_axes, mpl_special

    drawers: dict[str, Callable[[Figure, ChartSpec, float, float], None]] = {
        "bar": mpl_axes.draw_bar,
        "grouped_bar": mpl_axes.draw_bar,
        "stacked_bar": mpl_axes.draw_stacked,
        "line": mpl_axes.draw_line,
        "hbar": mpl_axes.draw_hbar,
        "donut": mpl_special.draw_donut,
        "progress": mpl_special.draw_progress,
        "kpi": mpl_special.draw_kpi,
    }
    if kind not in drawers:
        raise BuildError(f"unknown chart kind {kind!r}",
                         hint=f"use one of: {', '.join(sorted(drawers))}")
    return drawers[kind]

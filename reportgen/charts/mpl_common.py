"""Shared pieces of the matplotlib drawers: values, data labels, unit line, legend, fitting."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from reportgen.charts.mpl_text import text_em, wrap
from reportgen.charts.theme import PT_PER_MM, SIZES, color, theme
from reportgen.text.numbers import format_number

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from reportgen.charts.spec import ChartSpec, Series

NO_DATA = "—"  # label for a category without data (never drawn as zero silently)


def values_of(series: Series, n: int) -> list[float | None]:
    """The series' values padded/truncated to ``n`` categories; NaN counts as no data."""
    out: list[float | None] = []
    for i in range(n):
        v = series.values[i] if i < len(series.values) else None
        out.append(None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v))
    return out


def labels_of(series: Series, n: int) -> list[str]:
    """Data labels: Series.labels when given, else the Chinese number formatter."""
    values = values_of(series, n)
    out: list[str] = []
    for i, v in enumerate(values):
        given = series.labels[i] if i < len(series.labels) else ""
        if v is None:
            out.append(given or NO_DATA)
        else:
            out.append(given or format_number(v, 2))
    return out


def present(values: Sequence[float | None]) -> list[float]:
    return [v for v in values if v is not None]


def value_limits(values: Sequence[float], head: float = 0.16) -> tuple[float, float]:
    """Axis limits including 0 with headroom for data labels on the outside ends."""
    lo, hi = min([0.0, *values]), max([0.0, *values])
    span = (hi - lo) or 1.0
    return (lo - head * span if lo < 0 else 0.0), (hi + head * span if hi > 0 or lo == 0 else 0.0)


PERCENT_UNITS = ("%", "％")


def percent_top(spec: ChartSpec, highest: float, top: float) -> float:
    """A percentage axis ends at 100 (not 102 or 116) when no value passes it."""
    if spec.unit in PERCENT_UNITS and 0 < highest <= 100:
        return 100.0
    return top


def format_axis(ax: Axes, axis: Literal["x", "y"] = "y") -> None:
    """Value axis: numbers by the one formatter, light grid, no frame clutter."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
    target.set_major_formatter(FuncFormatter(lambda v, _pos: format_number(v, 2)))
    ax.grid(axis=axis, color=theme().grid, linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=SIZES.tick_pt, length=0 if axis == "y" else 3)


def add_unit(ax: Axes, unit: str) -> None:
    if unit:
        ax.set_title(f"单位：{unit}", loc="left", fontsize=SIZES.label_pt,
                     color=theme().muted, pad=8)


def add_legend(ax: Axes, spec: ChartSpec, width_mm: float) -> None:
    """Legend at the top right, in the unit line when both fit, else on a row of its own."""
    if len(spec.series) < 2:
        return
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    names = [s.name for s in spec.series]
    handles: list[Any] = [Patch(color=color(i)) for i in range(len(names))]
    if spec.kind == "line":
        handles = [Line2D([], [], color=color(i), marker="o", markersize=4)
                   for i in range(len(names))]
    item_pt = [(text_em(n) + 2.6) * SIZES.label_pt for n in names]
    room_pt = (width_mm - 16.0) * PT_PER_MM
    unit_pt = (text_em(spec.unit) + 4) * SIZES.label_pt if spec.unit else 0.0
    options: dict[str, Any] = {"frameon": False, "fontsize": SIZES.label_pt,
                               "handlelength": 1.2, "columnspacing": 1.2, "borderaxespad": 0}
    if sum(item_pt) + unit_pt <= room_pt:
        ax.legend(handles, names, loc="lower right", bbox_to_anchor=(1.0, 1.0),
                  ncols=len(names), **options)
        return
    ncols = 1
    while ncols < len(names) and sum(sorted(item_pt)[-(ncols + 1):]) <= room_pt:
        ncols += 1
    assert ax.figure is not None
    ax.figure.legend(handles, names, loc="outside upper right", ncols=ncols, **options)


def fit_labels(labels: Sequence[str], room_pt: float, max_lines: int,
               start_pt: float = SIZES.tick_pt) -> tuple[float, list[str]] | None:
    """The largest font size (>= min) at which every label wraps within ``max_lines`` lines
    no wider than ``room_pt``; lines are balanced (no orphan character on the last line)."""
    pt = start_pt
    while pt >= SIZES.min_pt - 1e-9:
        room_em = room_pt / pt
        wrapped = [balanced_wrap(label, room_em) for label in labels]
        if all(len(w) <= max_lines and text_em("\n".join(w)) <= room_em for w in wrapped):
            return pt, ["\n".join(w) for w in wrapped]
        pt -= 0.5
    return None


def balanced_wrap(label: str, room_em: float) -> list[str]:
    """Wrap into as few lines as ``room_em`` allows, then even out their widths."""
    lines = wrap(label, room_em)
    if len(lines) < 2:
        return lines
    target = text_em(label.replace("\n", "")) / len(lines)
    while target < room_em:
        even = wrap(label, target)
        if len(even) <= len(lines):
            return even
        target += 0.5
    return lines


def fit_size(widest_em: float, room_pt: float, start_pt: float = SIZES.data_label_pt) -> float:
    """Font size at which a one-line label of ``widest_em`` fits ``room_pt`` (>= min_pt)."""
    if widest_em <= 0:
        return start_pt
    return max(SIZES.min_pt, min(start_pt, room_pt / widest_em))


def no_data(ax: Axes) -> None:
    ax.set_axis_off()
    ax.text(0.5, 0.5, "无数据", ha="center", va="center", color=theme().muted,
            fontsize=SIZES.label_pt, transform=ax.transAxes)

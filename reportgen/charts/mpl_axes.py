"""Drawers for charts on a value axis: bar, grouped_bar, stacked_bar, line, hbar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.charts.mpl_common import (
    NO_DATA,
    add_legend,
    add_unit,
    fit_labels,
    fit_size,
    format_axis,
    labels_of,
    no_data,
    percent_top,
    present,
    value_limits,
    values_of,
)
from reportgen.charts.mpl_text import text_em
from reportgen.charts.theme import BAR_SLOT, MAX_BAR_WIDTH_MM, PT_PER_MM, SIZES, color, theme
from reportgen.text.numbers import format_number

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from reportgen.charts.spec import ChartSpec

VALUE_AXIS_MM = 14.0  # room taken by the value tick labels
MAX_CATEGORY_LINES = 3


def _all_values(spec: ChartSpec) -> list[float]:
    n = len(spec.categories)
    return [v for s in spec.series for v in present(values_of(s, n))]


def _category_axis(ax: Axes, spec: ChartSpec, labels: list[str], pt: float) -> None:
    n = len(labels)
    ax.set_xticks(range(n), labels, fontsize=pt, linespacing=1.15)
    ax.set_xlim(-0.5, n - 0.5)
    ax.tick_params(axis="x", length=0, pad=4)


def _fitted_categories(spec: ChartSpec, width_mm: float) -> tuple[float, list[str]] | None:
    """Category labels that fit their slot: shrunk, wrapped (3 lines at most), or thinned
    out (every m-th label) for long series of short labels such as years.
    None: the names are too long for columns."""
    n = max(1, len(spec.categories))
    slot_pt = (width_mm - VALUE_AXIS_MM) / n * PT_PER_MM * 0.9
    fitted = fit_labels(spec.categories, slot_pt, MAX_CATEGORY_LINES)
    if fitted is not None:
        return fitted
    widest = max(text_em(c) for c in spec.categories)
    if widest > 6:
        return None
    for step in range(2, n + 1):
        if widest * SIZES.tick_pt <= slot_pt * step * 0.9:
            return SIZES.tick_pt, [c if (n - 1 - i) % step == 0 else ""
                                   for i, c in enumerate(spec.categories)]
    return SIZES.min_pt, list(spec.categories)


def _bar_width(n: int, k: int, width_mm: float) -> float:
    """Width of one bar in category units: a slot share, capped at MAX_BAR_WIDTH_MM."""
    slot_mm = (width_mm - VALUE_AXIS_MM) / max(1, n)
    return min(BAR_SLOT / k, MAX_BAR_WIDTH_MM / slot_mm)


def draw_bar(fig: Figure, spec: ChartSpec, width_mm: float, height_mm: float) -> None:
    """Columns per category; several series side by side (grouped_bar)."""
    n, k = len(spec.categories), len(spec.series)
    fitted = _fitted_categories(spec, width_mm)
    if fitted is None and k == 1:
        draw_hbar(fig, spec, width_mm, height_mm)  # names too long for columns
        return
    pt, labels = fitted or (SIZES.min_pt, list(spec.categories))
    ax = fig.add_subplot()
    values = _all_values(spec)
    if not values:
        no_data(ax)
        return
    bar_w = _bar_width(n, k, width_mm)
    slot_mm = (width_mm - VALUE_AXIS_MM) / n
    label_pt, rotate = _data_label_size(spec, slot_mm if k == 1 else bar_w * slot_mm)
    for i, series in enumerate(spec.series):
        vals = values_of(series, n)
        xs = [c - bar_w * k / 2 + bar_w * (i + 0.5) for c in range(n)]
        bars = ax.bar(xs, [v or 0.0 for v in vals], bar_w * 0.92, color=color(i),
                      label=series.name, linewidth=0)
        ax.bar_label(bars, labels=labels_of(series, n), padding=2, fontsize=label_pt,
                     rotation=90 if rotate else 0, color="#333333")
    low, high = value_limits(values, head=0.32 if rotate else 0.16)
    ax.set_ylim(low, percent_top(spec, max(values), high))
    ax.axhline(0, color="#888888", linewidth=0.8)
    format_axis(ax, "y")
    ax.spines["bottom"].set_visible(False)
    _category_axis(ax, spec, labels, pt)
    add_unit(ax, spec.unit)
    add_legend(ax, spec, width_mm)


def _data_label_size(spec: ChartSpec, room_mm: float) -> tuple[float, bool]:
    """Font size for data labels with ``room_mm`` each; rotate when even 6 pt is too wide."""
    n = len(spec.categories)
    widest = max((text_em(t) for s in spec.series for t in labels_of(s, n)), default=0.0)
    room = room_mm * 0.92 * PT_PER_MM
    pt = fit_size(widest, room)
    return pt, widest * pt > room * 1.02


def draw_stacked(fig: Figure, spec: ChartSpec, width_mm: float, height_mm: float) -> None:
    """Stacked columns: segment labels inside when they fit, totals on top."""
    n = len(spec.categories)
    pt, labels = _fitted_categories(spec, width_mm) or (SIZES.min_pt, list(spec.categories))
    ax = fig.add_subplot()
    if not _all_values(spec):
        no_data(ax)
        return
    bar_w = _bar_width(n, 1, width_mm)
    bottoms = [0.0] * n
    segments = []
    for i, series in enumerate(spec.series):
        vals = [max(0.0, v or 0.0) for v in values_of(series, n)]
        bars = ax.bar(range(n), vals, bar_w, bottom=bottoms, color=color(i),
                      label=series.name, linewidth=0.6, edgecolor="white")
        segments.append((bars, vals, labels_of(series, n)))
        bottoms = [b + v for b, v in zip(bottoms, vals, strict=True)]
    top = max(bottoms) or 1.0
    ax.set_ylim(0, top * 1.14)
    bar_mm = bar_w * (width_mm - VALUE_AXIS_MM) / n
    axes_mm = height_mm - 14.0
    for i, (bars, vals, texts) in enumerate(segments):
        shown = [_segment_label(t, v, top * 1.14, axes_mm, bar_mm) for t, v in zip(
            texts, vals, strict=True)]
        ax.bar_label(bars, labels=shown, label_type="center", fontsize=SIZES.data_label_pt,
                     color="white" if i % len(segments) != 1 else "#222222")
    totals = [format_number(b, 2) if b else NO_DATA for b in bottoms]
    for x, (b, t) in enumerate(zip(bottoms, totals, strict=True)):
        ax.annotate(t, (x, b), xytext=(0, 2), textcoords="offset points", ha="center",
                    va="bottom", fontsize=SIZES.data_label_pt, fontweight="bold")
    format_axis(ax, "y")
    _category_axis(ax, spec, labels, pt)
    add_unit(ax, spec.unit)
    add_legend(ax, spec, width_mm)


def _segment_label(text: str, value: float, span: float, axes_mm: float, bar_mm: float) -> str:
    """A segment's label only when the segment is tall and wide enough to hold it."""
    seg_mm = value / span * axes_mm
    fits_h = seg_mm * PT_PER_MM >= SIZES.data_label_pt * 1.3
    fits_w = text_em(text) * SIZES.data_label_pt <= bar_mm * PT_PER_MM * 0.95
    return text if value > 0 and fits_h and fits_w else ""


def draw_line(fig: Figure, spec: ChartSpec, width_mm: float, height_mm: float) -> None:
    """Lines with markers; None leaves a gap. Labels on every point for up to two series."""
    n, k = len(spec.categories), len(spec.series)
    pt, labels = _fitted_categories(spec, width_mm) or (SIZES.min_pt, list(spec.categories))
    ax = fig.add_subplot()
    values = _all_values(spec)
    if not values:
        no_data(ax)
        return
    for i, series in enumerate(spec.series):
        vals = values_of(series, n)
        # a year without data is an empty slot on the time axis; the line spans it
        xs = [x for x, v in enumerate(vals) if v is not None]
        ax.plot(xs, [float(vals[x] or 0.0) for x in xs], color=color(i),
                marker="o", markersize=4, linewidth=1.8, label=series.name)
        texts = labels_of(series, n)
        for x, (v, t) in enumerate(zip(vals, texts, strict=True)):
            if v is None or (k > 2 and x != _last_index(vals)):
                continue
            below = k == 2 and _is_lower(spec, i, x)
            ax.annotate(t, (x, v), xytext=(0, -6 if below else 6), textcoords="offset points",
                        ha="center", va="top" if below else "bottom",
                        fontsize=SIZES.data_label_pt, color=color(i))
    lo, hi = min(values), max(values)
    span = (hi - lo) or abs(hi) or 1.0
    base = 0.0 if lo >= 0 and lo < 0.5 * hi else lo - 0.25 * span
    ax.set_ylim(base, percent_top(spec, hi, hi + 0.25 * span))
    format_axis(ax, "y")
    _category_axis(ax, spec, labels, pt)
    add_unit(ax, spec.unit)
    add_legend(ax, spec, width_mm)


def _is_lower(spec: ChartSpec, i: int, x: int) -> bool:
    """Whether series i is the lower of two at category x (its label then goes below)."""
    n = len(spec.categories)
    mine = values_of(spec.series[i], n)[x]
    other = values_of(spec.series[1 - i], n)[x]
    if mine is None or other is None:
        return False
    return mine < other or (mine == other and i == 1)


def _last_index(vals: list[float | None]) -> int:
    return max((i for i, v in enumerate(vals) if v is not None), default=-1)


def draw_hbar(fig: Figure, spec: ChartSpec, width_mm: float, height_mm: float) -> None:
    """Horizontal bars sorted by the first series, largest on top; no data at the bottom."""
    n, k = len(spec.categories), len(spec.series)
    ax = fig.add_subplot()
    if not _all_values(spec):
        no_data(ax)
        return
    first = values_of(spec.series[0], n)
    order = sorted(range(n), key=lambda i: (first[i] is None, -(first[i] or 0.0)))
    pt, names = _fitted_names([spec.categories[i] for i in order], width_mm, height_mm, k)
    bar_h = BAR_SLOT / k if k > 1 else 0.62
    widest = 0.0
    for j, series in enumerate(spec.series):
        vals, texts = values_of(series, n), labels_of(series, n)
        ys = [row - bar_h * k / 2 + bar_h * (j + 0.5) for row in range(n)]
        bars = ax.barh(ys, [vals[i] or 0.0 for i in order], bar_h * 0.9, color=color(j),
                       label=series.name, linewidth=0)
        shown = [texts[i] for i in order]
        widest = max(widest, *(text_em(t) for t in shown))
        ax.bar_label(bars, labels=shown, padding=3, fontsize=min(pt, SIZES.data_label_pt))
    _hbar_axes(ax, spec, names, pt, widest, width_mm)
    add_legend(ax, spec, width_mm)


def _fitted_names(names: list[str], width_mm: float, height_mm: float,
                  k: int) -> tuple[float, list[str]]:
    """Category names wrapped to a third of the width, small enough for the row height."""
    room_pt = width_mm * 0.3 * PT_PER_MM
    row_pt = (height_mm - 12.0) * PT_PER_MM / max(1, len(names))
    pt = SIZES.tick_pt
    while True:
        fitted = fit_labels(names, room_pt, 3, start_pt=pt) or (SIZES.min_pt, names)
        pt, wrapped = fitted
        lines = max(w.count("\n") + 1 for w in wrapped)
        if lines * pt * 1.2 <= row_pt or pt <= SIZES.min_pt:
            return pt, wrapped
        pt -= 0.5


def _hbar_axes(ax: Axes, spec: ChartSpec, names: list[str], pt: float, label_em: float,
               width_mm: float) -> None:
    n = len(names)
    ax.set_yticks(range(n), names, fontsize=pt, linespacing=1.15)
    ax.set_ylim(n - 0.5, -0.5)  # first (largest) on top
    values = _all_values(spec)
    lo, hi = min([0.0, *values]), max([0.0, *values])
    axes_pt = width_mm * 0.62 * PT_PER_MM
    share = min(0.45, (label_em * SIZES.data_label_pt + 6) / axes_pt)
    span = (hi - lo) or 1.0
    ax.set_xlim(lo - (share * span if lo < 0 else 0), hi + span * share / (1 - share))
    ax.xaxis.set_visible(False)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_color(theme().muted)
    ax.tick_params(axis="y", length=0, pad=4)
    add_unit(ax, spec.unit)

"""Drawers for charts without a value axis: donut, progress (value vs target), kpi."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from reportgen.charts.mpl_common import NO_DATA, fit_labels, labels_of, no_data, values_of
from reportgen.charts.mpl_text import text_em, wrap_text
from reportgen.charts.theme import PT_PER_MM, SIZES, color, theme
from reportgen.text.numbers import format_number, round_half_up

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from reportgen.charts.spec import ChartSpec

MIN_WEDGE_LABEL_SHARE = 6.0  # % of the whole below which a wedge gets no inner label


def _shares(values: list[float]) -> list[str]:
    """Shares of the whole in %, 四舍五入 to one decimal."""
    total = sum(Decimal(repr(v)) for v in values)
    return [format_number(round_half_up(Decimal(repr(v)) * 100 / total, 1), 1) for v in values]


def draw_donut(fig: Figure, spec: ChartSpec, width_mm: float, height_mm: float) -> None:
    """Composition of one whole (first series); the total and unit in the hole."""
    ax = fig.add_subplot()
    n = len(spec.categories)
    series = spec.series[0] if spec.series else None
    vals = values_of(series, n) if series else []
    parts = [(i, v) for i, v in enumerate(vals) if v is not None and v > 0]
    if not parts or series is None:
        no_data(ax)
        return
    sizes = [v for _, v in parts]
    shares = _shares(sizes)
    wedges, _texts = ax.pie(sizes, colors=[color(i) for i, _ in parts], startangle=90,
                            counterclock=False, radius=1.0,
                            wedgeprops={"width": 0.38, "edgecolor": "white", "linewidth": 1})
    for wedge, share in zip(wedges, shares, strict=True):
        if float(share) >= MIN_WEDGE_LABEL_SHARE:
            _label_wedge(ax, wedge, share + "%")
    total = format_number(sum(Decimal(repr(v)) for v in sizes), 2)
    ax.text(0, 0.08, total, ha="center", va="center", fontsize=SIZES.title_pt + 3,
            fontweight="bold")
    ax.text(0, -0.2, f"合计（{spec.unit}）" if spec.unit else "合计", ha="center",
            va="center", fontsize=SIZES.data_label_pt, color=theme().muted)
    ax.set_aspect("equal")
    _donut_legend(ax, spec, parts, labels_of(series, n), shares, width_mm)


def _label_wedge(ax: object, wedge: object, text: str) -> None:
    import math

    theta = math.radians((wedge.theta1 + wedge.theta2) / 2)  # type: ignore[attr-defined]
    r = 0.81
    ax.text(r * math.cos(theta), r * math.sin(theta), text,  # type: ignore[attr-defined]
            ha="center", va="center", fontsize=SIZES.data_label_pt - 0.5, color="white",
            fontweight="bold")


def _donut_legend(ax: object, spec: ChartSpec, parts: list[tuple[int, float]],
                  texts: list[str], shares: list[str], width_mm: float) -> None:
    from matplotlib.patches import Patch

    unit = "" if spec.series[0].labels else spec.unit
    entries = [f"{spec.categories[i]}  {texts[i]}{unit}（{share}%）"
               for (i, _), share in zip(parts, shares, strict=True)]
    room_pt = width_mm * 0.45 * PT_PER_MM
    pt, wrapped = fit_labels(entries, room_pt, 3, start_pt=SIZES.label_pt) or (
        SIZES.min_pt, entries)
    handles = [Patch(color=color(i)) for i, _ in parts]
    ax.legend(handles, wrapped, loc="center left", bbox_to_anchor=(1.02, 0.5),  # type: ignore[attr-defined]
              frameon=False, fontsize=pt, handlelength=1.0, labelspacing=0.6)


def draw_progress(fig: Figure, spec: ChartSpec, width_mm: float, height_mm: float) -> None:
    """One bar per category: the value filled over a track that ends at the target."""
    ax = fig.add_subplot()
    n = len(spec.categories)
    if not spec.series or n == 0:
        no_data(ax)
        return
    target = spec.target if spec.target is not None else 100.0
    vals, texts = values_of(spec.series[0], n), labels_of(spec.series[0], n)
    full = max([target, *(v for v in vals if v is not None)]) or 1.0
    unit = spec.unit
    goal = f"目标{format_number(target, 2)}{unit}"
    pt, names = fit_labels(spec.categories, width_mm * 0.28 * PT_PER_MM, 2,
                           start_pt=SIZES.label_pt) or (SIZES.min_pt, list(spec.categories))
    for row, (v, t) in enumerate(zip(vals, texts, strict=True)):
        ax.barh(row, full, 0.5, color=theme().track, linewidth=0)
        ax.barh(row, target, 0.5, color="none", edgecolor="#B0B6BE", linewidth=0.6)
        if v is not None:
            ax.barh(row, v, 0.5, color=color(0), linewidth=0)
        shown = t if v is None else (t if spec.series[0].labels else f"{t}{unit}")
        ax.text(full * 1.02, row, shown, va="center", ha="left", fontweight="bold",
                fontsize=SIZES.label_pt, color=color(0) if v is not None else theme().muted)
    ax.text(full, -0.5, goal, ha="right", va="bottom", fontsize=SIZES.data_label_pt,
            color=theme().muted)
    widest = max(text_em(t) + text_em(unit) for t in texts)
    room = (widest * SIZES.label_pt + 8) / (width_mm * 0.6 * PT_PER_MM)
    ax.set_xlim(0, full * (1.02 + min(0.5, room)))
    ax.set_ylim(n - 0.5, -0.9)
    ax.set_yticks(range(n), names, fontsize=pt)
    ax.xaxis.set_visible(False)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0, pad=6)


def draw_kpi(fig: Figure, spec: ChartSpec, width_mm: float, height_mm: float) -> None:
    """One big figure per category (usually one), with its unit and its label below."""
    from matplotlib.offsetbox import AnchoredOffsetbox, HPacker, TextArea, VPacker

    n = max(1, len(spec.categories))
    series = spec.series[0] if spec.series else None
    vals = values_of(series, n) if series else [None] * n
    texts = labels_of(series, n) if series else [NO_DATA] * n
    number_pt = _kpi_number_size(texts, spec.unit, width_mm / n)
    for i in range(n):
        ax = fig.add_subplot(1, n, i + 1)
        ax.set_axis_off()
        label = spec.categories[i] if i < len(spec.categories) else (series.name if series
                                                                       else "")
        number = TextArea(texts[i], textprops={
            "fontsize": number_pt, "fontweight": "bold",
            "color": color(0) if vals[i] is not None else theme().muted})
        unit = TextArea(spec.unit, textprops={"fontsize": number_pt * 0.45, "color": color(0)})
        row = HPacker(children=[number, unit], align="baseline", pad=0, sep=2)
        caption = TextArea(wrap_text(label, width_mm / n * PT_PER_MM * 0.9 / SIZES.kpi_label_pt),
                           textprops={"fontsize": SIZES.kpi_label_pt, "color": "#444444",
                                      "ha": "center", "multialignment": "center"})
        box = VPacker(children=[row, caption], align="center", pad=0, sep=4)
        ax.add_artist(AnchoredOffsetbox(loc="center", child=box, frameon=False, pad=0,
                                        bbox_to_anchor=(0.5, 0.5),
                                        bbox_transform=ax.transAxes))


def _kpi_number_size(texts: list[str], unit: str, tile_mm: float) -> float:
    widest = max(text_em(t) + 0.45 * text_em(unit) for t in texts)
    room = tile_mm * PT_PER_MM * 0.85
    return max(SIZES.label_pt, min(SIZES.kpi_number_pt, room / max(widest, 1.0)))

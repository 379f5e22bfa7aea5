"""ChartSpecs from a region's figures: values pre-scaled (万, 亿), labels formatted.

A chart whose data is missing returns None and is left out. Each chart's observations
are cited; the citation marks go into the source note ("来源：……[3][4]"). Data labels keep
each figure's qualifier and doubt mark (近100, 90余, 1.67※), and categories name a period
the source does not state by its time words (``figtext``), never by an invented date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from reportgen.charts.spec import ChartKind, ChartSpec, Series
from reportgen.data.model import Observation
from reportgen.report.citations import CitationBook, refs_text
from reportgen.report.figtext import FLAG_MARK, figure_period
from reportgen.report.query import Figure, RegionData
from reportgen.report.spec import ChartDef
from reportgen.text.numbers import choose_scale, format_number
from reportgen.text.qualifiers import BEFORE

RATE_UNITS = ("%", "％")


@dataclass(frozen=True)
class ChartInput:
    """Where a chart goes and how numbers are written."""

    chart_id: str
    book: CitationBook
    decimals: int = 2


def scaled(values: Sequence[Decimal | None], unit: str, decimals: int
           ) -> tuple[tuple[float | None, ...], tuple[str, ...], str]:
    """(display values, labels, display unit) sharing one scale for the whole chart."""
    divisor, display_unit = choose_scale(list(values), unit, decimals)
    floats = tuple(None if v is None else float(v / divisor) for v in values)
    labels = tuple("" if v is None else format_number(v / divisor, decimals) for v in values)
    return floats, labels, display_unit


def decorated(labels: Sequence[str], figures: Sequence[Figure | None]) -> tuple[str, ...]:
    """Data labels with each figure's qualifier (近100, 90余, 90以上) and ※ when doubted."""
    out = []
    for label, figure in zip(labels, figures, strict=True):
        if figure is None or not label:
            out.append(label)
            continue
        word = figure.qualifier  # 近/约 before the number; 余/多/以上/左右 after it
        text = word + label if word in BEFORE else label + word
        out.append(text + (FLAG_MARK if figure.flagged else ""))
    return tuple(out)


def source_note(book: CitationBook, observations: Sequence[Observation]) -> str:
    refs = book.cite(observations)
    titles = dict.fromkeys(book.source(o.source_id).title for o in observations)
    return f"来源：{'；'.join(titles)}{refs_text(refs)}"


MIN_SERIES_POINTS = 3  # two points are a change: a sentence says it better than a chart
MAX_FILLED_YEARS = 30  # a time axis longer than this keeps only the years with data


def year_axis(observations: Sequence[Observation]) -> list[tuple[str, int]]:
    """Every year from the first to the last (label, year), so that the axis is
    proportional to time: 2016, 2019, 2020 leave two empty slots, not none."""
    years = sorted({o.period.end.year for o in observations})
    suffix = "年底" if all(o.period.kind == "asof" for o in observations) else "年"
    if years[-1] - years[0] > MAX_FILLED_YEARS:
        return [(f"{y}{suffix}", y) for y in years]
    return [(f"{y}{suffix}", y) for y in range(years[0], years[-1] + 1)]


def point_key(figure: Figure) -> str:
    """What a chart point shows, to compare with the figures a text prints."""
    return f"{figure.indicator.id}@{figure.period.text}"


def yearly_chart(data: RegionData, indicator_ids: Sequence[str], kind: str, title: str,
                 inp: ChartInput) -> ChartSpec | None:
    """bar / line / grouped_bar / stacked_bar over years; None with < 3 years of data
    (a change between two points is written as a sentence, never drawn as a line)."""
    series_obs = {i: data.yearly(i) for i in indicator_ids}
    series_obs = {i: obs for i, obs in series_obs.items() if obs}
    every = [o for obs in series_obs.values() for o in obs]
    if len({o.period.end.year for o in every}) < MIN_SERIES_POINTS:
        return None
    axis = year_axis(every)
    names = [c for c, _ in axis]
    unit = data.dataset.indicators[next(iter(series_obs))].unit
    grid = {i: {o.period.end.year: data.figure(o) for o in obs}
            for i, obs in series_obs.items()}
    cells = [grid[i].get(year) for i in grid for _, year in axis]
    floats, labels, display_unit = scaled([f.value if f else None for f in cells], unit,
                                          inp.decimals)
    labels = decorated(labels, cells)
    series, width = [], len(names)
    for n, indicator_id in enumerate(grid):
        name = data.dataset.indicators[indicator_id].name
        chunk = slice(n * width, (n + 1) * width)
        series.append(Series(name, floats[chunk], labels[chunk]))
    observations = [o for row in grid.values() for f in row.values() for o in f.observations]
    default = "、".join(data.dataset.indicators[i].name for i in grid)
    first, last = axis[0][1], axis[-1][1]
    return ChartSpec(id=inp.chart_id, kind=cast(ChartKind, kind),
                     title=title or f"{default}（{first}—{last}年）", categories=tuple(names),
                     series=tuple(series), unit=display_unit,
                     source_note=source_note(inp.book, observations),
                     points=tuple(point_key(f) for f in cells if f is not None))


def figures_chart(figures: Sequence[Figure], kind: str, title: str, inp: ChartInput,
                  *, target: float | None = None, categories: Sequence[str] = ()
                  ) -> ChartSpec | None:
    """hbar / donut / progress: one value per figure, one series."""
    if len(figures) < (1 if kind == "progress" else 2):
        return None
    unit = figures[0].unit
    floats, labels, display_unit = scaled([f.value for f in figures], unit, inp.decimals)
    labels = decorated(labels, figures)
    names = tuple(categories) or _figure_names(figures)
    observations = [o for f in figures for o in f.observations]
    series_name = title or "、".join(dict.fromkeys(f.indicator.name for f in figures))
    return ChartSpec(id=inp.chart_id, kind=cast(ChartKind, kind),
                     title=title or series_name, categories=names,
                     series=(Series(series_name, floats, labels),), unit=display_unit,
                     source_note=source_note(inp.book, observations), target=target,
                     points=tuple(point_key(f) for f in figures))


def _figure_names(figures: Sequence[Figure]) -> tuple[str, ...]:
    def name(f: Figure) -> str:
        return f.indicator.name + (f"（{f.scope}）" if f.scope else "")

    periods = {(f.period.text, f.period_stated) for f in figures}
    if len(periods) == 1:
        return tuple(name(f) for f in figures)
    return tuple(f"{name(f)}（{figure_period(f)}）" for f in figures)


def spec_chart(data: RegionData, chart: ChartDef, inp: ChartInput) -> ChartSpec | None:
    """A chart the spec declares; None when its data is missing."""
    if chart.kind in ("bar", "line", "grouped_bar", "stacked_bar"):
        return yearly_chart(data, chart.indicators, chart.kind, chart.title, inp)
    if chart.kind == "donut":
        return _donut(data, chart, inp)
    figures = [f for i in chart.indicators if (f := data.select(i, chart.period))]
    if chart.kind == "progress":
        figures = [f for f in figures if f.unit in RATE_UNITS or chart.target is not None]
        if chart.target is None:  # no goal is invented: rates become bars on a 0–100 axis
            return figures_chart(figures, "hbar", chart.title, inp)
        return figures_chart(figures, "progress", chart.title, inp, target=chart.target)
    return figures_chart(figures, chart.kind, chart.title, inp)


def _donut(data: RegionData, chart: ChartDef, inp: ChartInput) -> ChartSpec | None:
    """Parts of one whole, all of the same period; the remainder becomes 其他."""
    whole = data.select(chart.whole, chart.period) if chart.whole else None
    if chart.whole and whole is None:
        return None
    selector = whole.period.text if whole else chart.period
    parts = [f for i in chart.indicators if (f := data.select(i, selector))]
    anchor = whole or (parts[0] if parts else None)
    # Shares of one whole: one period, stated or not alike, one scope.
    parts = [f for f in parts if anchor and (f.period.text, f.period_stated, f.scope) == (
        anchor.period.text, anchor.period_stated, anchor.scope)]
    if not parts:
        return None
    names = [f.indicator.name for f in parts]
    if whole is not None:
        if whole.qualifier or any(f.qualifier for f in parts):
            return None  # a remainder of approximate figures would be invented
        rest = whole.value - sum((f.value for f in parts), Decimal(0))
        if rest < 0:
            return None  # parts exceed the whole: the data check reports it
        if rest > 0:
            parts.append(Figure(whole.indicator, rest, whole.period, whole.observations,
                                period_stated=whole.period_stated,
                                period_phrase=whole.period_phrase, reported=whole.reported,
                                flagged=whole.flagged))
            names.append("其他")
    title = chart.title or f"{'、'.join(names)}构成（{figure_period(parts[0])}）"
    return figures_chart(parts, "donut", title, inp, categories=names)

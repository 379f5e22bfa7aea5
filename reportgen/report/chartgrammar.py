"""Which charts a section keeps, and the sentences that replace the ones it drops.

A chart must show something the text does not: a series over time (three points or
more, on a time axis with a slot per year), a comparison of several values, or the
shares of a whole. The rules:

* a change between two points is a sentence, "由93.47%提高到100%，提高6.53个百分点",
  never a two-point line (``chartbuild.yearly_chart`` draws no such chart; the section
  writes the sentence unless its text already prints both figures);
* a chart of one or two values that the section's text or the headline KPIs already
  print only repeats them, and is left out;
* a progress chart whose values all reach their target shows full bars only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reportgen.charts.spec import ChartSpec
from reportgen.report.figtext import figure_period, figure_run
from reportgen.report.model import Run
from reportgen.report.narrative import changes_comparably
from reportgen.report.query import Figure
from reportgen.text.numbers import format_change

REPEAT_LIMIT = 2  # a chart of this many values or fewer adds nothing to a text printing them
RATE_UNITS = ("%", "％")


def keeps_chart(chart: ChartSpec, printed: set[str]) -> bool:
    """Whether the chart shows more than the text around it already says."""
    if not chart.points:
        return True
    if chart.kind == "progress" and _all_reach_target(chart):
        return False
    shown = len(chart.points)
    return not (shown <= REPEAT_LIMIT and set(chart.points) <= printed)


def _all_reach_target(chart: ChartSpec) -> bool:
    target = chart.target if chart.target is not None else 100.0
    values = [v for s in chart.series[:1] for v in s.values if v is not None]
    return bool(values) and all(v >= target for v in values)


def printed_keys(figures: Iterable[Figure]) -> set[str]:
    return {f"{f.indicator.id}@{f.period.text}" for f in figures}


def change_runs(first: Figure, latest: Figure, scope: str, decimals: int,
                text: Sequence[str]) -> tuple[Run, ...]:
    """One sentence for a two-point series.

    Exact figures of stated periods and one scope: "全省贫困人口识别准确率由2016年的93.47%
    提高到2019年的100%，提高6.53个百分点。" Otherwise both are given with their own
    period words and no computed change: "…2015年为3033.84元，2020年为13036.8元。"
    """
    a, b = text
    name = latest.indicator.name
    owner = "" if first.scope or latest.scope else scope
    head = f"{owner}{name}"
    if changes_comparably(first, latest):
        unit = "百分点" if latest.unit in RATE_UNITS else latest.unit
        delta = format_change(latest.value - first.value, unit, decimals=decimals)
        verb = _verb(delta)
        return (f"{head}由{figure_period(first)}的", figure_run(first, a),
                f"{verb}到{figure_period(latest)}的", figure_run(latest, b), f"，{delta}。")
    return (f"{head}{figure_period(first)}为", figure_run(first, a),
            f"，{figure_period(latest)}为", figure_run(latest, b), "。")


def _verb(delta: str) -> str:
    """提高到 / 下降到 / 增加到 / 减少到: the change's own first word (format_change)."""
    word = delta[:2]
    return word if word in ("提高", "增长", "增加", "下降", "减少") else "变为"

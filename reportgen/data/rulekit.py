"""Shared pieces of the consistency rules: row lookup, period matching, warning text.

Warnings are read in the PDF's 数据核查 appendix: Chinese sentences, figures written
like the documents write them (the shared ``format_quantity``), rows named by file and row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from reportgen.data.collect import place, warning
from reportgen.data.findings import Finding
from reportgen.data.model import Dataset, Indicator, Observation, Period
from reportgen.data.periods import period_label
from reportgen.text.numbers import format_quantity

POINT_KINDS = ("year", "asof")


class Index:
    """Observations by (region, indicator), in file order."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.rows: dict[tuple[str, str], list[Observation]] = defaultdict(list)
        # (region, indicator, period text | end date) → (file position, row): ``matching``
        # looks up instead of scanning every period of the region and indicator.
        self._by_text: dict[tuple[str, str, str], list[tuple[int, Observation]]] = \
            defaultdict(list)
        self._by_end: dict[tuple[str, str, object], list[tuple[int, Observation]]] = \
            defaultdict(list)
        for position, obs in enumerate(dataset.observations):
            if obs.indicator_id in dataset.indicators and obs.region_code in dataset.regions:
                self.rows[(obs.region_code, obs.indicator_id)].append(obs)
                where = (obs.region_code, obs.indicator_id)
                self._by_text[(*where, obs.period.text)].append((position, obs))
                if obs.period.kind in POINT_KINDS:
                    self._by_end[(*where, obs.period.end)].append((position, obs))

    def get(self, region: str, indicator: str) -> list[Observation]:
        return self.rows.get((region, indicator), [])

    def indicator(self, obs: Observation) -> Indicator:
        return self.dataset.indicators[obs.indicator_id]

    def matching(self, obs: Observation, indicator: str, region: str | None = None
                 ) -> list[Observation]:
        """Rows of ``indicator`` (same region by default) for the same period as ``obs``."""
        mine = self.indicator(obs)
        other = self.dataset.indicators[indicator]
        where = (region or obs.region_code, indicator)
        same_text = self._by_text.get((*where, obs.period.text), [])
        point = (mine.aggregate != "sum" and other.aggregate != "sum"
                 and obs.period.kind in POINT_KINDS)
        if not point:
            return [o for _, o in same_text]
        merged = dict(same_text)
        merged.update(self._by_end.get((*where, obs.period.end), []))
        return [o for _, o in sorted(merged.items(), key=lambda item: item[0])]


def periods_match(a: Period, a_ind: Indicator, b: Period, b_ind: Indicator) -> bool:
    """Same period text; or, for point-in-time values (stocks, rates), the same end date.

    An as-of 2018-12-31 stock and a "2018" stock describe the same moment; flows (sum)
    only match on the same text, since 2018 and 2018-12-31 differ for them.
    """
    if a.text == b.text:
        return True
    point = a_ind.aggregate != "sum" and b_ind.aggregate != "sum"
    return point and a.kind in POINT_KINDS and b.kind in POINT_KINDS and a.end == b.end


def slack(rows: Iterable[Observation]) -> Decimal:
    """Rounding slack of a comparison: the written precisions of the rows compared, summed."""
    return sum((o.precision for o in rows), Decimal(0))


def number(value: Decimal | float, unit: str, decimals: int = 4) -> str:
    """A figure as the documents print it (16453亿元, 718.6万人, 0.26%), exact to 4 places."""
    return str(format_quantity(value, unit, decimals=decimals))


def as_written(obs: Observation) -> str:
    """The value as the source wrote it (5.1万户), so a message never states a rounded
    figure as exact (51000户)."""
    written = f"{obs.value_written}{obs.unit_written}"
    return written if obs.value_written else number(obs.value, obs.unit)


def figure(obs: Observation, dataset: Dataset, *, region: bool = True, name: bool = True,
           period: bool = True) -> str:
    """One row for a warning: "河南省 精准扶贫贷款发放额（累计（截至2020年底））3990亿元".

    Leave out what the sentence already said (the same region, indicator or period).
    """
    parts: list[str] = []
    if region:
        found = dataset.regions.get(obs.region_code)
        parts.append(found.name if found else obs.region_code)
    if name:
        indicator = dataset.indicators.get(obs.indicator_id)
        parts.append(indicator.name if indicator else obs.indicator_id)
    head, value = " ".join(parts), as_written(obs)
    if period:
        return f"{head}（{period_words(obs)}）{value}"
    return f"{head} {value}" if head else value


def period_words(obs: Observation) -> str:
    """The period for a warning, honest about dating: 2019年, or 五年来，整理时推定为2016—2021年."""
    label = period_label(obs.period)
    if obs.period_stated:
        return label
    said = f"{obs.period_phrase}，" if obs.period_phrase else "来源未写明时期，"
    return f"{said}整理时推定为{label}"


def same_period(a: Observation, b: Observation) -> bool:
    return period_label(a.period) == period_label(b.period)


def places(*groups: list[Observation]) -> str:
    """Where the rows are: "data/observations/x.csv 第33行 vs 第30行、第31行".

    Groups are set against each other with "vs"; a file is named only when it changes.
    """
    shown: list[str] = []
    last: str | None = None
    for group in groups:
        rows: list[str] = []
        for obs in group:
            loc = obs.location
            if loc is None:
                rows.append("位置不详")
                continue
            rows.append(f"第{loc.row}行" if loc.file == last else place(loc.file, loc.row))
            last = loc.file
        shown.append("、".join(rows))
    return " vs ".join(shown)


def rule_warning(code: str, message: str, rows: list[Observation], hint: str, *,
                 doubted: list[Observation] | None = None) -> Finding:
    """A warning located at the first row, tagged with every region and indicator involved;
    ``doubted`` (default: the rows a curator flagged ``doubtful``, else every row — a rule
    that cannot tell which figure is wrong marks them all) are the figures it marks."""
    if doubted is None:
        doubted = [o for o in rows if o.flag == "doubtful"] or None
    first = rows[0].location
    return warning(code, message, hint=hint, file=first.file if first else None,
                   row=first.row if first else None, column="value",
                   regions=[o.region_code for o in rows],
                   indicators=[o.indicator_id for o in rows], rows=row_keys(rows),
                   doubted=row_keys(doubted) if doubted is not None else ())


def row_keys(rows: Iterable[Observation]) -> list[tuple[str, int]]:
    """(file, row) of each observation: how a finding marks the figures it is about."""
    return [(o.location.file, o.location.row) for o in rows
            if o.location is not None and o.location.row is not None]


def first_per_period(rows: list[Observation]) -> dict[str, Observation]:
    """One row per period text (the first; conflicting duplicates are reported elsewhere)."""
    out: dict[str, Observation] = {}
    for obs in rows:
        out.setdefault(obs.period.text, obs)
    return out

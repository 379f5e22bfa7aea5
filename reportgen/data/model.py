"""Typed records of the curated data and the Dataset that holds them.

Values are ``Decimal`` in the indicator's canonical unit so that rounding
(四舍五入) and consistency checks are exact; ``Dataset.frame()`` gives pandas.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from reportgen.data.findings import Finding

if TYPE_CHECKING:
    import pandas as pd

RegionLevel = Literal["province", "city", "county"]
Aggregate = Literal["sum", "stock", "none"]
PeriodKind = Literal["year", "range", "asof", "cumulative"]
PeriodBasis = Literal["stated", "inferred"]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a record was read: file relative to the project, spreadsheet row."""

    file: str
    row: int | None = None


@dataclass(frozen=True)
class Region:
    code: str  # 6-digit GB/T 2260
    name: str
    level: RegionLevel
    parent_code: str | None
    location: Location | None = None


@dataclass(frozen=True)
class Indicator:
    """An indicator and its declared relationships (ids of other indicators).

    aggregate: "sum"   adds up over regions and over time (e.g. persons lifted out in a year);
               "stock" adds up over regions, not over time (e.g. poor population at year end);
               "none"  never adds up (rates, averages, incomes).
    """

    id: str
    name: str
    unit: str  # canonical unit, e.g. 人, 户, 个, 元, %
    category: str
    aggregate: Aggregate
    part_of: str | None = None  # this value is a part of (<=) that indicator
    at_most: str | None = None  # this value never exceeds that one (households <= persons)
    numerator: str | None = None  # this is a rate (%) = numerator / denominator * 100
    denominator: str | None = None
    growth_of: str | None = None  # this is a growth rate (%) of that indicator over the period
    description: str = ""
    location: Location | None = None
    headline: bool = False  # a headline KPI when the report spec names none


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    date: str  # ISO date or year-month as published
    file: str  # file name of the source document
    location: Location | None = None


@dataclass(frozen=True, order=True)
class Period:
    """A period as written in the data: canonical ``text`` plus its span.

    year        "2018"           the calendar year
    range       "2016-2020"      the years inclusive ("2019-05/2019-09": those months)
    asof        "2018-12-31"     a stock at that date ("2019-09": end of that month)
    cumulative  "cumulative:2020" / "cumulative:2020-11"  since the campaign began, up to then
    """

    end: date
    start: date
    kind: PeriodKind
    text: str


@dataclass(frozen=True, slots=True)  # slots: a million rows are held at once
class Observation:
    region_code: str
    indicator_id: str
    period: Period
    value: Decimal  # in the indicator's canonical unit
    unit: str  # the canonical unit
    value_written: str  # the value cell as written
    unit_written: str  # the unit as written in the source (万人, 亿元 ...)
    precision: Decimal  # half a unit of the last written digit, canonical unit (rounding slack)
    source_id: str
    quote: str
    note: str = ""
    # "" | "source-conflict" (the sources disagree, kept as each says) | "doubtful" (the
    # curator doubts the figure itself; the note says why, and the brief marks it ※)
    flag: str = ""
    location: Location | None = None
    qualifier: str = ""  # as written with the number: 近, 约, 余, 多, 以上, 左右 …
    period_basis: PeriodBasis = "stated"  # "inferred": the curator chose the period
    period_phrase: str = ""  # the source's own time words: 五年来, 今年5月以来
    scope: str = ""  # "" = the whole region; else what the figure covers (53个贫困县…)
    cell: str = ""  # a table source's cell, "Sheet1!C5" (CSV: "C5"); then quote may be ""

    @property
    def period_stated(self) -> bool:
        return self.period_basis == "stated"

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.region_code, self.indicator_id, self.period.text)


@dataclass(frozen=True)
class CheckRule:
    """A row of data/checks.csv: an arithmetic or plausibility relation between figures."""

    id: str
    kind: Literal["ratio", "difference"]
    indicator: str
    left: str
    right: str = ""
    region: Literal["same", "parent"] = "same"
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    match: Literal["end", "any"] = "end"
    note: str = ""
    location: Location | None = None


@dataclass
class Dataset:
    regions: dict[str, Region]
    indicators: dict[str, Indicator]
    sources: dict[str, Source]
    observations: list[Observation]
    findings: list[Finding] = field(default_factory=list)
    checks: list[CheckRule] = field(default_factory=list)
    _children_cache: tuple[tuple[int, int], dict[str | None, list[Region]]] | None = field(
        default=None, init=False, repr=False, compare=False)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    def children(self, code: str) -> list[Region]:
        return list(self._children_index().get(code, ()))

    def _children_index(self) -> dict[str | None, list[Region]]:
        """parent code → child regions, built once (rebuilt if ``regions`` is replaced or
        grows/shrinks): ``children`` was a scan of every region, per observation."""
        stamp = (id(self.regions), len(self.regions))
        if self._children_cache is None or self._children_cache[0] != stamp:
            index: dict[str | None, list[Region]] = {}
            for region in self.regions.values():
                index.setdefault(region.parent_code, []).append(region)
            self._children_cache = (stamp, index)
        return self._children_cache[1]

    def descendants(self, code: str) -> Iterator[Region]:
        for child in self.children(code):
            yield child
            yield from self.descendants(child.code)

    def ancestors(self, code: str) -> Iterator[Region]:
        parent = self.regions[code].parent_code
        while parent and parent in self.regions:
            yield self.regions[parent]
            parent = self.regions[parent].parent_code

    def observations_for(
        self, region_code: str, indicator_id: str | None = None
    ) -> list[Observation]:
        return [
            o
            for o in self.observations
            if o.region_code == region_code
            and (indicator_id is None or o.indicator_id == indicator_id)
        ]

    def frame(self) -> pd.DataFrame:
        """The normalized long table (value in the canonical unit, as float)."""
        import pandas as pd  # deferred: the data layer must stay light to import

        rows = [
            {
                "region_code": o.region_code,
                "region_name": self.regions[o.region_code].name
                if o.region_code in self.regions
                else "",
                "indicator_id": o.indicator_id,
                "indicator_name": self.indicators[o.indicator_id].name
                if o.indicator_id in self.indicators
                else "",
                "period": o.period.text,
                "value": float(o.value),
                "unit": o.unit,
                "value_written": o.value_written,
                "unit_written": o.unit_written,
                "source_id": o.source_id,
                "quote": o.quote,
                "note": o.note,
                "flag": o.flag,
            }
            for o in self.observations
        ]
        return pd.DataFrame(rows)

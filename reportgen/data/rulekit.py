"""Shared pieces of the consistency rules: row lookup, period matching, warning text."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from reportgen.data.collect import warning
from reportgen.data.findings import Finding
from reportgen.data.model import Dataset, Indicator, Observation, Period

POINT_KINDS = ("year", "asof")


class Index:
    """Observations by (region, indicator), in file order."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.rows: dict[tuple[str, str], list[Observation]] = defaultdict(list)
        for obs in dataset.observations:
            if obs.indicator_id in dataset.indicators and obs.region_code in dataset.regions:
                self.rows[(obs.region_code, obs.indicator_id)].append(obs)

    def get(self, region: str, indicator: str) -> list[Observation]:
        return self.rows.get((region, indicator), [])

    def indicator(self, obs: Observation) -> Indicator:
        return self.dataset.indicators[obs.indicator_id]

    def matching(self, obs: Observation, indicator: str, region: str | None = None
                 ) -> list[Observation]:
        """Rows of ``indicator`` (same region by default) for the same period as ``obs``."""
        mine = self.indicator(obs)
        other = self.dataset.indicators[indicator]
        return [o for o in self.get(region or obs.region_code, indicator)
                if periods_match(obs.period, mine, o.period, other)]


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


def number(value: Decimal | float, unit: str) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}{unit}"
    return f"{value:,}{unit}"


def describe(obs: Observation, dataset: Dataset) -> str:
    """One row for a warning: what, where, how much, from which source and phrase."""
    region = dataset.regions.get(obs.region_code)
    indicator = dataset.indicators.get(obs.indicator_id)
    name = indicator.name if indicator else obs.indicator_id
    loc = obs.location
    at = f"{loc.file}:{loc.row}" if loc else "?"
    quote = obs.quote if len(obs.quote) <= 30 else obs.quote[:30] + "…"
    return (f"{region.name if region else obs.region_code} {name} {obs.period.text} = "
            f"{number(obs.value, obs.unit)} ({at}, source {obs.source_id} “{quote}”)")


def rule_warning(code: str, message: str, rows: list[Observation], hint: str) -> Finding:
    """A warning located at the first row, tagged with every region and indicator involved."""
    first = rows[0].location
    return warning(code, message, hint=hint, file=first.file if first else None,
                   row=first.row if first else None, column="value",
                   regions=[o.region_code for o in rows],
                   indicators=[o.indicator_id for o in rows])


def first_per_period(rows: list[Observation]) -> dict[str, Observation]:
    """One row per period text (the first; conflicting duplicates are reported elsewhere)."""
    out: dict[str, Observation] = {}
    for obs in rows:
        out.setdefault(obs.period.text, obs)
    return out

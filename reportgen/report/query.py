"""Pick the figures a report prints from one region's observations.

Rules (documented in README, "Report specs"):

* **Conflicts.** Several observations for the same region, indicator and period are
  resolved before anything is selected: the one from the most recently published source
  wins (source date, then source id, then the later data row). When their values
  differ, the resolution is recorded (``RegionData.resolutions``) and printed in the
  data-check appendix.
* **Selectors** say which period a sentence, KPI or chart wants:
  ``latest`` (latest end date; on ties the narrowest period), ``first`` (earliest end),
  ``latest_year`` / ``first_year`` (calendar-year figures only), ``sum`` (the sum of the
  latest run of ≥2 consecutive yearly figures; only for indicators that add up over time),
  ``total`` (the whole campaign: the widest cumulative or multi-year figure, or ``sum`` when
  that reaches later), ``auto`` (``total`` for indicators that add up over time, when
  there is one, else ``latest``), or an exact period as written in the data (``2019``,
  ``2018-12-31``, ``cumulative:2020``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportgen.data.model import Dataset, Indicator, Observation, Period, Source
from reportgen.data.periods import PeriodError, parse_period

NAMED_SELECTORS = ("latest", "first", "latest_year", "first_year", "sum", "total", "auto")


@dataclass(frozen=True)
class Figure:
    """A value the report prints: one observation, or the sum of consecutive yearly ones."""

    indicator: Indicator
    value: Decimal  # canonical unit
    period: Period  # for sums: a synthesized "range" period
    observations: tuple[Observation, ...]

    @property
    def unit(self) -> str:
        return self.indicator.unit


@dataclass(frozen=True)
class Resolution:
    """Observations that disagree for one key, and the one the report uses."""

    chosen: Observation
    rejected: tuple[Observation, ...]


def is_valid_selector(selector: str) -> bool:
    if selector in NAMED_SELECTORS:
        return True
    try:
        parse_period(selector)
    except PeriodError:
        return False
    return True


def source_rank(source: Source | None) -> tuple[int, ...]:
    """Sort key of a source's publication date: "2021" < "2021-03" < "2021-03-05"."""
    if source is None:
        return (0,)
    parts = []
    for piece in source.date.replace("/", "-").split("-")[:3]:
        parts.append(int(piece) if piece.isdigit() else 0)
    return tuple(parts)


def _preference(dataset: Dataset) -> Callable[[Observation], tuple[object, ...]]:
    def key(obs: Observation) -> tuple[object, ...]:
        row = obs.location.row if obs.location and obs.location.row else 0
        return (source_rank(dataset.sources.get(obs.source_id)), obs.source_id, row)

    return key


class RegionData:
    """One region's observations, conflicts resolved, ready for selection."""

    def __init__(self, dataset: Dataset, region_code: str) -> None:
        self.dataset = dataset
        self.region_code = region_code
        self.resolutions: list[Resolution] = []
        self._by_indicator: dict[str, list[Observation]] = {}
        self._resolve(dataset.observations_for(region_code))

    def _resolve(self, observations: Iterable[Observation]) -> None:
        groups: dict[tuple[str, str], list[Observation]] = defaultdict(list)
        for obs in observations:
            if obs.indicator_id in self.dataset.indicators:
                groups[(obs.indicator_id, obs.period.text)].append(obs)
        prefer = _preference(self.dataset)
        by_indicator: dict[str, list[Observation]] = defaultdict(list)
        for (indicator_id, _), group in groups.items():
            ordered = sorted(group, key=prefer, reverse=True)
            chosen = ordered[0]
            rejected = tuple(o for o in ordered[1:] if o.value != chosen.value)
            if rejected:
                self.resolutions.append(Resolution(chosen, rejected))
            by_indicator[indicator_id].append(chosen)
        order = {ind: n for n, ind in enumerate(self.dataset.indicators)}
        for indicator_id in sorted(by_indicator, key=order.__getitem__):
            self._by_indicator[indicator_id] = sorted(
                by_indicator[indicator_id], key=lambda o: (o.period.end, o.period.start))

    @property
    def is_empty(self) -> bool:
        return not self._by_indicator

    def indicator_ids(self) -> list[str]:
        """Indicators with data, in the order of the indicator tables."""
        return list(self._by_indicator)

    def observations(self, indicator_id: str | None = None) -> list[Observation]:
        """Resolved observations (one per period), ordered by indicator then period."""
        if indicator_id is not None:
            return list(self._by_indicator.get(indicator_id, []))
        return [o for obs in self._by_indicator.values() for o in obs]

    def yearly(self, indicator_id: str) -> list[Observation]:
        """A chartable series: ≥2 calendar-year figures, else ≥2 year-end stocks, else []."""
        observations = self._by_indicator.get(indicator_id, [])
        years = [o for o in observations if o.period.kind == "year"]
        if len(years) >= 2:
            return years
        year_ends = [o for o in observations if o.period.kind == "asof"
                     and (o.period.end.month, o.period.end.day) == (12, 31)]
        return year_ends if len(year_ends) >= 2 else []

    def select(self, indicator_id: str, selector: str) -> Figure | None:
        observations = self._by_indicator.get(indicator_id)
        if not observations:
            return None
        indicator = self.dataset.indicators[indicator_id]
        if selector == "auto":
            total = _total(indicator, observations, sums_only=False) \
                if indicator.aggregate == "sum" else None
            return total or self.select(indicator_id, "latest")
        if selector in ("sum", "total"):
            return _total(indicator, observations, sums_only=selector == "sum")
        chosen: Observation | None
        if selector in ("latest", "first"):
            chosen = _extreme(observations, latest=selector == "latest")
        elif selector in ("latest_year", "first_year"):
            years = [o for o in observations if o.period.kind == "year"]
            chosen = _extreme(years, latest=selector == "latest_year") if years else None
        else:
            chosen = next((o for o in observations if o.period.text == selector), None)
        return _single(indicator, chosen) if chosen else None


def _single(indicator: Indicator, obs: Observation) -> Figure:
    return Figure(indicator, obs.value, obs.period, (obs,))


def _extreme(observations: list[Observation], *, latest: bool) -> Observation:
    # Ties on the end date go to the narrowest period: "2020" before "2016-2020".
    if latest:
        return max(observations, key=lambda o: (o.period.end, o.period.start))
    return min(observations, key=lambda o: (o.period.end, _negated(o.period.start)))


def _negated(day: date) -> int:
    return -day.toordinal()


def _total(indicator: Indicator, observations: list[Observation], *,
           sums_only: bool) -> Figure | None:
    summed = _yearly_sum(indicator, observations)
    if sums_only:
        return summed
    wide = [o for o in observations if o.period.kind in ("range", "cumulative")]
    best = max(wide, key=lambda o: (o.period.end, _negated(o.period.start))) if wide else None
    if best is None:
        return summed
    if summed is not None and summed.period.end > best.period.end:
        return summed
    return _single(indicator, best)


def _yearly_sum(indicator: Indicator, observations: list[Observation]) -> Figure | None:
    """Sum of the latest run of ≥2 consecutive years (only for indicators that add up)."""
    if indicator.aggregate != "sum":
        return None
    years = sorted((o for o in observations if o.period.kind == "year"),
                   key=lambda o: o.period.end)
    run: list[Observation] = []
    for obs in reversed(years):
        if run and obs.period.end.year != run[-1].period.end.year - 1:
            break
        run.append(obs)
    if len(run) < 2:
        return None
    run.reverse()
    first, last = run[0].period, run[-1].period
    period = Period(last.end, first.start, "range", f"{first.end.year}-{last.end.year}")
    return Figure(indicator, sum((o.value for o in run), Decimal(0)), period, tuple(run))

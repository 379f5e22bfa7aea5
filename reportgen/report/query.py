"""Pick the figures a report prints from one region's observations.

Rules (documented in README, "Report specs"):

* **Conflicts.** Several observations for the same region, indicator and period are
  resolved before anything is selected: the one from the most recently published source
  wins (source date, then source id, then the later data row). When their values
  differ, the resolution is recorded (``RegionData.resolutions``) and printed in the
  data-check appendix.
* **Same fact, several sources.** Observations that agree (same value and scope) are one
  figure citing every source: those of one key, and an observation whose period the
  curator inferred folded into one that states its period (or into the earliest report).
* **Faithful figures.** A figure carries its qualifier (近/余/约…), scope, whether its
  period is stated by the source (else its own time words, or the report's date) and
  whether a data check doubts it (``flagged``: a warning names one of its rows).
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
    observations: tuple[Observation, ...]  # every row behind it (parts, agreeing sources)
    qualifier: str = ""  # 近 / 余 / 约 …, printed with the number
    scope: str = ""  # what it covers when less than the whole region
    period_stated: bool = True  # False: the curator inferred the period; never print it
    period_phrase: str = ""  # the source's own time words (五年来, “十三五”之初)
    reported: str = ""  # publication date of the earliest source: "2020年11月"
    flagged: bool = False  # a data check doubts one of its rows

    @property
    def unit(self) -> str:
        return self.indicator.unit

    @property
    def comparable_key(self) -> tuple[str, str, bool, str]:
        """Figures with equal keys may be set side by side (compared, charted, subtracted)."""
        return (self.indicator.id, self.period.text, self.period_stated, self.scope)


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
        self._agreeing: dict[int, tuple[Observation, ...]] = {}  # id(chosen) → same fact
        self._flagged = flagged_rows(dataset)
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
            rejected = tuple(o for o in ordered[1:] if not same_fact(o, chosen))
            if rejected:
                self.resolutions.append(Resolution(chosen, rejected))
            self._agreeing[id(chosen)] = tuple(o for o in ordered[1:] if same_fact(o, chosen))
            by_indicator[indicator_id].append(chosen)
        order = {ind: n for n, ind in enumerate(self.dataset.indicators)}
        for indicator_id in sorted(by_indicator, key=order.__getitem__):
            self._by_indicator[indicator_id] = sorted(
                self._fold_inferred(by_indicator[indicator_id]),
                key=lambda o: (o.period.end, o.period.start))

    def _fold_inferred(self, observations: list[Observation]) -> list[Observation]:
        """An inferred-period row that repeats another row's value is that row's fact.

        平顶山's 2021 review repeats 2020's 4094公里 under a guessed period: printing both
        would invent a second fact. Stated periods come first, then the earliest report.
        """
        def rank(obs: Observation) -> tuple[object, ...]:
            return (not obs.period_stated, source_rank(self.dataset.sources.get(obs.source_id)))

        kept: list[Observation] = []
        for obs in sorted(observations, key=rank):
            target = None if obs.period_stated else next(
                (k for k in kept if same_fact(k, obs)), None)
            if target is None:
                kept.append(obs)
                continue
            self._agreeing[id(target)] = (*self._agreeing.get(id(target), ()), obs,
                                          *self._agreeing.pop(id(obs), ()))
        return kept

    def figure(self, obs: Observation) -> Figure:
        """The figure of one resolved observation, with every source that states it."""
        indicator = self.dataset.indicators[obs.indicator_id]
        backing = (obs, *self._agreeing.get(id(obs), ()))
        return Figure(indicator, obs.value, obs.period, backing, qualifier=obs.qualifier,
                      scope=obs.scope, period_stated=obs.period_stated,
                      period_phrase=obs.period_phrase, reported=self._reported(backing),
                      flagged=self._is_flagged(backing))

    def _reported(self, observations: Iterable[Observation]) -> str:
        sources = [s for o in observations if (s := self.dataset.sources.get(o.source_id))]
        if not sources:
            return ""
        earliest = min(sources, key=source_rank)
        return date_words(earliest.date)

    def _is_flagged(self, observations: Iterable[Observation]) -> bool:
        return any(o.location is not None and (o.location.file, o.location.row)
                   in self._flagged for o in observations)

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
        """A chartable series: ≥2 calendar-year figures, else ≥2 year-end stocks, else [].

        Only periods the sources state, all of one scope: a series is read as like for like.
        """
        observations = comparable_run(self._by_indicator.get(indicator_id, []))
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
            total = self._total(indicator, observations, sums_only=False) \
                if indicator.aggregate == "sum" else None
            return total or self.select(indicator_id, "latest")
        if selector in ("sum", "total"):
            return self._total(indicator, observations, sums_only=selector == "sum")
        chosen: Observation | None
        if selector in ("latest", "first"):
            chosen = _extreme(observations, latest=selector == "latest")
        elif selector in ("latest_year", "first_year"):
            years = [o for o in observations if o.period.kind == "year"]
            chosen = _extreme(years, latest=selector == "latest_year") if years else None
        else:
            chosen = next((o for o in observations if o.period.text == selector), None)
        return self.figure(chosen) if chosen else None

    def _total(self, indicator: Indicator, observations: list[Observation], *,
               sums_only: bool) -> Figure | None:
        summed = self._yearly_sum(indicator, observations)
        if sums_only:
            return summed
        wide = [o for o in observations if o.period.kind in ("range", "cumulative")]
        best = max(wide, key=lambda o: (o.period.end, _negated(o.period.start))) \
            if wide else None
        if best is None:
            return summed
        if summed is not None and summed.period.end > best.period.end:
            return summed
        return self.figure(best)

    def _yearly_sum(self, indicator: Indicator, observations: list[Observation]
                    ) -> Figure | None:
        """Sum of the latest run of ≥2 consecutive stated years of one scope (flows only)."""
        if indicator.aggregate != "sum":
            return None
        years = sorted((o for o in comparable_run(observations) if o.period.kind == "year"),
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
        parts = [self.figure(o) for o in run]
        return Figure(indicator, sum((o.value for o in run), Decimal(0)), period,
                      tuple(o for p in parts for o in p.observations),
                      qualifier=summed_qualifier([p.qualifier for p in parts]),
                      scope=run[0].scope, reported=max(p.reported for p in parts),
                      flagged=any(p.flagged for p in parts))


def same_fact(a: Observation, b: Observation) -> bool:
    """Two rows that state the same figure: same indicator, value, scope and qualifier."""
    return (a.indicator_id, a.value, a.scope, a.qualifier) == (
        b.indicator_id, b.value, b.scope, b.qualifier)


def comparable_run(observations: list[Observation]) -> list[Observation]:
    """The rows that may stand in one series: stated periods, the scope of the latest."""
    stated = [o for o in observations if o.period_stated]
    if not stated:
        return []
    scope = max(stated, key=lambda o: (o.period.end, o.period.start)).scope
    return [o for o in stated if o.scope == scope]


def summed_qualifier(qualifiers: list[str]) -> str:
    """A sum of 近 figures is still 近…; of mixed or partly exact ones it is 约 at best."""
    words = set(qualifiers)
    if words == {""}:
        return ""
    if len(words) == 1:
        return words.pop()
    return "约"


def flagged_rows(dataset: Dataset) -> frozenset[tuple[str, int]]:
    """Data rows a warning doubts: figures from them are marked and never headline KPIs."""
    return frozenset(row for f in dataset.warnings for row in f.marked_rows)


def date_words(text: str) -> str:
    """A source date as words: "2020-11-05" → 2020年11月5日, "2021" → 2021年."""
    parts = [p for p in text.replace("/", "-").split("-")[:3] if p.isdigit()]
    return "".join(f"{int(p)}{u}" for p, u in zip(parts, ("年", "月", "日"), strict=False))


def _extreme(observations: list[Observation], *, latest: bool) -> Observation:
    # Ties on the end date go to the narrowest period: "2020" before "2016-2020".
    if latest:
        return max(observations, key=lambda o: (o.period.end, o.period.start))
    return min(observations, key=lambda o: (o.period.end, _negated(o.period.start)))


def _negated(day: date) -> int:
    return -day.toordinal()

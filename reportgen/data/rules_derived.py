"""Rules over derived figures: yearly parts vs totals, rates, growth rates (WARNINGS)."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

from reportgen.data.findings import Finding
from reportgen.data.model import Indicator, Observation
from reportgen.data.periods import period_label
from reportgen.data.rulekit import (
    Index,
    figure,
    first_per_period,
    number,
    places,
    rule_warning,
    same_period,
    slack,
)
from reportgen.text.numbers import format_change, format_number

HUNDRED = Decimal(100)


# ---------------------------------------------------------------- yearly parts vs a total


def check_yearly_sums(index: Index) -> list[Finding]:
    """aggregate=sum: years (or sub-ranges) inside a range/cumulative row add up to it."""
    findings: list[Finding] = []
    for (_, ident), rows in index.rows.items():
        if index.dataset.indicators[ident].aggregate != "sum":
            continue
        by_period = list(first_per_period(rows).values())
        for total in by_period:
            if total.period.kind in ("range", "cumulative"):
                finding = _check_total(index, total, _parts_inside(total, by_period))
                if finding:
                    findings.append(finding)
    return findings


def _parts_inside(total: Observation, rows: list[Observation]) -> list[Observation]:
    span = (total.period.start, total.period.end)
    inside = [o for o in rows if o.period.kind in ("year", "range")
              and o.period.start >= span[0] and o.period.end <= span[1]
              and (o.period.start, o.period.end) != span]
    inside.sort(key=lambda o: o.period.start)
    overlapping = any(a.period.end >= b.period.start for a, b in pairwise(inside))
    # Overlapping parts (2018 and 2018-2019) would count a year twice: use single years.
    return [o for o in inside if o.period.kind == "year"] if overlapping else inside


def _years(obs: Observation) -> set[int]:
    return set(range(obs.period.start.year, obs.period.end.year + 1))


def _check_total(index: Index, total: Observation, parts: list[Observation]
                 ) -> Finding | None:
    if not parts:
        return None
    added = sum((o.value for o in parts), Decimal(0))
    tolerance = slack([total, *parts])
    full_year_end = (total.period.end.month, total.period.end.day) == (12, 31)
    covered = full_year_end and set().union(*map(_years, parts)) >= _years(total)
    listing = " + ".join(f"{period_label(o.period)} {number(o.value, o.unit)}" for o in parts)
    if len(parts) > 1:
        listing += f" = {number(added, total.unit)}"
    whole = figure(total, index.dataset)
    where = places([total], parts)
    if covered and abs(added - total.value) > tolerance:
        return rule_warning(
            "parts-total-mismatch",
            f"{whole}，但其中各时期之和 {listing}（{where}），"
            f"相差{number(abs(added - total.value), total.unit)}。", [total, *parts],
            "各时期的数字覆盖了整个时期，合计应等于总数；请核对各数字及其时期")
    if not covered and added - total.value > tolerance:
        return rule_warning(
            "parts-exceed-total",
            f"{whole}，但其中 {listing} 已超过总数（{where}），"
            f"差额{number(added - total.value, total.unit)}。", [total, *parts],
            "部分时期之和不应超过整个时期的总数，请核对时期和统计口径")
    return None


# ---------------------------------------------------------------- rate = num / den × 100


def check_rates(index: Index) -> list[Finding]:
    findings: list[Finding] = []
    dataset = index.dataset
    for rate in dataset.observations:
        indicator = dataset.indicators.get(rate.indicator_id)
        if indicator is None or not indicator.numerator or not indicator.denominator:
            continue
        for num in index.matching(rate, indicator.numerator):
            for den in index.matching(rate, indicator.denominator):
                finding = _check_rate(index, rate, num, den)
                if finding:
                    findings.append(finding)
    return findings


def _check_rate(index: Index, rate: Observation, num: Observation, den: Observation
                ) -> Finding | None:
    if den.value <= 0:
        return None
    expected = num.value / den.value * HUNDRED
    # Worst-case rounding of both inputs, plus half a unit of the rate's last digit.
    propagated = HUNDRED * (num.precision / den.value
                            + num.value * den.precision / (den.value * den.value))
    if abs(rate.value - expected) <= rate.precision + propagated:
        return None
    def term(obs: Observation) -> str:
        return figure(obs, index.dataset, region=False, period=not same_period(obs, rate))

    gap = format_number(abs(rate.value - expected))
    return rule_warning(
        "rate-mismatch",
        f"{figure(rate, index.dataset)}，但 {term(num)} ÷ {term(den)} × 100 = "
        f"{number(expected, '%', 2)}（{places([rate], [num, den])}），相差{gap}个百分点。",
        [rate, num, den], "请核对该比率及计算它的两个数字")


# ---------------------------------------------------------------- growth vs endpoints


def check_growth(index: Index) -> list[Finding]:
    findings: list[Finding] = []
    dataset = index.dataset
    for growth in dataset.observations:
        indicator = dataset.indicators.get(growth.indicator_id)
        if indicator is None or not indicator.growth_of or growth.period.kind != "range":
            continue
        finding = _check_growth(index, growth, dataset.indicators[indicator.growth_of])
        if finding:
            findings.append(finding)
    return findings


def _at_year(index: Index, region: str, indicator: Indicator, year: int) -> Observation | None:
    for obs in index.get(region, indicator.id):
        period = obs.period
        if period.kind == "year" and period.end.year == year:
            return obs
        if (indicator.aggregate != "sum" and period.kind == "asof"
                and (period.end.year, period.end.month, period.end.day) == (year, 12, 31)):
            return obs
    return None


def _check_growth(index: Index, growth: Observation, grown: Indicator) -> Finding | None:
    """Accept total or average annual growth, from the start year or the year before it."""
    end = _at_year(index, growth.region_code, grown, growth.period.end.year)
    if end is None or end.value <= 0:
        return None
    tried: list[str] = []
    rows: list[Observation] = []
    for base_year in (growth.period.start.year, growth.period.start.year - 1):
        start = _at_year(index, growth.region_code, grown, base_year)
        if start is None or start.value <= 0:
            continue
        years = growth.period.end.year - base_year
        total, average, tolerance = _growths(start, end, years)
        if min(abs(float(growth.value) - total), abs(float(growth.value) - average)) <= (
                float(growth.precision) + tolerance):
            return None
        rows.append(start)
        tried.append(f"较{period_label(start.period)} {number(start.value, start.unit)}"
                     f"累计{format_change(total, '%')}，{years}年年均{format_change(average, '%')}")
    if not tried:
        return None
    end_figure = figure(end, index.dataset, region=False)
    return rule_warning(
        "growth-mismatch",
        f"{figure(growth, index.dataset)} 与两端数字不符：{end_figure}，" + "；".join(tried)
        + f"（{places([growth], [end, *rows])}）。", [growth, end, *rows],
        "请核对增速、其时期及两端的数字")


def _growths(start: Observation, end: Observation, years: int) -> tuple[float, float, float]:
    """Total and average annual growth in %, and the rounding tolerance of both."""
    s, e = float(start.value), float(end.value)
    ps, pe = float(start.precision), float(end.precision)
    ratio = e / s
    total = (ratio - 1) * 100
    average = (ratio ** (1 / years) - 1) * 100 if years > 0 else total
    tol_total = 100 * (pe / s + e * ps / (s * s))
    tol_average = 100 * ratio ** (1 / max(years, 1)) / max(years, 1) * (pe / e + ps / s)
    return total, average, max(tol_total, tol_average)

"""Rules from data/checks.csv (ratio, difference) and the built-in nested-period rule.

* A declared **ratio** holds when ``min <= indicator / left <= max`` for some values
  within the rounding slack of both written figures (5.1万 may be 50500–51499).
* A declared **difference** holds when ``indicator = left - right`` within the slack of
  the three figures.
* **Nested periods** (built in, flows only): a flow over a sub-period never exceeds the
  same flow, same scope, over a period containing it — 2019年5—9月 within 2019年, 2020年
  within 2016—2020年 or 累计（截至2020年底）.

Each violation is a warning naming every row involved (``Finding.rows``), so the report
marks those figures and keeps them out of the headlines.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reportgen.data.findings import Finding
from reportgen.data.model import CheckRule, Observation
from reportgen.data.rulekit import Index, figure, number, places, rule_warning, slack


def check_declared(index: Index) -> list[Finding]:
    findings: list[Finding] = []
    for rule in index.dataset.checks:
        for obs in _distinct(index, rule.indicator):
            if rule.kind == "ratio":
                findings.extend(_ratio(index, rule, obs))
            else:
                findings.extend(_difference(index, rule, obs))
    return findings


def _distinct(index: Index, indicator: str) -> Iterator[Observation]:
    """Rows of ``indicator`` in every region; identical duplicate rows once."""
    seen: set[tuple[object, ...]] = set()
    for (_, ident), rows in index.rows.items():
        if ident != indicator:
            continue
        for obs in rows:
            key = (obs.key, obs.value, obs.precision, obs.scope)
            if key not in seen:
                seen.add(key)
                yield obs


def _partners(index: Index, rule: CheckRule, obs: Observation, indicator: str
              ) -> list[Observation]:
    region = obs.region_code
    if rule.region == "parent":
        parent = index.dataset.regions[region].parent_code
        if parent is None:
            return []
        region = parent
    rows = index.get(region, indicator)
    if rule.match == "end":
        rows = [o for o in rows if o.period.end == obs.period.end]
    unique: dict[tuple[object, ...], Observation] = {}
    for row in rows:
        unique.setdefault((row.key, row.value, row.precision), row)
    return list(unique.values())


def _ratio(index: Index, rule: CheckRule, obs: Observation) -> list[Finding]:
    out = []
    for base in _partners(index, rule, obs, rule.left):
        low_base, high_base = base.value + base.precision, base.value - base.precision
        if low_base <= 0:
            continue
        lowest = max(obs.value - obs.precision, Decimal(0)) / low_base
        highest = (obs.value + obs.precision) / high_base if high_base > 0 else None
        too_high = rule.maximum is not None and lowest > rule.maximum
        too_low = rule.minimum is not None and highest is not None and highest < rule.minimum
        if not (too_high or too_low):
            continue
        ratio = obs.value / base.value
        out.append(rule_warning(
            "check-ratio",
            f"{figure(obs, index.dataset)} ÷ {figure(base, index.dataset)} = "
            f"{number(ratio, '', 2)}，按规则 {rule.id} 应{_bounds(rule)}"
            f"（{places([obs], [base])}）。{_note(rule)}",
            [obs, base], _hint(rule), doubted=[obs]))
    return out


def _difference(index: Index, rule: CheckRule, obs: Observation) -> list[Finding]:
    out = []
    for minuend in _partners(index, rule, obs, rule.left):
        for subtrahend in _partners(index, rule, obs, rule.right):
            expected = minuend.value - subtrahend.value
            gap = obs.value - expected
            allowed = slack([obs, minuend, subtrahend])
            if abs(gap) <= allowed:
                continue
            at_least = f"，计入原文数字的舍入至少相差{number(abs(gap) - allowed, obs.unit)}" \
                if allowed else ""
            out.append(rule_warning(
                "check-difference",
                f"{figure(obs, index.dataset)} 应等于 {figure(minuend, index.dataset)} − "
                f"{figure(subtrahend, index.dataset)} = {number(expected, obs.unit)}，"
                f"相差{number(abs(gap), obs.unit)}{at_least}（规则 {rule.id}；"
                f"{places([obs], [minuend, subtrahend])}）。{_note(rule)}",
                [obs, minuend, subtrahend], _hint(rule), doubted=[obs]))
    return out


def _bounds(rule: CheckRule) -> str:
    if rule.minimum is not None and rule.maximum is not None:
        return f"在{rule.minimum}至{rule.maximum}之间"
    if rule.minimum is not None:
        return f"不小于{rule.minimum}"
    return f"不大于{rule.maximum}"


def _note(rule: CheckRule) -> str:
    note = rule.note.strip()
    return "" if not note else note if note.endswith("。") else note + "。"


def _hint(rule: CheckRule) -> str:
    where = f"（data/checks.csv 第{rule.location.row}行）" if rule.location else ""
    return f"核对这几个数字及其口径、时期；规则本身有误时改正规则{where}"


def check_nested_periods(index: Index) -> list[Finding]:
    """A flow over a sub-period never exceeds the same flow over a containing period."""
    findings: list[Finding] = []
    for (_, ident), rows in index.rows.items():
        if index.dataset.indicators[ident].aggregate != "sum" or len(rows) < 2:
            continue
        distinct = list({(o.period.text, o.value, o.scope): o for o in rows}.values())
        for part in distinct:
            for whole in distinct:
                if part is whole or part.scope != whole.scope or not _inside(part, whole):
                    continue
                excess = part.value - whole.value
                if excess > slack([part, whole]):
                    findings.append(rule_warning(
                        "subperiod-exceeds-period",
                        f"{figure(part, index.dataset)} 大于包含它的时期的 "
                        f"{figure(whole, index.dataset, region=False, name=False)}"
                        f"（{places([part], [whole])}），差额{number(excess, part.unit)}。"
                        "流量指标在较短时期内的数值不会大于较长时期。",
                        [part, whole], "核对两个数字的时期和口径（是否一个是当年、一个是累计）"))
    return findings


def _inside(part: Observation, whole: Observation) -> bool:
    a, b = part.period, whole.period
    if a.kind == "year" and b.kind in ("range", "cumulative"):
        return False  # yearly parts of a total: check_yearly_sums reports them, summed
    return b.start <= a.start and a.end <= b.end and (a.start, a.end) != (b.start, b.end)

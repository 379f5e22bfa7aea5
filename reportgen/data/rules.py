"""Consistency rules driven by the declared relationships; they yield WARNINGS.

The shipped data keeps what the sources say, so a rule never stops a build: it tells the
reader which two rows disagree, by how much, and where each figure came from.
Rows are compared within rounding slack (their written precisions, summed).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from reportgen.data.findings import Finding
from reportgen.data.model import Dataset, Observation
from reportgen.data.periods import period_label
from reportgen.data.rulekit import (
    Index,
    figure,
    number,
    places,
    rule_warning,
    same_period,
    slack,
)
from reportgen.data.rules_declared import check_declared, check_nested_periods
from reportgen.data.rules_derived import check_growth, check_rates, check_yearly_sums

Rule = Callable[[Index], list[Finding]]


def check_consistency(dataset: Dataset) -> list[Finding]:
    """Every consistency warning of the dataset, rule by rule."""
    index = Index(dataset)
    findings: dict[tuple[str, str], Finding] = {}
    for rule in RULES:
        for finding in rule(index):  # identical duplicate rows would repeat a warning
            findings.setdefault((finding.code, finding.message), finding)
    return list(findings.values())


def _same_row(obs: Observation) -> tuple[object, ...]:
    """What a pairwise rule reads of a row: rows equal here give the same findings."""
    return (obs.key, obs.value, obs.precision, obs.unit)


def check_part_of(index: Index) -> list[Finding]:
    """part_of: a part never exceeds its whole (same region, matching period)."""
    return _pairwise(index, "part_of", "part-exceeds-whole", "大于其总量",
                     "部分不应大于总量，请核对两个数字及其统计口径")


def check_at_most(index: Index) -> list[Finding]:
    """at_most: e.g. households never exceed persons (same region, matching period)."""
    return _pairwise(index, "at_most", "exceeds-at-most", "大于",
                     "前者不应大于后者，请核对两个数字及其统计口径")


def _pairwise(index: Index, relation: str, code: str, verb: str, hint: str) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[tuple[object, ...]] = set()  # identical duplicates would repeat a warning
    done: set[tuple[object, ...]] = set()  # an identical row again finds nothing new
    for obs in index.dataset.observations:
        if obs.indicator_id not in index.dataset.indicators:
            continue
        other = getattr(index.indicator(obs), relation)
        if not other or _same_row(obs) in done:
            continue
        done.add(_same_row(obs))
        bounds = {_same_row(b): b for b in index.matching(obs, other)}
        for bound in bounds.values():
            excess = obs.value - bound.value
            pair = (obs.key, obs.value, bound.key, bound.value)
            if excess > slack([obs, bound]) and pair not in seen:
                seen.add(pair)
                other_figure = figure(bound, index.dataset, region=False,
                                      period=not same_period(obs, bound))
                findings.append(rule_warning(
                    code, f"{figure(obs, index.dataset)} {verb} {other_figure}"
                    f"（{places([obs], [bound])}），差额{number(excess, obs.unit)}。",
                    [obs, bound], hint))
    return findings


def check_children(index: Index) -> list[Finding]:
    """sum/stock indicators: the child regions together never exceed their parent."""
    findings: list[Finding] = []
    dataset = index.dataset
    seen: set[tuple[object, ...]] = set()
    for parent in dataset.observations:
        indicator = dataset.indicators.get(parent.indicator_id)
        if indicator is None or indicator.aggregate == "none" or parent.key in seen:
            continue
        seen.add(parent.key)
        parts: list[Observation] = []
        for child in dataset.children(parent.region_code):
            rows = index.matching(parent, parent.indicator_id, region=child.code)
            parts.extend(rows[:1])
        total = sum((o.value for o in parts), parent.value * 0)
        if parts and total - parent.value > slack([parent, *parts]):
            findings.append(rule_warning(
                "children-exceed-parent", _children_text(dataset, parent, parts, total),
                [parent, *parts], "请核对上下级地区数字的统计口径和时期"))
    return findings


def check_parent_exceeds(index: Index) -> list[Finding]:
    """sum/stock indicators: a parent (合计) larger than the sum of ALL its child regions.

    Only when every child region of the GB/T 2260 table is there (development zones aside),
    each with a figure of the whole region."""
    findings: list[Finding] = []
    dataset = index.dataset
    seen: set[tuple[str, str, str]] = set()
    for parent in dataset.observations:
        indicator = dataset.indicators.get(parent.indicator_id)
        if indicator is None or indicator.aggregate == "none" or parent.key in seen \
                or parent.scope:
            continue
        seen.add(parent.key)
        parts = _all_children(index, parent)
        if not parts:
            continue
        total = sum((o.value for o in parts), parent.value * 0)
        if parent.value - total > slack([parent, *parts]):
            name = indicator.name
            listing = " + ".join(figure(o, dataset, name=False, period=False) for o in parts)
            findings.append(rule_warning(
                "parent-exceeds-children",
                f"{figure(parent, dataset, period=True)} 大于其全部下级地区之和（"
                f"{name}：{listing} = {number(total, parent.unit)}；{places([parent], parts)}），"
                f"差额{number(parent.value - total, parent.unit)}。",
                [parent, *parts], "合计应等于各下级地区之和：请核对合计和各地区的数字"))
    return findings


def _all_children(index: Index, parent: Observation) -> list[Observation]:
    """One figure per child region, or [] when a child region has none."""
    codes = expected_children(parent.region_code, index.dataset)
    parts: list[Observation] = []
    for code in codes:
        rows = [o for o in index.matching(parent, parent.indicator_id, region=code)
                if not o.scope and same_period(o, parent)]
        if not rows:
            return []
        parts.append(rows[0])
    return parts


def expected_children(code: str, dataset: Dataset) -> list[str]:
    """Every child region of ``code``: the GB/T 2260 table's (development zones, 7x, aside)
    plus the project's; [] for a code the table lacks (a project's region list need not be
    complete, so its sum proves nothing)."""
    from reportgen.data.importer.regionbook import gbt2260_children

    official = [c for c in gbt2260_children().get(code, ()) if c[4] != "7"]
    if not official:
        return []
    return sorted(set(official) | {r.code for r in dataset.children(code)})


def _children_text(dataset: Dataset, parent: Observation, parts: list[Observation],
                   total: Decimal) -> str:
    """下级地区 贫困人口（2018年）：平顶山市 300人 + 三门峡市 300人 = 600人，大于 河南省 …"""
    name = dataset.indicators[parent.indicator_id].name
    listing = " + ".join(figure(o, dataset, name=False, period=not same_period(o, parent))
                         for o in parts)
    whole = figure(parent, dataset, name=False, period=False)
    return (f"下级地区 {name}（{period_label(parent.period)}）：{listing} = "
            f"{number(total, parent.unit)}，大于 {whole}（{places(parts, [parent])}），"
            f"差额{number(total - parent.value, parent.unit)}。")


def check_curator_doubts(index: Index) -> list[Finding]:
    """Rows flagged ``doubtful``: the curator's reason (the note) reaches the reader."""
    findings: list[Finding] = []
    for obs in index.dataset.observations:
        if obs.flag != "doubtful" or obs.indicator_id not in index.dataset.indicators:
            continue
        reason = obs.note or "整理者未写明理由"
        findings.append(rule_warning(
            "curator-doubt", f"{figure(obs, index.dataset)} 经整理者核对存疑（{places([obs])}）："
            f"{reason.rstrip('。')}。", [obs],
            "数字按来源原样印出并标注 ※；核实后改正数字并清空 flag 列"))
    return findings


RULES: tuple[Rule, ...] = (check_curator_doubts, check_part_of, check_at_most,
                           check_yearly_sums, check_rates, check_growth, check_children,
                           check_parent_exceeds, check_nested_periods, check_declared)

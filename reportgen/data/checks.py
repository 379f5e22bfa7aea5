"""data/checks.csv: relations between figures the curator declares (ratio, difference).

Each row is a generic rule, checked for every region that has the figures:

* ``ratio``: ``min <= indicator / left <= max`` (persons per household between 1.8 and 5;
  a county's paired funds at most its city's whole funds with ``region=parent``);
* ``difference``: ``indicator = left - right`` within the rounding slack of the written
  figures (5.1万户 = 67339 − 15703 holds; 4.1万户 would not).

A bad rule is a located error; a broken relation is a warning naming both rows
(``rules_declared``), printed in the brief's 数据核查 appendix, and its figures are marked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Literal, cast

from reportgen.data.collect import error, quoted
from reportgen.data.findings import Finding
from reportgen.data.model import CheckRule, Indicator, Location
from reportgen.data.schema import Record
from reportgen.text.strictnum import NumberFormatError, parse_strict

KINDS = ("ratio", "difference")
REGION_MODES = ("same", "parent")
MATCH_MODES = ("end", "any")

_Bad = Callable[[str, str, str], None]  # (column, message, hint) → records a located error


def parse_checks(records: list[Record], indicators: Mapping[str, Indicator]
                 ) -> tuple[list[CheckRule], list[Finding]]:
    rules: list[CheckRule] = []
    findings: list[Finding] = []
    seen: set[str] = set()
    for rec in records:
        problems: list[Finding] = []

        def bad(column: str, message: str, hint: str, rec: Record = rec,
                problems: list[Finding] = problems) -> None:
            problems.append(error("bad-check", message, hint=hint, file=rec.file, row=rec.row,
                                  column=column))

        if not all(rec.get(c) for c in ("id", "kind", "indicator", "left")):
            continue  # empty required cells were reported by schema.bind
        rule_id, kind = rec.get("id"), rec.get("kind")
        if rule_id in seen:
            bad("id", f"规则 id {quoted(rule_id)} 重复", "每条规则用不同的 id")
        seen.add(rule_id)
        if kind not in KINDS:
            bad("kind", f"未知的规则类型{quoted(kind)}", "kind 填 ratio 或 difference")
        for column in ("indicator", "left", "right"):
            ident = rec.get(column)
            if ident and ident not in indicators:
                bad(column, f"未知指标{quoted(ident)}", "填写 indicators 表中的指标 id")
        if kind == "difference" and not rec.get("right"):
            bad("right", "difference 规则缺少减数指标（right 列）",
                "right 填减数指标 id：indicator = left − right")
        region = rec.get("region") or "same"
        if region not in REGION_MODES:
            bad("region", f"region 列{quoted(region)}无法识别", "填 same 或 parent（或留空）")
        match = rec.get("match") or "end"
        if match not in MATCH_MODES:
            bad("match", f"match 列{quoted(match)}无法识别", "填 end 或 any（或留空）")
        bounds = {c: _bound(rec, c, bad) for c in ("min", "max")}
        if kind == "ratio" and bounds["min"] is None and bounds["max"] is None \
                and not problems:
            bad("min", "ratio 规则的 min 和 max 都为空", "至少填写一个界限")
        low, high = bounds["min"], bounds["max"]
        if low is not None and high is not None and low > high:
            bad("max", f"max（{high}）小于 min（{low}）", "改正界限")
        if problems:
            findings.extend(problems)
            continue
        rules.append(CheckRule(
            rule_id, cast(Literal["ratio", "difference"], kind), rec.get("indicator"),
            rec.get("left"), rec.get("right"), cast(Literal["same", "parent"], region),
            low, high, cast(Literal["end", "any"], match), rec.get("note"),
            Location(rec.file, rec.row)))
    return rules, findings


def _bound(rec: Record, column: str, bad: _Bad) -> Decimal | None:
    cell = rec.get(column)
    if not cell:
        return None
    try:
        return parse_strict(cell)
    except NumberFormatError:
        bad(column, f"{column} 列{quoted(cell)}不是数字", "填写数字，如 1.8")
        return None

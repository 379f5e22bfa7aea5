"""Observation rows → ``Observation`` objects, with every per-row check and duplicates."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from reportgen.data.collect import error, place, quoted, warning
from reportgen.data.findings import Finding
from reportgen.data.model import (
    Indicator,
    Location,
    Observation,
    Period,
    PeriodBasis,
    Region,
    Source,
)
from reportgen.data.periods import FORMS, PeriodError, parse_period
from reportgen.data.records import bad_code_message, region_code
from reportgen.data.rulekit import row_keys
from reportgen.data.schema import OBSERVATIONS, Record
from reportgen.data.units import (
    PREFIXES,
    UnitError,
    UnknownUnitError,
    convert,
    is_count_unit,
    parse_number,
)
from reportgen.text.qualifiers import QUALIFIERS as QUALIFIER_WORDS
from reportgen.text.qualifiers import qualifier_in_quote

FLAGS = ("", "source-conflict", "doubtful")
BASES = ("", "stated", "inferred")
QUALIFIERS = "约近超逾余多左右上下以达近乎接近大约将近超过不足"
_NUMBER = re.compile(r"\d[\d,，]*(?:\.\d+)?")

_QUALIFIER_CELLS = frozenset(("", *QUALIFIER_WORDS))
_ONE_NUMBER = "（一个数字，如 1234.5 或 1,234.5，不带空格、字母或其他符号）"
_Err = Callable[[str, str, str, str], Finding]  # (column, code, message, hint) → Finding


@dataclass(frozen=True)
class Tables:
    regions: dict[str, Region]
    indicators: dict[str, Indicator]
    sources: dict[str, Source]
    refused: frozenset[str] = frozenset()  # codes of regions rows refused (reported there)


def parse_observations(records: list[Record], tables: Tables
                       ) -> tuple[list[Observation], list[Finding]]:
    observations: list[Observation] = []
    findings: list[Finding] = []
    of_refused: dict[str, list[Record]] = defaultdict(list)
    for rec in records:
        if tables.refused:
            code = region_code(rec.cells[_REGION])
            if code in tables.refused:
                of_refused[code].append(rec)  # one pointer per region below, not one per row
                continue
        obs, problems = _parse_row(rec, tables)
        if problems:
            findings.extend(problems)
        if obs is not None:
            observations.append(obs)
    findings.extend(check_duplicates(observations))
    findings.extend(_refused_pointer(code, rows) for code, rows in of_refused.items())
    return observations, findings


def _refused_pointer(code: str, rows: list[Record]) -> Finding:
    first = rows[0]
    return error("region-refused", f"地区{code}在 regions 表中有错误，该地区的{len(rows)}行"
                 "数据未读取", hint="先改正 regions 表中该地区的行（见上面的错误）",
                 file=first.file, row=first.row, column="region_code", regions=[code])


def excerpt(text: str, limit: int = 24) -> str:
    return f"“{text}”" if len(text) <= limit else f"“{text[:limit]}…”"


# Positions in Record.cells (the OBSERVATIONS schema's order): _parse_row runs once per
# row of a million-row table, so it unpacks the tuple instead of looking columns up.
_COLUMNS = ("region_code", "indicator_id", "period", "value", "unit", "source_id", "quote",
            "cell", "note", "qualifier", "period_basis", "period_phrase", "scope", "flag")
if OBSERVATIONS.names != _COLUMNS:
    raise ImportError("observations: _COLUMNS must follow the OBSERVATIONS schema's order")
_REGION = _COLUMNS.index("region_code")


def _parse_row(rec: Record, tables: Tables) -> tuple[Observation | None, list[Finding]]:
    (region_cell, ident, period_cell, value_cell, unit_cell, source_id, quote, cell, note,
     qualifier, period_basis, period_phrase, scope, flag) = rec.cells
    if not (region_cell and ident and period_cell and value_cell and unit_cell
            and source_id):
        return None, []  # empty cells were reported by schema.bind
    region = region_code(region_cell) or region_cell
    if not quote and not cell:
        return None, [error("no-citation", "quote 列为空（cell 列也为空）：数值须注明出处",
                            hint="来源是文件时填写原句（quote），来源是统计表时填写单元格"
                            "（cell，如 2020年!C5）", file=rec.file, row=rec.row,
                            column="quote", regions=[region], indicators=[ident])]

    def context() -> str:  # built only when a message needs it
        return f"（原文{excerpt(quote)}）" if quote else f"（单元格{quoted(cell)}）"

    def err(column: str, code: str, message: str, hint: str) -> Finding:
        return error(code, message + context(), hint=hint, file=rec.file, row=rec.row,
                     column=column, regions=[region], indicators=[ident])

    problems = _reference_problems(rec, tables, err)
    period: Period | None = None
    try:
        period = parse_period(period_cell)
    except PeriodError as exc:
        reason = "" if FORMS in str(exc) else str(exc)  # a year out of range, a digit say so
        problems.append(err("period", "bad-period",
                            reason or f"时期{quoted(period_cell)}无法识别",
                            f"period 列可用的写法：{FORMS}"))
    indicator = tables.indicators.get(ident)
    if indicator is None:
        return None, problems
    value = _value(value_cell, unit_cell, indicator, err, problems)
    if problems or value is None or period is None:
        return None, problems
    if (indicator.aggregate == "sum" and period.kind == "asof") or (
            indicator.aggregate == "stock" and period.kind == "cumulative"):
        problems += _period_kind_problems(rec, indicator, period, context())
    if not qualifier and _may_qualify(quote):
        problems += _qualifier_missing(rec, indicator, context())
    basis: PeriodBasis = "inferred" if period_basis == "inferred" else "stated"
    return Observation(region, ident, period, value[0], indicator.unit, value_cell,
                       unit_cell, value[1], source_id, quote, note, flag,
                       Location(rec.file, rec.row), qualifier=qualifier, period_basis=basis,
                       period_phrase=period_phrase, scope=scope, cell=cell), problems


# Any character of a qualifier word: a quote without one needs no closer look.
_QUALIFIER_CHARS = re.compile("[" + "".join(sorted(set("".join(QUALIFIER_WORDS)))) + "]")


def _may_qualify(quote: str) -> bool:
    return _QUALIFIER_CHARS.search(quote) is not None


def _qualifier_missing(rec: Record, indicator: Indicator, context: str) -> list[Finding]:
    """The quote writes 3700多个 but the qualifier column is empty: the word would be lost."""
    if rec.get("qualifier"):
        return []
    found = qualifier_in_quote(rec.get("quote"), rec.get("value"))
    if not found:
        return []
    return [warning("qualifier-missing",
                    f"原文在数字{rec.get('value')}旁写有{quoted(found)}，qualifier 列却为空"
                    + context,
                    hint=f"qualifier 列填写 {found}，报告才会写出{quoted(found)}",
                    file=rec.file, row=rec.row, column="qualifier",
                    regions=[rec.get("region_code")], indicators=[indicator.id])]


def _period_kind_problems(rec: Record, indicator: Indicator, period: Period,
                          context: str) -> list[Finding]:
    """A flow needs a span (year, years, cumulative); a stock needs a point in time."""
    if indicator.aggregate == "sum" and period.kind == "asof":
        message = (f"{indicator.name}是流量指标（aggregate=sum），时期却是时点"
                   f"{quoted(period.text)}")
        hint = "流量写年份（2020）、年份区间（2016-2020）或 cumulative:2020"
    elif indicator.aggregate == "stock" and period.kind == "cumulative":
        message = (f"{indicator.name}是存量指标（aggregate=stock），时期却是累计"
                   f"{quoted(period.text)}")
        hint = "存量写时点（2020-12-31、2019-09）或年份（指当年年底）"
    else:
        return []
    return [warning("period-kind", message + context, hint=hint, file=rec.file, row=rec.row,
                    column="period", regions=[rec.get("region_code")],
                    indicators=[indicator.id])]


def _reference_problems(rec: Record, tables: Tables, err: _Err) -> list[Finding]:
    """Region, indicator, source and flag cells must name things that exist."""
    problems: list[Finding] = []
    get = rec.get
    ident, source = get("indicator_id"), get("source_id")
    region = region_code(get("region_code"))
    if region is None:
        problems.append(err("region_code", "bad-region-code",
                            bad_code_message(rec.get("region_code")),
                            "填写 data/regions.csv 中的 GB/T 2260 代码，如 410400"))
    elif region not in tables.regions:
        problems.append(err("region_code", "unknown-region", f"未知地区代码{quoted(region)}",
                            "在 data/regions.csv 中添加该地区，或改正代码"))
    if ident not in tables.indicators:
        problems.append(err("indicator_id", "unknown-indicator", f"未知指标{quoted(ident)}",
                            "在 data/indicators/ 中定义该指标，或改正 id"))
    if source not in tables.sources:
        problems.append(err("source_id", "unknown-source", f"未知来源{quoted(source)}",
                            "在 data/sources.csv 中添加该来源，或改正 id"))
    if region in tables.regions and ident in tables.indicators and source in tables.sources \
            and get("flag") in FLAGS and get("qualifier") in _QUALIFIER_CELLS \
            and get("period_basis") in BASES:
        return problems  # the usual row: every reference known
    if rec.get("flag") not in FLAGS:
        problems.append(err("flag", "bad-flag", f"无法识别的标记{quoted(rec.get('flag'))}",
                            "flag 列留空，或填写 source-conflict（来源之间不一致）"
                            "或 doubtful（整理者怀疑该数字有误，在 note 写明理由）"))
    if rec.get("qualifier") not in ("", *QUALIFIER_WORDS):
        problems.append(err("qualifier", "bad-qualifier",
                            f"无法识别的限定词{quoted(rec.get('qualifier'))}",
                            f"qualifier 列留空，或填写其中之一：{'、'.join(QUALIFIER_WORDS)}"))
    if rec.get("period_basis") not in BASES:
        problems.append(err("period_basis", "bad-period-basis",
                            f"无法识别的时期依据{quoted(rec.get('period_basis'))}",
                            "period_basis 列填写 stated（来源写明）或 inferred（整理者推定）"))
    return problems


def _value(written: str, unit: str, indicator: Indicator, err: _Err,
           problems: list[Finding]) -> tuple[Decimal, Decimal] | None:
    try:
        number = parse_number(written)
    except UnitError as exc:
        message, hint = _number_help(written, unit, indicator)
        reason = str(exc)  # the strict parser's reason: 2,5 / 1_000 / 1e28 / too large ...
        problems.append(err("value", "not-a-number",
                            message if reason.endswith("不是数字") else reason, hint))
        return None
    signed = bool(indicator.growth_of) or indicator.unit == "百分点"
    if number < 0 and not signed:  # reported even when the unit is wrong too
        problems.append(err("value", "negative-value",
                            f"{indicator.name}不能为负数，此处为{written}",
                            "按来源原样填写数字；减少的情况应填入增速类指标"))
    try:
        value, precision = convert(written, unit, indicator.unit)
    except UnitError as exc:
        code = "unknown-unit" if isinstance(exc, UnknownUnitError) else "wrong-unit"
        problems.append(err("unit", code, str(exc), _unit_hint(indicator.unit)))
        return None
    problems.extend(_range_problems(value, indicator, signed, err))
    return value, precision


def _range_problems(value: Decimal, indicator: Indicator, signed: bool, err: _Err
                    ) -> list[Finding]:
    if is_count_unit(indicator.unit) and value != value.to_integral_value():
        return [err("value", "fractional-count", f"{indicator.name}以{indicator.unit}计数，"
                    f"但数值折算后为{value}{indicator.unit}，不是整数",
                    "核对数字和单位（2.3万人可以，2.31234万人不行）")]
    if indicator.unit == "%" and not signed and value > 100:  # negatives: reported already
        return [err("value", "percent-out-of-range", f"{indicator.name}为{value}%，超出0–100",
                    "比例应在0到100之间；0.26%写作0.26")]
    return []


def _unit_hint(unit: str) -> str:
    if unit in ("%", "百分点", "倍"):
        return f"unit 列填写 {unit}"
    return f"unit 列填写以{unit}计的单位（如 {unit} 或 万{unit}）"


def _number_help(written: str, unit: str, indicator: Indicator) -> tuple[str, str]:
    """Message and hint for a value cell like 约5万: the number, the unit, the note."""
    runs = _NUMBER.findall(written)
    # Suggest the number only when nothing else could be meant (not for 1 000, 1e3, 0x10).
    alone = len(runs) == 1 and not re.search(r"[A-Za-z\s\u2212\ufe63\u2012\u2013-]", written)
    number = f"（{runs[0]}）" if alone else _ONE_NUMBER
    prefix = next((p for p in PREFIXES if p in written), "")
    base = unit if unit and not unit.startswith(tuple(PREFIXES)) else indicator.unit
    suggested = f"{prefix}{base}" if prefix else (unit or indicator.unit)
    qualifiers = "".join(dict.fromkeys(ch for ch in written if ch in QUALIFIERS))
    hint = f"只填数字{number}，单位写在 unit 列（{suggested}）"
    if qualifiers:
        hint += f"，{quoted(qualifiers)}写入 qualifier 列"
    return f"数值{quoted(written)}不是数字", hint


def check_duplicates(observations: list[Observation]) -> list[Finding]:
    """Same region, indicator and period with different values: error unless flagged."""
    groups: dict[tuple[str, str, str], list[Observation]] = defaultdict(list)
    for obs in observations:
        groups[obs.key].append(obs)
    findings: list[Finding] = []
    for (region, ident, period), rows in groups.items():
        if len({o.value for o in rows}) < 2:
            continue  # identical figures (even from different sources) agree
        listing = "；".join(f"{_at(o)} {o.value_written}{o.unit_written}"
                            f"（{o.source_id} {excerpt(o.quote)}）" for o in rows)
        last = rows[-1].location or Location("data/observations")
        if all(o.flag == "source-conflict" for o in rows):
            findings.append(warning(
                "source-conflict", f"{region} {ident} {period} 各来源数值不一致：{listing}",
                hint="已按来源原样保留（flag 列为 source-conflict）；"
                "报告的数据核查部分会说明采用哪个数值",
                file=last.file, row=last.row, column="value", regions=[region],
                indicators=[ident], rows=row_keys(rows)))
        else:
            findings.append(error(
                "conflicting-duplicate",
                f"{region} {ident} {period} 有多个不同数值：{listing}",
                hint="改正有误的行；如确属来源之间不一致，在涉及的每一行 flag 列填写 "
                "source-conflict",
                file=last.file, row=last.row, column="value", regions=[region],
                indicators=[ident]))
    return findings


def _at(obs: Observation) -> str:
    loc = obs.location
    return place(loc.file, loc.row) if loc else place(None, None)

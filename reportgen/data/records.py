"""Regions, indicators and sources: records → typed model objects, with their checks."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import cast

from reportgen.data.collect import error, place, quoted
from reportgen.data.findings import Finding
from reportgen.data.model import Aggregate, Indicator, Location, Region, RegionLevel, Source
from reportgen.data.schema import Record
from reportgen.data.units import CANONICAL_UNITS, is_count_unit
from reportgen.paths import name_problem
from reportgen.text.strictnum import NumberFormatError, ascii_digits

LEVELS: tuple[str, ...] = ("province", "city", "county")
AGGREGATES: tuple[str, ...] = ("sum", "stock", "none")
RELATIONS: tuple[str, ...] = ("part_of", "at_most", "numerator", "denominator", "growth_of")
_KINDS = {"region": ("地区", "地区代码"), "indicator": ("指标", "指标 id"),
          "source": ("来源", "来源 id")}  # kind → (what it is, what must be unique)
REGION_CODE = re.compile(r"^[0-9]{6}$")
SNAKE_ID = re.compile(r"^[a-z][a-z0-9_]*$")
SOURCE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@functools.lru_cache(maxsize=65536)  # pure; every observation row names a region
def region_code(cell: str) -> str | None:
    """A code cell as 6 ASCII digits (full-width digits converted), or None if it is not."""
    try:
        code = ascii_digits(cell.strip())
    except NumberFormatError:
        return None
    return code if REGION_CODE.match(code) else None


def bad_code_message(cell: str) -> str:
    return f"地区代码{quoted(cell)}不是6位数字（只接受 0–9，全角数字会自动转换）"


def _code_cells(rec: Record) -> tuple[str, str, list[Finding]]:
    """The code and parent_code of a regions row, normalised, with their problems."""
    problems: list[Finding] = []
    codes = []
    for column in ("code", "parent_code"):
        cell = rec.get(column)
        code = region_code(cell) if cell else ""
        if code is None:
            problems.append(_at(rec, column, "bad-region-code", bad_code_message(cell),
                                "填写 GB/T 2260 代码，如 410400"))
        codes.append(code or cell)
    return codes[0], codes[1], problems


def _at(rec: Record, column: str, code: str, message: str, hint: str) -> Finding:
    return error(code, message, hint=hint, file=rec.file, row=rec.row, column=column)


def _duplicate(kind: str, key: str, rec: Record, first: Location | None) -> Finding:
    at = place(first.file, first.row) if first else "另一行"
    noun, key_name = _KINDS[kind]
    return _at(rec, "code" if kind == "region" else "id", f"duplicate-{kind}",
               f"{noun}{quoted(key)}已在 {at} 定义过",
               f"{key_name}不能重复；删除其中一行或改用另一个{key_name}")


def _complete(rec: Record, columns: tuple[str, ...]) -> bool:
    """Empty required cells were reported by schema.bind; such rows are just skipped."""
    return all(rec.get(c) for c in columns)


def parse_regions(records: list[Record]) -> tuple[dict[str, Region], list[Finding]]:
    regions: dict[str, Region] = {}
    findings: list[Finding] = []
    for rec in records:
        code, parent, problems = _code_cells(rec)
        level = rec.get("level")
        # NFC on read: a name typed as e + U+0301 is the same name as é.
        name = unicodedata.normalize("NFC", rec.get("name"))
        if level and level not in LEVELS:
            problems.append(_at(rec, "level", "bad-level",
                                f"级别{quoted(level)}不是 {'、'.join(LEVELS)} 之一",
                                "level 列填写 province、city 或 county"))
        if name and name_problem(name):
            shown = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in name[:60])
            problems.append(_at(rec, "name", "bad-region-name",
                                f"地区名称{quoted(shown)}不能用作文件名：{name_problem(name)}",
                                "name 列只写地区的中文名称，如 洛阳市"))
        findings.extend(problems)
        if code in regions:
            findings.append(_duplicate("region", code, rec, regions[code].location))
        elif not problems and _complete(rec, ("code", "name", "level")):
            regions[code] = Region(code, name, cast(RegionLevel, level), parent or None,
                                   Location(rec.file, rec.row))
    findings.extend(_check_parents(regions, refused_codes(records, regions)))
    return regions, findings


def refused_codes(records: list[Record], regions: dict[str, Region]) -> frozenset[str]:
    """Well-formed codes of regions rows refused for another cell (name, level ...)."""
    return frozenset(code for rec in records
                     if (code := region_code(rec.get("code"))) and code not in regions)


def _check_parents(regions: dict[str, Region], refused: frozenset[str]) -> list[Finding]:
    """Parents must exist and rank higher. A parent whose own row was refused (its error is
    reported there) is not reported again from each of its children."""
    findings: list[Finding] = []
    for region in regions.values():
        loc = region.location or Location("data/regions.csv")
        parent = regions.get(region.parent_code or "")
        if region.parent_code and parent is None and region.parent_code not in refused:
            findings.append(error("unknown-parent", f"{region.name}（{region.code}）的上级地区"
                                  f"{quoted(region.parent_code)}不在 regions 表中",
                                  hint="添加该上级地区，或改正 parent_code",
                                  file=loc.file, row=loc.row, column="parent_code",
                                  regions=[region.code]))
        elif parent and LEVELS.index(parent.level) >= LEVELS.index(region.level):
            findings.append(error("parent-level", f"{region.name}（{region.level}）不能隶属于"
                                  f"{parent.name}（{parent.level}）",
                                  hint="上级地区的级别必须更高（province > city > county）",
                                  file=loc.file, row=loc.row, column="parent_code",
                                  regions=[region.code]))
    return findings


def parse_indicators(records: list[Record]) -> tuple[dict[str, Indicator], list[Finding]]:
    indicators: dict[str, Indicator] = {}
    findings: list[Finding] = []
    for rec in records:
        problems = _indicator_problems(rec)
        findings.extend(problems)
        ident = rec.get("id")
        if ident in indicators:
            findings.append(_duplicate("indicator", ident, rec, indicators[ident].location))
        elif not problems and _complete(rec, ("id", "name", "unit", "category", "aggregate")):
            indicators[ident] = Indicator(
                ident, rec.get("name"), rec.get("unit"), rec.get("category"),
                cast(Aggregate, rec.get("aggregate")),
                **{rel: rec.get(rel) or None for rel in RELATIONS},
                description=rec.get("description"), location=Location(rec.file, rec.row),
                headline=_is_headline(rec.get("headline")))
    findings.extend(_check_relations(records, indicators))
    return indicators, findings


HEADLINE_WORDS = {"": False, "0": False, "否": False, "no": False, "false": False,
                  "1": True, "是": True, "yes": True, "true": True}


def _is_headline(text: str | None) -> bool:
    return HEADLINE_WORDS.get((text or "").strip().lower(), False)


def _indicator_problems(rec: Record) -> list[Finding]:
    out: list[Finding] = []
    ident, unit, aggregate = rec.get("id"), rec.get("unit"), rec.get("aggregate")
    if ident and not SNAKE_ID.match(ident):
        out.append(_at(rec, "id", "bad-indicator-id",
                       f"指标 id{quoted(ident)}不是 ASCII snake_case 格式",
                       "只用小写英文字母、数字和 _（如 poverty_exit_persons）"))
    if unit and unit not in CANONICAL_UNITS:
        out.append(_at(rec, "unit", "bad-canonical-unit",
                       f"单位{quoted(unit)}不是基本单位",
                       "填写基本单位（人，而不是万人）：" + " ".join(sorted(CANONICAL_UNITS))))
    if aggregate and aggregate not in AGGREGATES:
        out.append(_at(rec, "aggregate", "bad-aggregate",
                       f"aggregate{quoted(aggregate)}不是 {'、'.join(AGGREGATES)} 之一",
                       "sum：可跨时期和地区相加；stock：只可跨地区相加；none：不可相加"))
    if bool(rec.get("numerator")) != bool(rec.get("denominator")):
        out.append(_at(rec, "numerator", "half-rate",
                       "numerator 和 denominator 必须同时填写",
                       "两列都填，或都不填"))
    if (rec.get("numerator") or rec.get("growth_of")) and unit and unit != "%":
        out.append(_at(rec, "unit", "rate-unit",
                       f"比率或增速的单位必须是 %，不能是{quoted(unit)}", "unit 列填写 %"))
    if rec.get("headline").strip().lower() not in HEADLINE_WORDS:
        out.append(_at(rec, "headline", "bad-headline",
                       f"headline{quoted(rec.get('headline'))}无法识别",
                       "核心指标填 1 或 是，否则留空（或填 0、否）"))
    return out


def _check_relations(records: list[Record], indicators: dict[str, Indicator]) -> list[Finding]:
    findings: list[Finding] = []
    for rec in records:
        for rel in RELATIONS:
            target = rec.get(rel)
            if target and target not in indicators:
                findings.append(error("unknown-related-indicator",
                                      f"{rel} 列的指标{quoted(target)}未定义",
                                      hint="填写 indicators 表中已有的指标 id",
                                      file=rec.file, row=rec.row, column=rel,
                                      indicators=[rec.get("id")]))
            elif target and target == rec.get("id"):
                findings.append(error("self-relation", f"{rel} 列填写的是指标本身",
                                      hint="填写另一个指标的 id", file=rec.file,
                                      row=rec.row, column=rel, indicators=[target]))
            elif target and (problem := _unit_mismatch(rel, rec, indicators[target],
                                                      indicators)):
                findings.append(error("relation-units", problem,
                                      hint="关系两端必须可比：同一单位（at_most 及比率的分子"
                                           "分母也可以都是计数单位，如户与人）",
                                      file=rec.file, row=rec.row, column=rel,
                                      indicators=[rec.get("id"), target]))
    findings.extend(_cycles(records, "part_of"))
    findings.extend(_cycles(records, "at_most"))
    return findings


def _unit_mismatch(rel: str, rec: Record, target: Indicator,
                   indicators: dict[str, Indicator]) -> str | None:
    """A relation between figures that cannot be compared: 人 part_of 元; a rate of 元 over 人."""
    if rel == "denominator":  # a rate's two terms must be comparable with each other
        numerator = indicators.get(rec.get("numerator") or "")
        mine, other = (numerator.unit, numerator.id) if numerator else ("", "")
        what = f"比率的分子{quoted(other)}单位为{quoted(mine)}，分母"
    elif rel in ("part_of", "at_most"):
        mine, what = rec.get("unit"), f"本指标单位为{quoted(rec.get('unit'))}，"
    else:
        return None  # numerator: checked with the denominator; growth_of: any unit
    theirs = target.unit
    if not mine or mine == theirs:
        return None
    if rel != "part_of" and is_count_unit(mine) and is_count_unit(theirs):
        return None  # households ≤ persons; a share of 户 in 人 is still a share
    return f"{rel} 关系两端单位不可比：{what}{quoted(target.id)}的单位为{quoted(theirs)}"


def _cycles(records: list[Record], rel: str) -> list[Finding]:
    """part_of / at_most chains that come back to where they started (a ≤ b ≤ a)."""
    links = {r.get("id"): r.get(rel) for r in records if r.get("id") and r.get(rel)}
    out: list[Finding] = []
    reported: set[str] = set()
    for rec in records:
        start = rec.get("id")
        seen, current = [start], links.get(start)
        while current and current not in seen and current in links:
            seen.append(current)
            current = links[current]
        if current == start and start not in reported:
            reported.update(seen)
            chain = " → ".join([*seen, start])
            out.append(error("relation-cycle", f"{rel} 关系成环：{chain}",
                             hint=f"{rel} 应从部分指向整体，不能绕回自身；删除其中一环",
                             file=rec.file, row=rec.row, column=rel, indicators=seen))
    return out


def parse_sources(records: list[Record]) -> tuple[dict[str, Source], list[Finding]]:
    sources: dict[str, Source] = {}
    findings: list[Finding] = []
    for rec in records:
        ident = rec.get("id")
        if not _complete(rec, ("id", "title", "file")):
            continue
        if not SOURCE_ID.match(ident):
            findings.append(error("bad-source-id", f"来源 id{quoted(ident)}不是 ASCII 格式",
                                  hint="只用英文字母、数字和 - _ .（如 henan-summary-2021）",
                                  file=rec.file, row=rec.row, column="id"))
        elif ident in sources:
            findings.append(_duplicate("source", ident, rec, sources[ident].location))
        else:
            sources[ident] = Source(ident, rec.get("title"), rec.get("publisher"),
                                    rec.get("date"), rec.get("file"), Location(rec.file, rec.row))
    return sources, findings

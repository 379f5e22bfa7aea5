"""Observation rows → ``Observation`` objects, with every per-row check and duplicates."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from reportgen.data.collect import error, warning
from reportgen.data.findings import Finding
from reportgen.data.model import Indicator, Location, Observation, Period, Region, Source
from reportgen.data.periods import PeriodError, parse_period
from reportgen.data.records import REGION_CODE
from reportgen.data.schema import Record
from reportgen.data.units import PREFIXES, UnitError, convert, is_count_unit, parse_number

FLAGS = ("", "source-conflict")
QUALIFIERS = "约近超逾余多左右上下以达近乎接近大约将近超过不足"
_NUMBER = re.compile(r"\d[\d,，]*(?:\.\d+)?")

_Err = Callable[[str, str, str, str], Finding]  # (column, code, message, hint) → Finding


@dataclass(frozen=True)
class Tables:
    regions: dict[str, Region]
    indicators: dict[str, Indicator]
    sources: dict[str, Source]


def parse_observations(records: list[Record], tables: Tables
                       ) -> tuple[list[Observation], list[Finding]]:
    observations: list[Observation] = []
    findings: list[Finding] = []
    for rec in records:
        obs, problems = _parse_row(rec, tables)
        findings.extend(problems)
        if obs is not None:
            observations.append(obs)
    findings.extend(check_duplicates(observations))
    return observations, findings


def excerpt(text: str, limit: int = 24) -> str:
    return f"“{text}”" if len(text) <= limit else f"“{text[:limit]}…”"


def _parse_row(rec: Record, tables: Tables) -> tuple[Observation | None, list[Finding]]:
    if not all(rec.get(c) for c in ("region_code", "indicator_id", "period", "value", "unit",
                                    "source_id", "quote")):
        return None, []  # empty cells were reported by schema.bind
    region, ident = rec.get("region_code"), rec.get("indicator_id")
    context = f"(quote {excerpt(rec.get('quote'))})"

    def err(column: str, code: str, message: str, hint: str) -> Finding:
        return error(code, f"{message} {context}", hint=hint, file=rec.file, row=rec.row,
                     column=column, regions=[region], indicators=[ident])

    problems = _reference_problems(rec, tables, err)
    period: Period | None = None
    try:
        period = parse_period(rec.get("period"))
    except PeriodError as exc:
        problems.append(err("period", "bad-period", str(exc),
                            "write the period in one of the accepted forms"))
    indicator = tables.indicators.get(ident)
    if indicator is None:
        return None, problems
    value = _value(rec, indicator, err, problems)
    if problems or value is None or period is None:
        return None, problems
    return Observation(region, ident, period, value[0], indicator.unit, rec.get("value"),
                       rec.get("unit"), value[1], rec.get("source_id"), rec.get("quote"),
                       rec.get("note"), rec.get("flag"), Location(rec.file, rec.row)), problems


def _reference_problems(rec: Record, tables: Tables, err: _Err) -> list[Finding]:
    """Region, indicator, source and flag cells must name things that exist."""
    problems: list[Finding] = []
    region, ident, source = rec.get("region_code"), rec.get("indicator_id"), rec.get("source_id")
    if not REGION_CODE.match(region):
        problems.append(err("region_code", "bad-region-code",
                            f"region code {region!r} is not 6 digits",
                            "use the GB/T 2260 code from data/regions.csv, e.g. 410400"))
    elif region not in tables.regions:
        problems.append(err("region_code", "unknown-region", f"unknown region {region!r}",
                            "add it to data/regions.csv or correct the code"))
    if ident not in tables.indicators:
        problems.append(err("indicator_id", "unknown-indicator", f"unknown indicator {ident!r}",
                            "define it in data/indicators/ or correct the id"))
    if source not in tables.sources:
        problems.append(err("source_id", "unknown-source", f"unknown source {source!r}",
                            "add it to data/sources.csv or correct the id"))
    if rec.get("flag") not in FLAGS:
        problems.append(err("flag", "bad-flag", f"flag {rec.get('flag')!r} is not understood",
                            "leave it empty, or write source-conflict"))
    return problems


def _value(rec: Record, indicator: Indicator, err: _Err, problems: list[Finding]
           ) -> tuple[Decimal, Decimal] | None:
    written, unit = rec.get("value"), rec.get("unit")
    try:
        number = parse_number(written)
    except UnitError:
        problems.append(err("value", "not-a-number", *_number_help(written, unit, indicator)))
        return None
    signed = bool(indicator.growth_of) or indicator.unit == "百分点"
    if number < 0 and not signed:  # reported even when the unit is wrong too
        problems.append(err("value", "negative-value",
                            f"{indicator.name} cannot be negative ({written})",
                            "write the number as the source gives it; a decrease belongs "
                            "in a growth-rate indicator"))
    try:
        value, precision = convert(written, unit, indicator.unit)
    except UnitError as exc:
        code = "unknown-unit" if "unknown unit" in str(exc) else "wrong-unit"
        problems.append(err("unit", code, str(exc),
                            f"write a unit of {indicator.unit} (e.g. {indicator.unit} or "
                            f"万{indicator.unit})" if indicator.unit not in ("%", "百分点", "倍")
                            else f"write {indicator.unit}"))
        return None
    problems.extend(_range_problems(value, indicator, signed, err))
    return value, precision


def _range_problems(value: Decimal, indicator: Indicator, signed: bool, err: _Err
                    ) -> list[Finding]:
    if is_count_unit(indicator.unit) and value != value.to_integral_value():
        return [err("value", "fractional-count", f"{indicator.name} counts {indicator.unit}, "
                    f"but the value converts to {value} {indicator.unit}",
                    "check the number and the unit (2.3万人 is fine, 2.31234万人 is not)")]
    if indicator.unit == "%" and not signed and value > 100:  # negatives: reported already
        return [err("value", "percent-out-of-range", f"{indicator.name} is {value}%, outside "
                    "0–100", "a share must lie between 0 and 100; write 0.26 for 0.26%")]
    return []


def _number_help(written: str, unit: str, indicator: Indicator) -> tuple[str, str]:
    """Message and hint for a value cell like 约5万: the number, the unit, the note."""
    match = _NUMBER.search(written)
    number = match[0] if match else "the number"
    prefix = next((p for p in PREFIXES if p in written), "")
    base = unit if unit and not unit.startswith(tuple(PREFIXES)) else indicator.unit
    suggested = f"{prefix}{base}" if prefix else (unit or indicator.unit)
    qualifiers = "".join(dict.fromkeys(ch for ch in written if ch in QUALIFIERS))
    hint = f"write the number only ({number}) and the unit in the unit column ({suggested})"
    if qualifiers:
        hint += f"; put {qualifiers} in note"
    return f"value {written!r} is not a number", hint


def check_duplicates(observations: list[Observation]) -> list[Finding]:
    """Same region, indicator and period with different values: error unless flagged."""
    groups: dict[tuple[str, str, str], list[Observation]] = defaultdict(list)
    for obs in observations:
        groups[obs.key].append(obs)
    findings: list[Finding] = []
    for (region, ident, period), rows in groups.items():
        if len({o.value for o in rows}) < 2:
            continue  # identical figures (even from different sources) agree
        listing = "; ".join(f"{_at(o)} {o.value_written}{o.unit_written} "
                            f"[{o.source_id}] {excerpt(o.quote)}" for o in rows)
        last = rows[-1].location or Location("data/observations")
        if all(o.flag == "source-conflict" for o in rows):
            findings.append(warning(
                "source-conflict", f"sources disagree: {ident} {region} {period}: {listing}",
                hint="kept as the sources say (flag source-conflict); reports show the conflict",
                file=last.file, row=last.row, column="value", regions=[region],
                indicators=[ident]))
        else:
            findings.append(error(
                "conflicting-duplicate",
                f"{ident} {region} {period} has different values: {listing}",
                hint="fix the wrong row, or if the sources really disagree write "
                "source-conflict in the flag column of every row involved",
                file=last.file, row=last.row, column="value", regions=[region],
                indicators=[ident]))
    return findings


def _at(obs: Observation) -> str:
    loc = obs.location
    return f"{loc.file}:{loc.row}" if loc else "?"

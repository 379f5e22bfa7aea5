"""Regions, indicators and sources: records → typed model objects, with their checks."""

from __future__ import annotations

import re
from typing import cast

from reportgen.data.collect import error
from reportgen.data.findings import Finding
from reportgen.data.model import Aggregate, Indicator, Location, Region, RegionLevel, Source
from reportgen.data.schema import Record
from reportgen.data.units import CANONICAL_UNITS

LEVELS: tuple[str, ...] = ("province", "city", "county")
AGGREGATES: tuple[str, ...] = ("sum", "stock", "none")
RELATIONS: tuple[str, ...] = ("part_of", "at_most", "numerator", "denominator", "growth_of")
REGION_CODE = re.compile(r"^\d{6}$")
SNAKE_ID = re.compile(r"^[a-z][a-z0-9_]*$")
SOURCE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def _at(rec: Record, column: str, code: str, message: str, hint: str) -> Finding:
    return error(code, message, hint=hint, file=rec.file, row=rec.row, column=column)


def _duplicate(kind: str, key: str, rec: Record, first: Location | None) -> Finding:
    at = f"{first.file} row {first.row}" if first else "another row"
    return _at(rec, "code" if kind == "region" else "id", f"duplicate-{kind}",
               f"{kind} {key!r} is already defined in {at}",
               f"{kind} ids must be unique; delete or rename one")


def _complete(rec: Record, columns: tuple[str, ...]) -> bool:
    """Empty required cells were reported by schema.bind; such rows are just skipped."""
    return all(rec.get(c) for c in columns)


def parse_regions(records: list[Record]) -> tuple[dict[str, Region], list[Finding]]:
    regions: dict[str, Region] = {}
    findings: list[Finding] = []
    for rec in records:
        code, level, parent = rec.get("code"), rec.get("level"), rec.get("parent_code")
        bad = not _complete(rec, ("code", "name", "level"))
        if code and not REGION_CODE.match(code):
            findings.append(error("bad-region-code", f"region code {code!r} is not 6 digits",
                                  hint="use the GB/T 2260 code, e.g. 410400",
                                  file=rec.file, row=rec.row, column="code"))
            bad = True
        if level and level not in LEVELS:
            findings.append(error("bad-level", f"level {level!r} is not one of "
                                  f"{', '.join(LEVELS)}", hint="write province, city or county",
                                  file=rec.file, row=rec.row, column="level"))
            bad = True
        if code in regions:
            findings.append(_duplicate("region", code, rec, regions[code].location))
            continue
        if not bad:
            regions[code] = Region(code, rec.get("name"), cast(RegionLevel, level),
                                   parent or None, Location(rec.file, rec.row))
    findings.extend(_check_parents(regions))
    return regions, findings


def _check_parents(regions: dict[str, Region]) -> list[Finding]:
    findings: list[Finding] = []
    for region in regions.values():
        loc = region.location or Location("data/regions.csv")
        parent = regions.get(region.parent_code or "")
        if region.parent_code and parent is None:
            findings.append(error("unknown-parent", f"parent region {region.parent_code!r} of "
                                  f"{region.name} ({region.code}) is not in the regions table",
                                  hint="add the parent region or correct parent_code",
                                  file=loc.file, row=loc.row, column="parent_code",
                                  regions=[region.code]))
        elif parent and LEVELS.index(parent.level) >= LEVELS.index(region.level):
            findings.append(error("parent-level", f"{region.name} ({region.level}) cannot lie "
                                  f"inside {parent.name} ({parent.level})",
                                  hint="a parent must be of a higher level (province > city > "
                                  "county)", file=loc.file, row=loc.row, column="parent_code",
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
                description=rec.get("description"), location=Location(rec.file, rec.row))
    findings.extend(_check_relations(records, indicators))
    return indicators, findings


def _indicator_problems(rec: Record) -> list[Finding]:
    out: list[Finding] = []
    ident, unit, aggregate = rec.get("id"), rec.get("unit"), rec.get("aggregate")
    if ident and not SNAKE_ID.match(ident):
        out.append(_at(rec, "id", "bad-indicator-id",
                       f"indicator id {ident!r} is not ASCII snake_case",
                       "use lower-case letters, digits and _ (poverty_exit_persons)"))
    if unit and unit not in CANONICAL_UNITS:
        out.append(_at(rec, "unit", "bad-canonical-unit",
                       f"unit {unit!r} is not a canonical unit",
                       "use a base unit (人 not 万人): " + " ".join(sorted(CANONICAL_UNITS))))
    if aggregate and aggregate not in AGGREGATES:
        out.append(_at(rec, "aggregate", "bad-aggregate",
                       f"aggregate {aggregate!r} is not one of {', '.join(AGGREGATES)}",
                       "sum: adds up over time and regions; stock: over regions only; "
                       "none: never"))
    if bool(rec.get("numerator")) != bool(rec.get("denominator")):
        out.append(_at(rec, "numerator", "half-rate",
                       "numerator and denominator must be given together",
                       "fill in both, or neither"))
    if (rec.get("numerator") or rec.get("growth_of")) and unit and unit != "%":
        out.append(_at(rec, "unit", "rate-unit",
                       f"a rate or growth rate must be in %, not {unit!r}", "set unit to %"))
    return out


def _check_relations(records: list[Record], indicators: dict[str, Indicator]) -> list[Finding]:
    findings: list[Finding] = []
    for rec in records:
        for rel in RELATIONS:
            target = rec.get(rel)
            if target and target not in indicators:
                findings.append(error("unknown-related-indicator",
                                      f"{rel} names indicator {target!r}, which is not defined",
                                      hint="use the id of a row in the indicators table",
                                      file=rec.file, row=rec.row, column=rel,
                                      indicators=[rec.get("id")]))
            elif target and target == rec.get("id"):
                findings.append(error("self-relation", f"{rel} names the indicator itself",
                                      hint="name another indicator", file=rec.file,
                                      row=rec.row, column=rel, indicators=[target]))
    return findings


def parse_sources(records: list[Record]) -> tuple[dict[str, Source], list[Finding]]:
    sources: dict[str, Source] = {}
    findings: list[Finding] = []
    for rec in records:
        ident = rec.get("id")
        if not _complete(rec, ("id", "title", "file")):
            continue
        if not SOURCE_ID.match(ident):
            findings.append(error("bad-source-id", f"source id {ident!r} is not an ASCII id",
                                  hint="use letters, digits, - _ . (henan-summary-2021)",
                                  file=rec.file, row=rec.row, column="id"))
        elif ident in sources:
            findings.append(_duplicate("source", ident, rec, sources[ident].location))
        else:
            sources[ident] = Source(ident, rec.get("title"), rec.get("publisher"),
                                    rec.get("date"), rec.get("file"), Location(rec.file, rec.row))
    return sources, findings

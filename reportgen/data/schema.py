"""The columns of each data table, declared once, and binding raw rows to them.

``bind`` finds the header (row 1), reports missing/unknown/duplicate columns and rows
with more cells than the header, and returns records keyed by column name.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.data.collect import error, warning
from reportgen.data.findings import Finding
from reportgen.data.read import RawTable

HEADER_SEARCH_ROWS = 20  # how far down a title block above the header is looked for


@dataclass(frozen=True)
class Column:
    name: str
    doc: str
    required: bool = True  # the column must be present in the header
    nonempty: bool = False  # every row must fill it


@dataclass(frozen=True)
class TableSchema:
    name: str  # "regions", "indicators", ...
    columns: tuple[Column, ...]
    rows_required: bool  # a header-only file is an error (else a warning)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


REGIONS = TableSchema("regions", (
    Column("code", "6-digit GB/T 2260 region code", nonempty=True),
    Column("name", "Chinese name (河南省)", nonempty=True),
    Column("level", "province, city or county", nonempty=True),
    Column("parent_code", "code of the enclosing region; empty for the top", required=False),
), rows_required=True)

SOURCES = TableSchema("sources", (
    Column("id", "stable ASCII id cited by observations", nonempty=True),
    Column("title", "title of the document", nonempty=True),
    Column("publisher", "who published it", required=False),
    Column("date", "publication date (2019-09-27, 2020)", required=False),
    Column("file", "file name of the document in sources_dir", nonempty=True),
), rows_required=True)

INDICATORS = TableSchema("indicators", (
    Column("id", "stable ASCII snake_case id", nonempty=True),
    Column("name", "Chinese name", nonempty=True),
    Column("unit", "canonical unit (人, 户, 个, 元, %, ...)", nonempty=True),
    Column("category", "section the indicator belongs to", nonempty=True),
    Column("aggregate", "sum, stock or none", nonempty=True),
    Column("part_of", "id of the whole this is a part of (value <= whole)", required=False),
    Column("at_most", "id of an indicator this never exceeds", required=False),
    Column("numerator", "for rates (%): id of the numerator", required=False),
    Column("denominator", "for rates (%): id of the denominator", required=False),
    Column("growth_of", "for growth rates (%): id of the grown indicator", required=False),
    Column("description", "one-line description", required=False),
), rows_required=True)

OBSERVATIONS = TableSchema("observations", (
    Column("region_code", "region code from regions", nonempty=True),
    Column("indicator_id", "indicator id from indicators", nonempty=True),
    Column("period", "2018, 2016-2020, 2018-12-31, 2019-09 or cumulative:2020", nonempty=True),
    Column("value", "the number only, as written in the source", nonempty=True),
    Column("unit", "unit as written in the source (万人, 亿元, %)", nonempty=True),
    Column("source_id", "source id from sources", nonempty=True),
    Column("quote", "the exact phrase of the source the value comes from", nonempty=True),
    Column("note", "remarks (约, scope, ...)", required=False),
    Column("flag", "empty, or source-conflict to keep a value sources disagree on",
           required=False),
), rows_required=False)

SCHEMAS = {s.name: s for s in (REGIONS, SOURCES, INDICATORS, OBSERVATIONS)}


@dataclass(frozen=True)
class Record:
    file: str
    row: int
    values: dict[str, str]  # every schema column; absent columns read as ""

    def get(self, column: str) -> str:
        return self.values.get(column, "")


def bind(table: RawTable, schema: TableSchema) -> tuple[list[Record], list[Finding]]:
    """Records of ``table`` under ``schema``; no records if the header is unusable."""
    if not table.rows:
        return [], [error("empty-file", f"the {schema.name} table is empty (no header row)",
                          hint="the first row must name the columns: " + ",".join(schema.names),
                          file=table.file)]
    header_row = table.rows[0]
    header = [cell.strip().lower() for cell in header_row.cells]
    findings = _check_header(table, schema, header)
    if any(f.is_error for f in findings):
        return [], findings
    records: list[Record] = []
    for raw in table.rows[1:]:
        if len(raw.cells) > len(header) and any(raw.cells[len(header):]):
            findings.append(error(
                "too-many-cells",
                f"row has {len(raw.cells)} cells but the header has {len(header)} columns",
                hint="a cell containing a comma must be quoted; remove stray cells",
                file=table.file, row=raw.number))
            continue
        values = {name: "" for name in schema.names}
        values.update({name: cell for name, cell in zip(header, raw.cells, strict=False)
                       if name in values})
        records.append(Record(table.file, raw.number, values))
        findings.extend(_empty_cells(records[-1], schema))
    if not records:
        make = error if schema.rows_required else warning
        findings.append(make("no-rows", f"the {schema.name} table has a header but no rows",
                             hint=f"add {schema.name} rows below the header", file=table.file))
    return records, findings


def _check_header(table: RawTable, schema: TableSchema, header: list[str]) -> list[Finding]:
    first = table.rows[0].number
    missing = [name for name in schema.required if name not in header]
    if missing:
        found_at = _header_below(table, schema)
        if found_at is not None:
            return [error("title-rows", f"row {first} is not the header; the header was found "
                          f"in row {found_at} — delete the rows above it",
                          hint="the column names must be in row 1", file=table.file, row=first)]
        return [error("missing-column",
                      f"missing column(s) {', '.join(missing)}; found: "
                      f"{', '.join(c for c in header if c) or '(none)'}",
                      hint="the header row must name: " + ",".join(schema.names),
                      file=table.file, row=first, column=missing[0])]
    findings: list[Finding] = []
    seen: set[str] = set()
    for name in header:
        if name in seen and name:
            findings.append(error("duplicate-column", f"column {name!r} appears twice",
                                  hint="delete one of them", file=table.file, row=first,
                                  column=name))
        seen.add(name)
        if name and name not in schema.names:
            findings.append(warning("unknown-column", f"unknown column {name!r} is ignored",
                                    hint="known columns: " + ",".join(schema.names),
                                    file=table.file, row=first, column=name))
    return findings


def _header_below(table: RawTable, schema: TableSchema) -> int | None:
    for raw in table.rows[1:HEADER_SEARCH_ROWS]:
        names = {cell.strip().lower() for cell in raw.cells}
        if all(name in names for name in schema.required):
            return raw.number
    return None


def _empty_cells(record: Record, schema: TableSchema) -> list[Finding]:
    return [error("empty-cell", f"{column.name} is empty", hint=f"fill in the {column.doc}",
                  file=record.file, row=record.row, column=column.name)
            for column in schema.columns if column.nonempty and not record.get(column.name)]

"""Provenance of figures read from a statistics table: read the cited cell back.

A table source is an .xlsx workbook (cell ``Sheet!C5``) or a CSV file (cell ``C5``) in
``sources_dir``; the cell must hold the row's value (the same number as written).
"""

from __future__ import annotations

import re
from pathlib import Path

from reportgen.data.collect import error, quoted
from reportgen.data.findings import Finding
from reportgen.data.grid import read_sheets
from reportgen.data.model import Observation, Source
from reportgen.data.units import UnitError, parse_number

_COORD = re.compile(r"^\$?([A-Z]{1,3})\$?([1-9][0-9]{0,6})$")

Grids = dict[str, dict[tuple[int, int], str]]  # sheet ("" for CSV) → (row, col) → text


def split_cell(ref: str) -> tuple[str, int, int] | None:
    """"2020年!C5" → ("2020年", 5, 3); "C5" → ("", 5, 3); None if malformed."""
    sheet, _, coord = ref.rpartition("!")
    match = _COORD.match(coord.strip().upper())
    if match is None:
        return None
    col = 0
    for ch in match[1]:
        col = col * 26 + ord(ch) - 64
    return sheet.strip().strip("'"), int(match[2]), col


def read_table_source(path: Path, rel: str) -> tuple[Grids | None, list[Finding]]:
    sheets, findings = read_sheets(path, rel)
    if sheets is None:
        return None, findings
    return {sheet.name: sheet.cells for sheet in sheets}, findings


def check_cell(obs: Observation, source: Source, grids: Grids) -> list[Finding]:
    loc = obs.location
    file, row = (loc.file, loc.row) if loc else (None, None)
    regions, indicators = [obs.region_code], [obs.indicator_id]

    def fail(code: str, message: str, hint: str) -> list[Finding]:
        return [error(code, message, hint=hint, file=file, row=row, column="cell",
                      regions=regions, indicators=indicators)]

    if not obs.cell:
        return fail("no-cell", f"来源 {source.id}（{source.file}）是统计表，该行未填单元格",
                    "cell 列填写数值所在的单元格，如 2020年!C5（CSV 写 C5）")
    ref = split_cell(obs.cell)
    if ref is None:
        return fail("bad-cell", f"单元格{quoted(obs.cell)}无法识别",
                    "写作 工作表名!列行，如 2020年!C5；CSV 来源写 C5")
    sheet, r, c = ref
    key = sheet if sheet in grids else ("" if len(grids) == 1 and not sheet else None)
    if key is None:
        return fail("unknown-sheet", f"{source.file} 中没有工作表{quoted(sheet)}",
                    "可用的工作表：" + "、".join(grids))
    found = grids[key].get((r, c), "")
    if not _same_number(found, obs.value_written):
        shown = quoted(found) if found else "空"
        return fail("cell-mismatch", f"{source.file} 的单元格 {obs.cell} 为{shown}，"
                    f"而该行数值为{quoted(obs.value_written)}",
                    "按统计表改正数值，或改正单元格位置")
    return []


def _same_number(cell: str, written: str) -> bool:
    try:
        return parse_number(cell) == parse_number(written)
    except UnitError:
        return cell.strip() == written.strip() and bool(cell.strip())

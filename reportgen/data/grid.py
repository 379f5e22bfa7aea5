"""Every sheet of a workbook (or a CSV file) as a grid of text cells, merged ranges kept.

Used where a table is read as laid out by a person rather than as a data table: the
importer of wide statistics tables and the provenance check of table sources.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.data.collect import error
from reportgen.data.findings import Finding
from reportgen.data.read import csv_text, long_fields
from reportgen.data.workbook import (
    WorkbookProblem,
    cell_text,
    check_extent,
    opened,
    worksheets,
)

Coord = tuple[int, int]  # (row, column), both from 1 as in a spreadsheet


@dataclass
class Sheet:
    name: str  # "" for a CSV file
    cells: dict[Coord, str]  # non-empty cells only
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2

    def filled(self) -> dict[Coord, str]:
        """Cells with every merged range's value copied into all of its cells."""
        out = dict(self.cells)
        for r1, c1, r2, c2 in self.merged:
            value = self.cells.get((r1, c1), "")
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    if value:
                        out[(r, c)] = value
        return out


def read_sheets(path: Path, rel: str) -> tuple[list[Sheet] | None, list[Finding]]:
    """All sheets of ``path`` (.xlsx, or .csv as one sheet named "")."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv_sheet(path, rel)
    if suffix in (".xlsx", ".et", ".xlsm"):
        return _xlsx_sheets(path, rel)
    return None, [error("unsupported-file", f"不读取 {path.suffix} 文件",
                        hint="在 Excel/WPS 中另存为 .xlsx 或 CSV", file=rel)]


def _csv_sheet(path: Path, rel: str) -> tuple[list[Sheet] | None, list[Finding]]:
    text, delimiter, findings = csv_text(path, rel)
    if text is None:
        return None, findings
    cells: dict[Coord, str] = {}
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for r, record in enumerate(long_fields(reader, text), start=1):
            for c, value in enumerate(record, start=1):
                if value.strip():
                    cells[(r, c)] = value.strip()
    except csv.Error as exc:
        return None, [error("malformed-csv", f"CSV 格式错误（{exc}）",
                            hint="用 Excel/WPS 打开并另存为 .xlsx", file=rel)]
    return [Sheet("", cells)], findings


def _xlsx_sheets(path: Path, rel: str) -> tuple[list[Sheet] | None, list[Finding]]:
    try:
        with opened(path, rel, read_only=False) as workbook:  # merged ranges need full mode
            sheets = []
            for ws in worksheets(workbook, rel):
                check_extent(ws, rel)
                cells = {(c.row, c.column): text for row in ws.iter_rows() for c in row
                         if (text := cell_text(c.value, c.number_format))}
                merged = [(m.min_row, m.min_col, m.max_row, m.max_col)
                          for m in ws.merged_cells.ranges]
                sheets.append(Sheet(ws.title, cells, merged))
    except WorkbookProblem as problem:
        return None, [problem.finding]
    return sheets, []

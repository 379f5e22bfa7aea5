"""Checks on raw cells every table gets: size limit and control characters.

A cell over ``MAX_CELL_CHARS`` or holding a control character (ESC, NUL, ... — anything
below U+0020 except tab, newline and carriage return, plus DEL and U+0080–U+009F) is an
error finding naming file, row and column; its row is dropped, so nothing later (export,
PDF, messages) sees the raw text. Messages show the cell escaped and cut.
"""

from __future__ import annotations

import re

from reportgen.data.collect import error
from reportgen.data.findings import Finding
from reportgen.text.escape import escape_text

MAX_CELL_CHARS = 10_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def cell_problem(cell: str) -> str | None:
    """Why ``cell`` is refused, or None."""
    if len(cell) > MAX_CELL_CHARS:
        return (f"单元格过长（{len(cell)}个字符，上限{MAX_CELL_CHARS}）："
                f"“{escape_text(cell, 40)}”")
    if match := _CONTROL.search(cell):
        return (f"单元格含控制字符 {ascii(match[0])[1:-1]}："
                f"“{escape_text(cell, 60)}”")
    return None


def check_cells(rel: str, number: int, cells: list[str], header: list[str]) -> list[Finding]:
    """Findings for the refused cells of row ``number`` (header names the columns)."""
    # One scan of the row first: validate runs this on every row of every table.
    joined = "\t".join(cells)
    if len(joined) <= MAX_CELL_CHARS and _CONTROL.search(joined) is None:
        return []
    found: list[Finding] = []
    for index, cell in enumerate(cells):
        problem = cell_problem(cell)
        if problem is not None:
            column = header[index] if index < len(header) else f"第{index + 1}列"
            found.append(error("bad-cell", problem,
                               hint="删除该单元格中的控制字符，或缩短内容（引文只需写明数字的原句）",
                               file=rel, row=number, column=escape_text(column, 40)))
    return found

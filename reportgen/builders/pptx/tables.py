"""Report tables as native PowerPoint tables: sized from measured text, paginated.

A PowerPoint row grows to fit its text, so a table that looks right in python-pptx can
still run off the slide; we compute each row's wrapped height ourselves and start a new
slide (header repeated) before the area is full.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from pptx.util import Emu

from reportgen.builders.pptx.table_xml import cell_xml, replace_rows, row_xml
from reportgen.builders.pptx.template import Box
from reportgen.builders.pptx.text import (
    EMU_PER_PT,
    LINE_HEIGHT,
    Measure,
    Style,
    Typefaces,
    wrap,
)
from reportgen.report.model import Table

HEADER_FILL, HEADER_TEXT, BAND_FILL, BODY_TEXT = "1F4E79", "FFFFFF", "EEF2F7", "262626"
PAD_X, PAD_Y = 91440, 45720  # cell margins: 0.1 in, 0.05 in
SIZES = (16, 15, 14, 13, 12)  # largest first; below 12 pt a table is unreadable on a screen
_NUMBER = re.compile(r"^[-+]?[\d,]+(\.\d+)?")
_DATE = re.compile(r"[年月日底]|\d[-—–]\d|^(19|20)\d\d$")  # periods are text, not figures


@dataclass(frozen=True)
class TableLayout:
    size_pt: float
    widths: tuple[int, ...]  # EMU per column
    header_height: int
    row_heights: tuple[int, ...]
    pages: tuple[tuple[int, ...], ...]  # row indexes per slide


def _lines(text: str, width: int, size: float, measure: Measure) -> int:
    return len(wrap(text, (width - 2 * PAD_X) / EMU_PER_PT / size, measure))


def _row_height(cells: tuple[str, ...], widths: tuple[int, ...], size: float,
                measure: Measure) -> int:
    lines = max(_lines(c, w, size, measure) for c, w in zip(cells, widths, strict=True))
    return round(lines * size * LINE_HEIGHT * EMU_PER_PT + 2 * PAD_Y)


def column_widths(table: Table, width: int, size: float, measure: Measure) -> tuple[int, ...]:
    """Column widths that add up to ``width``: each column's natural width (longest cell on
    one line) when they all fit, spread proportionally; otherwise short columns (a region
    name, a citation mark) keep theirs and only the long ones share the rest and wrap —
    shrinking every column alike broke 平顶山市 into 平顶/山市."""
    natural = []
    for i, head in enumerate(table.columns):
        cells = [head, *(row[i] for row in table.rows)]
        longest = max(measure(c) for c in cells) * size * EMU_PER_PT * 1.08
        natural.append(max(longest + 2 * PAD_X, 3 * size * EMU_PER_PT + 2 * PAD_X))
    return _share(natural, width)


def _share(natural: list[float], width: int) -> tuple[int, ...]:
    total = sum(natural)
    if total <= width:
        scaled = [w * width / total for w in natural]
    else:
        kept: dict[int, float] = {}  # columns that keep their natural width
        while True:
            flexible = [i for i in range(len(natural)) if i not in kept]
            room = width - sum(kept.values())
            fair = room / len(flexible) if flexible else 0
            short = [i for i in flexible if natural[i] <= fair]
            if not short or len(short) == len(flexible):
                break
            kept.update((i, natural[i]) for i in short)
        rest = sum(natural[i] for i in flexible)
        scaled = [kept[i] if i in kept else natural[i] * room / rest
                  for i in range(len(natural))]
    whole = [int(w) for w in scaled]
    whole[-1] += width - sum(whole)  # exact total: the table ends where the area ends
    return tuple(whole)


def layout_table(table: Table, box: Box, measure: Measure) -> TableLayout:
    """The fewest slides, and on them the largest size (so 14 pt on two slides, not 12)."""
    # The smallest size gives the fewest slides; then the largest size that needs no more
    # (tried largest first, so one or two layouts instead of one per size).
    smallest = _paginate(table, box, SIZES[-1], measure)
    best = next((o for o in (_paginate(table, box, size, measure) for size in SIZES[:-1])
                 if len(o.pages) <= len(smallest.pages)), smallest)
    fewest = len(best.pages)
    if fewest == 1:
        return best
    # balance the pages (9 + 9 rows rather than 13 + 5) when that needs no extra page
    even = _paginate(table, box, best.size_pt, measure,
                     max_rows=math.ceil(len(table.rows) / len(best.pages)))
    return even if len(even.pages) == len(best.pages) else best


def _paginate(table: Table, box: Box, size: float, measure: Measure,
              max_rows: int = 0) -> TableLayout:
    widths = column_widths(table, box.width, size, measure)
    header = _row_height(table.columns, widths, size, measure)
    heights = tuple(_row_height(r, widths, size, measure) for r in table.rows)
    pages: list[tuple[int, ...]] = []
    current: list[int] = []
    used = header
    for i, h in enumerate(heights):
        if current and (used + h > box.height or len(current) == max_rows):
            pages.append(tuple(current))
            current, used = [], header
        current.append(i)
        used += h
    pages.append(tuple(current))
    return TableLayout(size, widths, header, heights, tuple(pages))


def add_table(slide: Any, table: Table, layout: TableLayout, page: int, box: Box,
              faces: Typefaces) -> Any:
    """Draw one page of ``table`` (header + its rows) at the top of ``box``."""
    rows = layout.pages[page]
    height = layout.header_height + sum(layout.row_heights[i] for i in rows)
    # one placeholder row: python-pptx's cells are replaced by our XML (see table_xml)
    frame = slide.shapes.add_table(1, len(table.columns), Emu(box.left), Emu(box.top),
                                   Emu(box.width), Emu(height))
    frame.name = f"table {table.title}"
    tbl = frame.table._tbl
    # straight onto a:gridCol: python-pptx's column.width re-sums every column per call
    for col, width in zip(tbl.tblGrid.gridCol_lst, layout.widths, strict=True):
        col.w = Emu(width)
    frame.width = Emu(sum(layout.widths))
    size, pad = layout.size_pt, (PAD_X, PAD_Y)
    header = Style(size, bold=True, color=HEADER_TEXT, align="ctr")
    xml = [row_xml(layout.header_height,
                   (cell_xml(head, header, HEADER_FILL, faces, pad) for head in table.columns))]
    body = [Style(size, color=BODY_TEXT, align="r" if right else "l")
            for right in numeric_columns(table)]
    for r, i in enumerate(rows, start=1):
        fill = BAND_FILL if r % 2 == 0 else "FFFFFF"
        xml.append(row_xml(layout.row_heights[i],
                           (cell_xml(text, body[j], fill, faces, pad)
                            for j, text in enumerate(table.rows[i]))))
    replace_rows(tbl, xml)
    return frame


def numeric_columns(table: Table) -> tuple[bool, ...]:
    """Columns of figures (right-aligned): most cells start with a number, none is a date."""
    out = []
    for j in range(len(table.columns)):
        cells = [row[j] for row in table.rows if row[j]]
        figures = [c for c in cells if _NUMBER.match(c) and not _DATE.search(c)]
        out.append(bool(cells) and len(figures) * 2 > len(cells))
    return tuple(out)

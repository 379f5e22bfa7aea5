"""Where things are in a wide table: title rows, header rows, the region column, data rows.

Found from the cells alone: the region column is the one whose cells name most regions
(or 合计/总计 …); the first row naming a region starts the data; the rows above it that
hold more than one distinct text are the header (one row with a single text is a title).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.data.grid import Coord
from reportgen.data.importer.headers import SKIPPED, Header, parse_header
from reportgen.data.importer.regionbook import RegionBook, clean_label, is_total
from reportgen.data.units import UnitError, parse_number

EMPTY_MARKS = frozenset({"-", "—", "－", "/", "／", "--", "——", "…"})


@dataclass(frozen=True)
class Layout:
    titles: list[str]  # texts of the title rows
    header_rows: list[int]
    label_col: int
    data_rows: list[int]  # rows with a region name or a total label
    columns: dict[int, Header]  # figure columns → their header


def is_number(text: str) -> bool:
    try:
        parse_number(text)
    except UnitError:
        return False
    return True


def find_layout(cells: dict[Coord, str], book: RegionBook,
                header_rows: list[int] | None = None) -> Layout | None:
    """None when no column names a region (no table to import on this sheet)."""
    rows = sorted({r for r, _ in cells})
    cols = sorted({c for _, c in cells})
    label_col = _label_column(cells, rows, cols, book)
    if label_col is None:
        return None
    names = [r for r in rows if _names_region(cells.get((r, label_col), ""), book)]
    first = names[0]
    if header_rows is None:
        header_rows = _header_rows(cells, [r for r in rows if r < first], cols)
    top = min(header_rows, default=first)
    titles = [_row_text(cells, r, cols) for r in rows if r < top]
    data = [r for r in rows if r > max(header_rows, default=0) and (r, label_col) in cells]
    columns = {}
    for col in cols:
        if col == label_col:
            continue
        header = parse_header([cells.get((r, col), "") for r in header_rows])
        has_data = any((r, col) in cells for r in data)
        if has_data and clean_label(header.name) not in SKIPPED:
            columns[col] = header
    return Layout(titles, header_rows, label_col, data, columns)


def _names_region(text: str, book: RegionBook) -> bool:
    return bool(text) and not is_number(text) and (is_total(text) or book.known(text))


def _label_column(cells: dict[Coord, str], rows: list[int], cols: list[int],
                  book: RegionBook) -> int | None:
    counts = {c: sum(_names_region(cells.get((r, c), ""), book) for r in rows) for c in cols}
    best = max(cols, key=lambda c: (counts[c], -c), default=None)
    return best if best is not None and counts[best] > 0 else None


def _header_rows(cells: dict[Coord, str], above: list[int], cols: list[int]) -> list[int]:
    """The block of rows just above the data holding more than one distinct text."""
    block: list[int] = []
    for r in reversed(above):
        texts = {cells[(r, c)] for c in cols if (r, c) in cells}
        if len(texts) < 2 and block:
            break
        if len(texts) >= 2 or not block:
            block.insert(0, r)
    return block


def _row_text(cells: dict[Coord, str], row: int, cols: list[int]) -> str:
    return " ".join(dict.fromkeys(cells[(row, c)] for c in cols if (row, c) in cells))

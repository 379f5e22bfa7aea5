"""Data tables for the PDF: wrapped cells, header row repeated on every page."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle

from reportgen.builders.pdf.clip import clip
from reportgen.builders.pdf.markup import esc
from reportgen.builders.pdf.styles import PdfStyle

# a figure as printed by the number formatter: "718.6", "1,234", "0.26%", "1亿人", "9536个";
# not dates ("2019年"), which stay left like the other period cells
_NUMERIC = re.compile(r"^[+\-−]?[\d,.]+\s*(%|‰|[\u4e00-\u9fff]{1,3})?$")
_DATE_END = ("年", "月", "日", "年底", "月底")

_PAD = 4.0
MAX_CELL_LINES = 8  # a longer cell is cut with "…": one row always fits a page
_BOX = 1.0  # 公文 tables: outer box
_RULE = 0.4  # modern tables: rules under the rows


def data_table(st: PdfStyle, columns: Sequence[str], rows: Sequence[Sequence[str]],
               weights: Sequence[float] | None = None,
               marks: dict[tuple[int, int], str] | None = None) -> Table:
    """A table that fits the frame: column widths from content, numbers right-aligned.

    ``marks`` adds markup (citation marks) after the escaped text of a body cell (row, col).
    """
    numeric = _numeric_columns(rows, len(columns))
    # the outer box is stroked on the table's edges: half its thickness would lie outside,
    # so the columns share the frame less one box width and the table is centred
    widths = _column_widths(st, st.frame_width - box_width(st), columns, rows, weights,
                            numeric)

    def cell(text: str, i: int, style: ParagraphStyle) -> str:
        return esc(clip(text, style, widths[i] - 2 * _PAD, MAX_CELL_LINES))

    head = [Paragraph(cell(c, i, st.para["cell_head"]), st.para["cell_head"])
            for i, c in enumerate(columns)]
    right = ParagraphStyle("cell_num", parent=st.para["cell"], alignment=TA_RIGHT)
    marks = marks or {}
    body = [[Paragraph(cell(text, i, st.para["cell"]) + marks.get((r, i), ""),
                       right if numeric[i] else st.para["cell"])
             for i, text in enumerate(_pad_row(row, len(columns)))]
            for r, row in enumerate(rows)]
    table = Table([head, *body], colWidths=widths, repeatRows=1, hAlign="CENTER")
    table.setStyle(_table_style(st, len(rows)))
    return table


def _pad_row(row: Sequence[str], n: int) -> list[str]:
    return [*row[:n], *([""] * (n - len(row)))]


def _numeric_columns(rows: Sequence[Sequence[str]], n: int) -> list[bool]:
    out = []
    for i in range(n):
        cells = [r[i].strip() for r in rows if i < len(r) and r[i].strip()]
        out.append(bool(cells) and all(_NUMERIC.match(c) and not c.endswith(_DATE_END)
                                       for c in cells))
    return out


def box_width(st: PdfStyle) -> float:
    """Thickness of the outermost rule of a table (公文: a 1 pt box; modern: 0.4 pt rules)."""
    return _BOX if st.name == "gongwen" else _RULE


def _column_widths(st: PdfStyle, total: float, columns: Sequence[str],
                   rows: Sequence[Sequence[str]], weights: Sequence[float] | None,
                   numeric: Sequence[bool]) -> list[float]:
    """Natural widths (longest cell) scaled to the frame width.

    When the table is too wide only long text columns give way: figures and short
    columns (periods, units) keep their natural width so "718.6万人" never wraps.
    """
    if weights:
        scale = total / sum(weights)
        return [w * scale for w in weights]
    cell = st.para["cell"]
    natural = []
    for i, name in enumerate(columns):
        texts = [name] + [r[i] for r in rows if i < len(r)]
        longest = max(stringWidth(t, cell.fontName, cell.fontSize) for t in texts)
        natural.append(longest + 2 * _PAD + 1)
    if sum(natural) <= total:
        extra = (total - sum(natural)) / len(natural)
        return [w + extra for w in natural]
    short = 8 * cell.fontSize + 2 * _PAD  # up to eight characters: keep whole
    floors = [w if numeric[i] or w <= short else min(w, short) for i, w in enumerate(natural)]
    if sum(floors) > total:
        # even the floors overflow (a wide 公文 table of 12 pt cells): every column keeps
        # four characters (or its natural width, if less) and the rest is shared by
        # natural width; never "平顶山市" one character a line beside a wide text column
        least = 4 * cell.fontSize + 2 * _PAD + 1
        floors = [min(w, least) for w in natural]
        if sum(floors) > total:
            return [w * total / sum(floors) for w in floors]
    spare = sum(w - f for w, f in zip(natural, floors, strict=True))
    over = sum(natural) - total
    return [w - (w - f) * over / spare for w, f in zip(natural, floors, strict=True)]


def _table_style(st: PdfStyle, nrows: int) -> TableStyle:
    font = st.para["cell"].fontName
    cmds: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, st.para["cell"].fontSize),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if st.name == "gongwen":
        cmds += [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                 ("BOX", (0, 0), (-1, -1), _BOX, colors.black)]
    else:
        cmds += [("BACKGROUND", (0, 0), (-1, 0), st.accent),
                 ("LINEBELOW", (0, 0), (-1, -1), _RULE, st.rule)]
        cmds += [("BACKGROUND", (0, r), (-1, r), colors.HexColor("#F3F6F9"))
                 for r in range(2, nrows + 1, 2)]
    return TableStyle(cmds)

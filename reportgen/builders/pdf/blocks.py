"""Title block and 核心指标 panel."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from reportgen.builders.pdf.clip import clip
from reportgen.builders.pdf.markup import esc, refs_mark
from reportgen.builders.pdf.styles import PdfStyle
from reportgen.builders.pdf.tables import data_table
from reportgen.report.figtext import FLAG_MARK, FLAG_NOTE
from reportgen.report.model import Kpi, Report

MAX_LABEL_LINES = 4  # a longer KPI label is cut with "…" (a card never outgrows a page)
CARD_BAR = 2.5  # points: the accent bar at the left of a KPI card


class Heading(Paragraph):
    """A heading that becomes an outline entry (bookmark) where it lands."""

    def __init__(self, text: str, style: ParagraphStyle, key: str, title: str,
                 level: int = 0) -> None:
        super().__init__(text, style)
        self.outline = (key, title, level)


def heading(text: str, st: PdfStyle, key: str, title: str, role: str = "h1",
            level: int = 0, first: float = 0.0) -> list[Flowable]:
    """A heading that starts a new page unless three body lines (or ``first`` points: the
    start of a chart or table that opens the section) fit under it.

    (keepWithNext would move a whole long paragraph with it and leave a gap.)
    """
    style = st.para[role]
    room = style.spaceBefore + 2 * style.leading + max(3 * st.para["body"].leading, first)
    return [CondPageBreak(room), Heading(text, style, key, title, level)]


def title_block(report: Report, st: PdfStyle) -> list[Flowable]:
    return _gongwen_title(report, st) if st.name == "gongwen" else _modern_title(report, st)


def _modern_title(report: Report, st: PdfStyle) -> list[Flowable]:
    p = st.para
    # the issuer compiles the brief; the date is the latest source's, not the issuer's
    meta = [("地区", report.region.name), ("数据期间", report.period_label),
            ("编制", report.issuer), ("资料截至", report.date_text)]
    # reportlab collapses runs of spaces (U+3000 too): a visible separator keeps items apart
    meta_text = " · ".join(f"{esc(k)}：{esc(v)}" for k, v in meta if v)
    out: list[Flowable] = [Paragraph(f"{esc(report.issuer)}　·　数据简报", p["issuer"]),
                           Paragraph(f"<b>{esc(report.title)}</b>", p["title"])]
    if report.subtitle:
        out.append(Paragraph(esc(report.subtitle), p["subtitle"]))
    out += [Paragraph(meta_text, p["meta"]),
            HRFlowable(width="100%", thickness=1.5, color=st.accent, spaceBefore=6,
                       spaceAfter=10, lineCap="butt")]
    return out


def _gongwen_title(report: Report, st: PdfStyle) -> list[Flowable]:
    """The centred 小标宋 title under the 版头 (builders/pdf/gongwen.py draws the 版头)."""
    p = st.para
    out: list[Flowable] = [Paragraph(esc(report.title), p["title"])]
    if report.subtitle:
        out.append(Paragraph(esc(report.subtitle), p["subtitle"]))
    if report.period_label and report.period_label not in report.subtitle:
        out.append(Paragraph(f"（数据期间：{esc(report.period_label)}）", p["meta"]))
    out.append(Spacer(1, p["body"].leading / 2))
    return out


def closing_block(report: Report, st: PdfStyle) -> list[Flowable]:
    """GB/T 9704 落款: issuer and date at the right, after the body (gongwen only)."""
    if st.name != "gongwen":
        return []
    right = st.para["body"].clone("sign", firstLineIndent=0, alignment=2,
                                  rightIndent=4 * st.para["body"].fontSize)
    return [Spacer(1, right.leading), Paragraph(esc(report.issuer), right),
            Paragraph(esc(report.date_text), right)]


def kpi_panel(report: Report, st: PdfStyle, title: str) -> list[Flowable]:
    if not report.kpis:
        return []
    head = heading(esc(title), st, "kpis", title)
    if st.name == "gongwen":
        rows = [(k.label, f"{k.number_text}{k.unit_text}", k.period_label) for k in report.kpis]
        marks = {(i, 1): refs_mark(k.refs) for i, k in enumerate(report.kpis)
                 if st.citation_marks}
        table = data_table(st, ("指标", "数值", "时期"), rows, weights=(5, 3, 3), marks=marks)
        return [*head, table, _kpi_sources(report, st)]
    return [*head, _kpi_cards(report.kpis, st), _kpi_sources(report, st)]


def _kpi_cards(kpis: tuple[Kpi, ...], st: PdfStyle, per_row: int = 3) -> Table:
    p = st.para
    gap = 3 * mm
    # the accent bar is stroked on the cards' left edge: half of it would lie left of the
    # frame, so the cards start half a bar in (and end at the frame's right edge)
    inset = CARD_BAR / 2
    card_w = (st.frame_width - inset - gap * (per_row - 1)) / per_row
    cells: list[list[object]] = []
    for k in kpis:
        number = (f"<b>{esc(k.number_text)}</b><font size='10'> {esc(k.unit_text)}</font>"
                  f"<font size='8'>{refs_mark(k.refs)}</font>")
        label = clip(k.label, p["kpi_label"], card_w - 4 * mm, MAX_LABEL_LINES)
        cells.append([Paragraph(esc(label), p["kpi_label"]), Paragraph(number, p["kpi_number"]),
                      Paragraph(esc(k.period_label), p["kpi_period"])])
    rows: list[list[object]] = []
    for i in range(0, len(cells), per_row):
        row: list[object] = []
        for c in cells[i:i + per_row]:
            row += [c, ""]
        rows.append(row[:-1] + [""] * (2 * per_row - 1 - len(row[:-1])))
    widths = [w for _ in range(per_row) for w in (card_w, gap)][:-1]
    table = Table(rows, colWidths=widths, hAlign="RIGHT")
    table.setStyle(_card_style(st, len(rows), per_row, len(cells)))
    return table


def _card_style(st: PdfStyle, nrows: int, per_row: int, ncards: int) -> TableStyle:
    cmds: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), st.para["body"].fontName),  # empty cells: no Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 7),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    for index in range(ncards):
        r, c = divmod(index, per_row)
        col = 2 * c
        cmds += [("BACKGROUND", (col, r), (col, r), colors.HexColor("#EEF3F8")),
                 ("LINEBEFORE", (col, r), (col, r), CARD_BAR, st.accent)]
    # the gap column between cards and a gap line between card rows
    cmds += [("LINEBELOW", (0, r), (-1, r), 3, colors.white) for r in range(nrows - 1)]
    return TableStyle(cmds)


def _kpi_sources(report: Report, st: PdfStyle) -> Paragraph:
    notes = []
    if st.citation_marks and any(k.refs for k in report.kpis):
        notes.append("注：上标数字为引用编号，出处与原文见“数据来源”。")
    if any(FLAG_MARK in text for text in report.texts()):
        notes.append(FLAG_NOTE)  # the mark is explained before the first one is read
    # a little air between the cards (or table) and the note under them
    return Paragraph(esc("".join(notes)), st.para["source"].clone("kpi_note", spaceBefore=4))

"""Body sections: heading, narrative with citation marks, charts, tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from reportgen.builders.pdf.blocks import heading
from reportgen.builders.pdf.charts import (
    POINTS_PER_MM,
    ChartDrawing,
    ChartRenderer,
    DrawingLoader,
    chart_height_mm,
    render_checked,
)
from reportgen.builders.pdf.markup import cn_number, esc, refs_mark, with_refs
from reportgen.builders.pdf.styles import PdfStyle
from reportgen.builders.pdf.tables import data_table
from reportgen.charts.spec import ChartSpec
from reportgen.report.model import Section, Table


@dataclass
class Counters:
    """Running numbers across the document: headings, tables."""

    heading: int = 0
    table: int = 0
    keys: set[str] = field(default_factory=set)

    def next_heading(self) -> str:
        self.heading += 1
        return cn_number(self.heading)

    def key(self, base: str) -> str:
        """Unique bookmark key (section ids should be unique; do not trust it)."""
        key, n = base, 1
        while key in self.keys:
            n += 1
            key = f"{base}-{n}"
        self.keys.add(key)
        return key


@dataclass
class ChartContext:
    render: ChartRenderer  # spec, size → chart SVG file
    load: DrawingLoader  # chart SVG file → Drawing in the brief's fonts


def has_content(section: Section) -> bool:
    return bool(section.paragraphs or section.charts or section.tables)


def section_flowables(section: Section, st: PdfStyle, counters: Counters,
                      charts: ChartContext) -> list[Flowable]:
    """One section; empty sections give nothing (never printed empty)."""
    if not has_content(section):
        return []
    title = f"{counters.next_heading()}、{section.title}"
    out = heading(esc(title), st, counters.key(f"sec-{section.id}"), title,
                  first=_opening_room(section, st))
    out += [Paragraph(with_refs(p.text, p.refs if st.citation_marks else ()), st.para["body"])
            for p in section.paragraphs]
    for spec in section.charts:
        out.append(chart_block(spec, st, charts))
    for table in section.tables:
        out += table_block(table, st, counters)
    return out


def _opening_room(section: Section, st: PdfStyle) -> float:
    """Height of what opens a section without text: its heading never ends a page alone."""
    if section.paragraphs:
        return 0.0
    if section.charts:
        width_mm = st.frame_width / POINTS_PER_MM
        return chart_height_mm(section.charts[0], width_mm) * mm + 12
    return _table_room(st) if section.tables else 0.0


def _table_room(st: PdfStyle) -> float:
    """Caption, header row and two rows (the rest of a long table may split)."""
    return st.para["caption"].leading * 2 + 3 * (st.para["cell"].leading * 2 + 6)


def chart_block(spec: ChartSpec, st: PdfStyle, charts: ChartContext) -> Flowable:
    """The vector chart; it carries its own title and source line (one drawing for the
    brief and its preview, so they never disagree)."""
    width_mm = st.frame_width / POINTS_PER_MM
    height_mm = chart_height_mm(spec, width_mm)
    path = render_checked(charts.render, spec, width_mm, height_mm)
    drawing = ChartDrawing(charts.load(path), st.frame_width, height_mm * mm)
    return KeepTogether([Spacer(1, 4), drawing, Spacer(1, 8)])


def source_line(note: str) -> str:
    """"来源：…" once, whether or not the note already says so."""
    note = note.strip()
    if not note or note.startswith(("来源", "资料来源", "数据来源")):
        return note
    return f"来源：{note}"


def table_block(table: Table, st: PdfStyle, counters: Counters) -> list[Flowable]:
    counters.table += 1
    caption = Paragraph(f"表{counters.table}　{esc(table.title)}", st.para["caption"])
    out: list[Flowable] = [CondPageBreak(_table_room(st)), caption,
                           data_table(st, table.columns, table.rows)]
    note = esc(source_line(table.source_note))
    mark = refs_mark(table.refs) if st.citation_marks else ""
    if note or mark:
        out.append(Paragraph((note or "来源：") + mark, st.para["source"]))
    return out

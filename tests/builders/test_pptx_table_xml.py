"""Table cells written as XML: the same markup python-pptx's per-cell API produced."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu

from reportgen.builders.pptx.table_xml import cell_xml, replace_rows, row_xml
from reportgen.builders.pptx.tables import (
    BAND_FILL,
    BODY_TEXT,
    HEADER_FILL,
    HEADER_TEXT,
    PAD_X,
    PAD_Y,
    add_table,
    layout_table,
    numeric_columns,
)
from reportgen.builders.pptx.template import Box
from reportgen.builders.pptx.text import (
    A_NS,
    Style,
    Typefaces,
    heuristic_measure,
    write_runs,
)
from reportgen.report.model import Table

FACES = Typefaces("Microsoft YaHei", "微软雅黑")
BOX = Box(457200, 1400000, 8229600, 4572000)
TABLE = Table("年度 <脱贫> & \"退出\"",
              ("年份", "脱贫人口（人）", "说明 \"口径\""),
              (("2018年", "46,838", "含 <建档立卡> & '边缘户'"),
               ("2019年", "42,196", "退出贫困村138个，全面小康"),
               ("2020年", "21,300", ""),
               ("合计", "110,334", "a\tb\x07c")))
LONG = Table("各县", ("县", "脱贫人口"),
             tuple((f"第{i}县（含边远乡镇的行政村与自然村）", f"{i * 1000:,}") for i in range(30)))


def _old_add_table(slide: Any, table: Table, page: int = 0) -> Any:
    """The per-cell python-pptx path that add_table replaced: the reference output."""
    layout = layout_table(table, BOX, heuristic_measure)
    rows = layout.pages[page]
    height = layout.header_height + sum(layout.row_heights[i] for i in rows)
    frame = slide.shapes.add_table(len(rows) + 1, len(table.columns), Emu(BOX.left),
                                   Emu(BOX.top), Emu(BOX.width), Emu(height))
    frame.name = f"table {table.title}"
    shape = frame.table
    for j, width in enumerate(layout.widths):
        shape.columns[j].width = Emu(width)
    shape.rows[0].height = Emu(layout.header_height)
    size = layout.size_pt
    for j, head in enumerate(table.columns):
        _old_cell(shape.cell(0, j), head, HEADER_FILL,
                  Style(size, bold=True, color=HEADER_TEXT, align="ctr"))
    right = numeric_columns(table)
    for r, i in enumerate(rows, start=1):
        shape.rows[r].height = Emu(layout.row_heights[i])
        fill = BAND_FILL if r % 2 == 0 else "FFFFFF"
        for j, text in enumerate(table.rows[i]):
            _old_cell(shape.cell(r, j), text, fill,
                      Style(size, color=BODY_TEXT, align="r" if right[j] else "l"))
    return frame


def _old_cell(cell: Any, text: str, fill: str, style: Style) -> None:
    cell.fill.solid()
    cell.fill.fore_color.rgb = RGBColor.from_string(fill)
    cell.margin_left = cell.margin_right = Emu(PAD_X)
    cell.margin_top = cell.margin_bottom = Emu(PAD_Y)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    write_runs(cell.text_frame, [[(text, style)]], FACES, space_after=0)


def _two_slides() -> tuple[Any, Any]:
    prs = Presentation()
    return (prs.slides.add_slide(prs.slide_layouts[6]),
            prs.slides.add_slide(prs.slide_layouts[6]))


@pytest.mark.parametrize("table", [TABLE, LONG], ids=["one page", "two pages"])
def test_add_table_writes_the_xml_of_the_per_cell_path(table: Table) -> None:
    layout = layout_table(table, BOX, heuristic_measure)
    for page in range(len(layout.pages)):
        old_slide, new_slide = _two_slides()
        old = _old_add_table(old_slide, table, page)
        new = add_table(new_slide, table, layout, page, BOX, FACES)
        assert etree.tostring(new._element) == etree.tostring(old._element)


def test_python_pptx_reads_the_cells_back() -> None:
    slide, _ = _two_slides()
    frame = add_table(slide, TABLE, layout_table(TABLE, BOX, heuristic_measure), 0, BOX, FACES)
    table = frame.table
    assert [c.text for c in table.rows[0].cells] == list(TABLE.columns)
    assert [c.text for c in table.rows[1].cells] == list(TABLE.rows[0])
    assert table.cell(4, 2).text == "a\tb_x0007_c"  # control characters as python-pptx writes
    header, body = table.cell(0, 0), table.cell(2, 1)
    assert header.fill.fore_color.rgb == RGBColor.from_string(HEADER_FILL)
    assert body.fill.fore_color.rgb == RGBColor.from_string(BAND_FILL)
    run = body.text_frame.paragraphs[0].runs[0]
    assert (run.font.bold, str(run.font.color.rgb), run.font.name) == (
        False, BODY_TEXT, FACES.latin)
    assert header.text_frame.paragraphs[0].runs[0].font.bold is True
    assert body.vertical_anchor == MSO_ANCHOR.MIDDLE
    assert (body.margin_left, body.margin_top) == (PAD_X, PAD_Y)
    assert frame.height == sum(row.height for row in table.rows)
    assert frame.width == BOX.width == sum(col.width for col in table.columns)


def test_cell_xml_escapes_text_and_typefaces() -> None:
    faces = Typefaces('A&B "x"', "<微软雅黑>")
    xml = row_xml(100, [cell_xml("<&> \"引号\" '单' 中文", Style(12), "FFFFFF", faces, (1, 2))])
    tbl = etree.fromstring(f'<a:tbl xmlns:a="{A_NS}"/>')
    replace_rows(tbl, [xml])
    assert "".join(tbl.itertext()) == "<&> \"引号\" '单' 中文"
    ns = {"a": A_NS}
    assert tbl.xpath("//a:latin/@typeface", namespaces=ns) == ['A&B "x"']
    assert tbl.xpath("//a:ea/@typeface", namespaces=ns) == ["<微软雅黑>"]

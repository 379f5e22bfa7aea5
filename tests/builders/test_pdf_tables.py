"""Data tables: widths fit the frame, figures never wrap, numbers right-aligned, escaping."""

from __future__ import annotations

import pytest
from pdf_samples import LONG_INDICATOR, LONG_NAME, load_fonts
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from reportgen.builders.pdf.styles import PdfStyle, make_style
from reportgen.builders.pdf.tables import box_width, data_table


@pytest.fixture(scope="module", params=["modern", "gongwen"])
def st(request: pytest.FixtureRequest) -> PdfStyle:
    return make_style(request.param, load_fonts().register_reportlab())


ROWS = (
    ("河南省", "建档立卡贫困人口脱贫", "718.6万人", "截至2020年底"),
    (LONG_NAME, LONG_INDICATOR, "0.26%", "2020年"),
    ("A&B<县>", "x<y", "1,234", "2019年"),
)


def test_widths_fill_the_frame_and_figures_keep_their_width(st: PdfStyle) -> None:
    table = data_table(st, ("地区", "指标", "数值", "时期"), ROWS)
    widths = table._colWidths
    # the columns and the outer rule's stroke (half of it on each side) fill the frame
    assert sum(widths) + box_width(st) == pytest.approx(st.frame_width)
    assert table.hAlign == "CENTER"
    cell = st.para["cell"]
    assert widths[2] > stringWidth("718.6万人", cell.fontName, cell.fontSize) + 8
    assert widths[3] > stringWidth("截至2020年底", cell.fontName, cell.fontSize) + 8


def test_numbers_right_aligned_text_and_years_left(st: PdfStyle) -> None:
    table = data_table(st, ("地区", "指标", "数值", "时期"), ROWS)
    body = table._cellvalues[1]
    assert isinstance(body[2], Paragraph) and body[2].style.alignment == TA_RIGHT
    assert body[0].style.alignment == TA_LEFT and body[3].style.alignment == TA_LEFT


def test_cells_are_escaped_and_marks_appended(st: PdfStyle) -> None:
    table = data_table(st, ("地区", "数值"), (("A&B<县>", "53个"),), marks={(0, 1): "<b>*</b>"})
    name, value = table._cellvalues[1]
    assert name.text == "A&amp;B&lt;县&gt;"
    assert value.text.endswith("<b>*</b>")
    table.wrapOn(None, st.frame_width, 1000)  # parses the markup: would raise on raw "<县>"


def test_header_repeats_on_every_page(st: PdfStyle) -> None:
    assert data_table(st, ("a", "b"), (("1", "2"),)).repeatRows == 1


def test_a_wide_table_keeps_four_characters_in_every_column() -> None:
    st = make_style("gongwen", load_fonts().register_reportlab())
    note = "不可比：来源未写明时期（据2020年报道）；县级地区，属于平顶山市" * 2
    rows = [("平顶山市", "脱贫攻坚专项指挥部", "据2019年9月27日报道", "5.1万户", note, "[41]–[46]")]
    table = data_table(st, ("地区", "指标", "时期", "数值", "说明", "来源"), rows)
    cell = st.para["cell"]
    four = 4 * cell.fontSize + 8  # four characters and the cell padding
    assert table._colWidths[0] >= four and table._colWidths[1] >= four  # 地区, 指标
    assert table._colWidths[4] == max(table._colWidths)  # the long note gives way
    assert sum(table._colWidths) + box_width(st) == pytest.approx(st.frame_width)

"""ChartSpec → native chart: data, number formats LibreOffice understands, labels."""

from __future__ import annotations

import re

import pytest
from pptx import Presentation
from pptx.util import Inches

from reportgen.builders.pptx.charts import (
    add_native_chart,
    chart_data,
    is_native,
    label_number_format,
    plotted_values,
)
from reportgen.builders.pptx.template import Box
from reportgen.builders.pptx.text import Typefaces
from reportgen.charts.spec import ChartSpec, Series

FACES = Typefaces("Microsoft YaHei", "微软雅黑")
BOX = Box(Inches(0.5), Inches(1), Inches(8), Inches(5))


@pytest.mark.parametrize(("labels", "expected"), [
    (("718.6", "43091"), "General"),
    (("1,234.5", "98"), "#,##0.0"),
    (("98.5%", "100%"), 'General"%"'),
    (("约50", "60"), None),
    (("2.3万",), None),
])
def test_label_number_format(labels, expected) -> None:
    assert label_number_format(labels) == expected


def test_plotted_values_are_the_printed_numbers() -> None:
    series = Series("脱贫人口", (4.6838, None, 2.13), ("4.68", "", "2.13"))
    assert plotted_values(series) == (4.68, None, 2.13)


def test_hbar_lists_the_first_region_at_the_top() -> None:
    spec = ChartSpec("x", "hbar", "各市", ("郑州市", "开封市"), (Series("人", (1.0, 2.0)),))
    data = chart_data(spec)
    assert [c.label for c in data.categories] == ["开封市", "郑州市"]
    assert list(data[0].values) == [2.0, 1.0]


def test_progress_adds_the_remainder_to_the_target() -> None:
    spec = ChartSpec("p", "progress", "拨付率", ("资金拨付率", "项目开工率"),
                     (Series("完成", (92.5, 100.0), ("92.5%", "100%")),), unit="%",
                     target=100.0)
    data = chart_data(spec)
    assert [s.name for s in data] == ["完成", "未完成"]
    assert list(data[1].values) == [0.0, 7.5]  # reversed: first category on top


def _chart(spec: ChartSpec):  # type: ignore[no-untyped-def]
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    return add_native_chart(slide, spec, BOX, FACES).chart


def test_native_chart_title_carries_the_unit_and_labels_are_shown() -> None:
    spec = ChartSpec("b", "bar", "年度脱贫人口", ("2018年", "2019年"),
                     (Series("脱贫人口", (4.68, 4.22), ("4.68", "4.22")),), unit="万人")
    chart = _chart(spec)
    assert chart.chart_title.text_frame.text == "年度脱贫人口（万人）"
    labels = chart.plots[0].series[0].data_labels
    assert labels.show_value and labels.number_format == "General"
    codes = re.findall(r'formatCode="([^"]*)"', chart._chartSpace.xml)
    assert codes and not [c for c in codes if "!" in c or "\\" in c]  # no Excel-only escapes


def test_non_numeric_labels_become_text_labels() -> None:
    spec = ChartSpec("b", "bar", "企业", ("2019年", "2020年"),
                     (Series("企业", (50.0, 806.0), ("约50", "806")),), unit="家")
    chart = _chart(spec)
    point = chart.plots[0].series[0].points[0]
    assert point.data_label.has_text_frame
    assert point.data_label.text_frame.text == "约50"


def test_donut_has_one_colour_per_category_and_a_legend() -> None:
    spec = ChartSpec("d", "donut", "构成", ("甲", "乙", "丙"),
                     (Series("资金", (1.0, 2.0, 3.0)),), unit="亿元")
    chart = _chart(spec)
    assert chart.has_legend
    fills = {p.format.fill.fore_color.rgb for p in
             (chart.plots[0].series[0].points[i] for i in range(3))}
    assert len(fills) == 3
    assert "dLblPos" not in chart._chartSpace.xml  # doughnuts take no label position


def test_kpi_is_not_a_native_chart() -> None:
    kpi = ChartSpec("k", "kpi", "企业", ("企业",), (Series("企业", (806.0,)),))
    assert not is_native(kpi)
    assert is_native(ChartSpec("l", "line", "t", ("a",), (Series("s", (1.0,)),)))


def test_thin_stacked_segments_get_no_label() -> None:
    spec = ChartSpec("s", "stacked_bar", "贫困村", ("2018年", "2020年"),
                     (Series("国定", (80.0, 6.0), ("80", "6")),
                      Series("省定", (56.0, 4.0), ("56", "4"))), unit="个")
    chart = _chart(spec)
    for series in chart.plots[0].series:
        hidden = series._element.xpath("./c:dLbls/c:dLbl[c:delete/@val='1']/c:idx/@val")
        assert hidden == ["1"]  # the 2020 segments (6 and 4 of 136) only


def test_bars_start_at_zero_and_a_percentage_axis_ends_at_100() -> None:
    rates = ChartSpec("r", "bar", "贫困发生率", ("2016年", "2017年", "2018年"),
                      (Series("贫困发生率", (96.0, 98.0, 100.0), ("96%", "98%", "100%")),),
                      unit="%")
    axis = _chart(rates).value_axis
    assert (axis.minimum_scale, axis.maximum_scale) == (0, 100)
    counts = ChartSpec("c", "bar", "脱贫人口", ("2018年", "2019年", "2020年"),
                       (Series("脱贫人口", (4.6, 4.2, 2.1)),), unit="万人")
    axis = _chart(counts).value_axis
    assert axis.minimum_scale == 0 and axis.maximum_scale is None


def test_a_line_spans_the_years_without_data() -> None:
    spec = ChartSpec("l", "line", "收入", ("2016年", "2017年", "2018年"),
                     (Series("收入", (1.0, None, 3.0)),), unit="元")
    xml = _chart(spec)._chartSpace.xml
    assert re.search(r'<c:dispBlanksAs val="span"/>', xml)


def test_a_donut_gives_its_total_and_each_share() -> None:
    spec = ChartSpec("d", "donut", "安置方式", ("集中", "分散"),
                     (Series("安置方式", (60.0, 40.0), ("60", "40")),), unit="万人")
    chart = _chart(spec)
    assert chart.chart_title.text_frame.text == "安置方式（合计100万人）"
    assert chart.plots[0].series[0].data_labels.show_percentage

"""ChartSpec → NATIVE PowerPoint chart (editable data, embedded workbook).

Values arrive pre-scaled (万, 亿) so number formats stay simple ones LibreOffice
understands (no Excel ``!`` escapes); the display unit goes into the chart title.
Where a series carries formatted labels, the plotted value is the number printed in
the label, so the chart's data and the figures on the slide agree digit for digit.
"""

from __future__ import annotations

import re
from typing import Any

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls
from pptx.util import Emu, Pt

from reportgen.builders.pptx.template import Box
from reportgen.builders.pptx.text import Typefaces, apply_typefaces
from reportgen.charts.spec import ChartSpec, Series
from reportgen.text.numbers import format_number

# The template theme's accents (scripts/make_template_deck.py), explicit so that every
# viewer (LibreOffice included) draws the same colours.
PALETTE = ("1F4E79", "E08A1E", "2E86C1", "5B9B3C", "8E5EA2", "C0392B", "7F8C8D", "D4AC0D")
REST = "D9DEE4"  # the unfinished part of a progress bar
GRID, AXIS, TEXT = "D9D9D9", "8C8C8C", "404040"

_TYPES = {
    "bar": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "grouped_bar": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "hbar": XL_CHART_TYPE.BAR_CLUSTERED,
    "stacked_bar": XL_CHART_TYPE.COLUMN_STACKED,
    "donut": XL_CHART_TYPE.DOUGHNUT,
    "progress": XL_CHART_TYPE.BAR_STACKED,
}
_NUMBER = re.compile(r"^(-?)([\d,]+)(?:\.(\d+))?(%?)$")


def is_native(spec: ChartSpec) -> bool:
    """Whether the spec becomes a native chart ("kpi" is a big figure in text instead)."""
    return spec.kind in _TYPES


def chart_title(spec: ChartSpec) -> str:
    if spec.kind == "donut" and spec.series:  # a donut says what its parts add up to
        total = sum(v for v in plotted_values(spec.series[0]) if v is not None)
        return f"{spec.title}（合计{format_number(total, 2)}{spec.unit}）"
    return f"{spec.title}（{spec.unit}）" if spec.unit else spec.title


def label_number_format(labels: tuple[str, ...]) -> str | None:
    """An Excel/LibreOffice number format printing the labels as written, or None.

    "718.6", "43091" → General; "1,234.5" → #,##0.0; "98.5%" → General"%".
    None means a label is not a plain number ("约50"): the chart gets text labels.
    """
    grouped = percent = False
    decimals = 0
    for label in labels:
        match = _NUMBER.match(label.strip())
        if not match:
            return None
        grouped |= "," in match.group(2)
        percent |= bool(match.group(4))
        decimals = max(decimals, len(match.group(3) or ""))
    suffix = '"%"' if percent else ""
    if grouped:
        return "#,##0" + ("." + "0" * decimals if decimals else "") + suffix
    return "General" + suffix


def plotted_values(series: Series) -> tuple[float | None, ...]:
    """The number each label prints when it is one, else the spec value."""
    out: list[float | None] = []
    for i, value in enumerate(series.values):
        label = series.labels[i].strip() if i < len(series.labels) else ""
        match = _NUMBER.match(label)
        if value is not None and match:
            out.append(float(label.replace(",", "").rstrip("%")))
        else:
            out.append(value)
    return tuple(out)


def _series_for(spec: ChartSpec) -> list[tuple[str, tuple[float | None, ...], Series | None]]:
    """(name, values, spec series for labels) as drawn; progress adds the remainder."""
    if spec.kind != "progress":
        return [(s.name, plotted_values(s), s) for s in spec.series]
    target = spec.target if spec.target is not None else 100.0
    done = plotted_values(spec.series[0])
    rest = tuple(None if v is None else max(target - v, 0.0) for v in done)
    return [(spec.series[0].name, done, spec.series[0]), ("未完成", rest, None)]


def chart_data(spec: ChartSpec) -> CategoryChartData:
    data = CategoryChartData()
    drawn = _series_for(spec)
    reverse = spec.kind in ("hbar", "progress")  # bar charts draw the first category lowest
    data.categories = tuple(reversed(spec.categories)) if reverse else spec.categories
    for name, values, source in drawn:
        fmt = label_number_format(source.labels) if source and source.labels else None
        data.add_series(name, tuple(reversed(values)) if reverse else values,
                        number_format=fmt or "General")
    return data


def add_native_chart(slide: Any, spec: ChartSpec, box: Box, faces: Typefaces) -> Any:
    """Draw ``spec`` as a native chart filling ``box``; return the graphic frame."""
    frame = slide.shapes.add_chart(_TYPES[spec.kind], Emu(box.left), Emu(box.top),
                                   Emu(box.width), Emu(box.height), chart_data(spec))
    frame.name = f"chart {spec.id}"
    chart = frame.chart
    chart.font.size = Pt(12)
    chart.font.color.rgb = RGBColor.from_string(TEXT)
    chart.has_title = True
    chart.chart_title.text_frame.text = chart_title(spec)
    title_font = chart.chart_title.text_frame.paragraphs[0].runs[0].font
    title_font.size, title_font.bold = Pt(15), True
    _legend(chart, spec)
    if spec.kind == "line":  # a year without data is an empty slot; the line spans it
        for blanks in chart._chartSpace.xpath("./c:chart/c:dispBlanksAs"):
            blanks.set("val", "span")
    if spec.kind == "donut":
        _style_donut(chart, spec)
    else:
        _style_axes(chart, spec)
        _style_series(chart, spec)
    apply_typefaces(chart._chartSpace, faces)
    return frame


def _legend(chart: Any, spec: ChartSpec) -> None:
    chart.has_legend = spec.kind == "donut" or len(spec.series) > 1
    if chart.has_legend:
        chart.legend.position = (XL_LEGEND_POSITION.RIGHT if spec.kind == "donut"
                                 else XL_LEGEND_POSITION.BOTTOM)
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(12)


def _style_axes(chart: Any, spec: ChartSpec) -> None:
    value_axis, category_axis = chart.value_axis, chart.category_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = RGBColor.from_string(GRID)
    value_axis.format.line.fill.background()
    value_axis.tick_labels.font.size = Pt(11)
    value_axis.tick_labels.number_format = _first_format(spec) or "General"
    value_axis.tick_labels.number_format_is_linked = False
    category_axis.format.line.color.rgb = RGBColor.from_string(AXIS)
    category_axis.tick_labels.font.size = Pt(12 if len(spec.categories) <= 8 else 10)
    values = [v for s in spec.series for v in plotted_values(s) if v is not None]
    if spec.kind == "progress":
        value_axis.minimum_scale = 0
        target = spec.target if spec.target is not None else 100.0
        done = [v for v in plotted_values(spec.series[0]) if v is not None]
        value_axis.maximum_scale = max([target, *done])
    elif spec.kind != "line" and values and min(values) >= 0:
        value_axis.minimum_scale = 0  # bars start at zero: viewers may auto-scale above it
    if spec.kind != "progress" and spec.unit in ("%", "％") and values and \
            0 < max(values) <= 100 and spec.kind != "stacked_bar":
        value_axis.maximum_scale = 100  # a percentage axis ends at 100, not 102


def _first_format(spec: ChartSpec) -> str | None:
    labels = spec.series[0].labels if spec.series else ()
    return label_number_format(labels) if labels else None


def _style_series(chart: Any, spec: ChartSpec) -> None:
    plot = chart.plots[0]
    if spec.kind != "line":
        plot.gap_width = 60 if spec.kind in ("hbar", "progress") else 80
        if spec.kind in ("stacked_bar", "progress"):
            plot.overlap = 100
    drawn = _series_for(spec)
    for i, (series, (_, _, source)) in enumerate(zip(plot.series, drawn, strict=True)):
        color = REST if spec.kind == "progress" and i == 1 else PALETTE[i % len(PALETTE)]
        _color_series(series, spec.kind, color)
        if source is not None:
            _data_labels(series, source, spec, inside=spec.kind in ("stacked_bar", "progress"))
    if spec.kind == "stacked_bar":
        _hide_small_labels(plot, drawn)


def _hide_small_labels(plot: Any, drawn: list[Any]) -> None:
    """Segments under 5% of the tallest column are too thin for a label: labels collide."""
    totals = [sum(v or 0.0 for v in column) for column in zip(*(d[1] for d in drawn),
                                                               strict=True)]
    tallest = max(totals, default=0.0)
    for series, (_, values, _) in zip(plot.series, drawn, strict=True):
        dlbls = series._element.get_or_add_dLbls()
        small = [i for i, v in enumerate(values) if v is not None and v < 0.05 * tallest]
        for i in reversed(small):  # c:dLbl elements come first, in index order
            dlbls.insert(0, parse_xml(
                f'<c:dLbl {nsdecls("c")}><c:idx val="{i}"/><c:delete val="1"/></c:dLbl>'))


def _color_series(series: Any, kind: str, color: str) -> None:
    rgb = RGBColor.from_string(color)
    if kind == "line":
        series.format.line.color.rgb = rgb
        series.format.line.width = Pt(2.5)
        series.smooth = False
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = rgb
        series.marker.format.line.color.rgb = rgb
    else:
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = rgb
        series.format.line.fill.background()


def _data_labels(series: Any, source: Series, spec: ChartSpec, *, inside: bool) -> None:
    labels = series.data_labels
    labels.show_value = True
    labels.font.size = Pt(11)
    if inside:
        if spec.kind != "donut":  # doughnuts take no label position (Office rejects one)
            labels.position = XL_LABEL_POSITION.CENTER
        labels.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    else:
        labels.position = (XL_LABEL_POSITION.ABOVE if spec.kind == "line"
                           else XL_LABEL_POSITION.OUTSIDE_END)
    fmt = label_number_format(source.labels) if source.labels else None
    labels.number_format = fmt or "General"
    labels.number_format_is_linked = False
    if source.labels and fmt is None:
        _text_labels(series, source, spec)


def _text_labels(series: Any, source: Series, spec: ChartSpec) -> None:
    """Labels that are not plain numbers ("约50") are written as text, point by point."""
    count = len(source.labels)
    for i, label in enumerate(source.labels):
        index = count - 1 - i if spec.kind in ("hbar", "progress") else i
        if label:
            series.points[index].data_label.text_frame.text = label


def _style_donut(chart: Any, spec: ChartSpec) -> None:
    plot = chart.plots[0]
    plot.vary_by_categories = True
    series = plot.series[0]
    for i in range(len(spec.categories)):
        fill = series.points[i].format.fill
        fill.solid()
        fill.fore_color.rgb = RGBColor.from_string(PALETTE[i % len(PALETTE)])
    _data_labels(series, spec.series[0], spec, inside=True)
    series.data_labels.show_percentage = True  # each part's share beside its value
    hole = chart._chartSpace.xpath(".//c:holeSize")
    if hole:
        hole[0].set("val", "55")

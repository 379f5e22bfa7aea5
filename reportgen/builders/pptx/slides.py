"""One function per kind of slide; the DeckWriter holds what they share.

Every text goes through ``fit_text`` (shrink, then cut with "…" — the full text is in the
speaker notes) and every shape is placed inside an area of the template's layout, so
nothing leaves the slide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportgen.builders.pptx import template as tpl
from reportgen.builders.pptx.charts import add_native_chart, chart_title, is_native
from reportgen.builders.pptx.kpis import PER_SLIDE, card, kpi_cards
from reportgen.builders.pptx.notes import notes_text, ref_marks, refs_of, set_notes
from reportgen.builders.pptx.tables import add_table, layout_table
from reportgen.builders.pptx.text import Measure, Style, Typefaces, fit_text, write_runs
from reportgen.charts.spec import ChartSpec
from reportgen.report.figtext import FLAG_MARK
from reportgen.report.model import Report, Section, Table

PRIMARY, GRAY, BODY = "1F4E79", "595959", "262626"
# (placeholder role → largest, smallest font size in pt)
SIZES = {"title": (28, 18), "cover": (40, 24), "subtitle": (22, 14), "meta": (16, 11),
         "text": (20, 12), "note": (10, 8), "sources": (18, 11)}


@dataclass
class DeckWriter:
    prs: Any
    report: Report
    faces: Typefaces
    measure: Measure

    def new_slide(self, layout: str, title: str, role: str = "title") -> Any:
        slide = self.prs.slides.add_slide(tpl.find_layout(self.prs, layout))
        self.fill(slide, "Title", [title], role, bold=True, color=PRIMARY)
        tpl.add_slide_number(slide)
        return slide

    def fill(self, slide: Any, name: str, paragraphs: Sequence[str], role: str, *,
             bold: bool = False, color: str = BODY) -> None:
        """Fit ``paragraphs`` into placeholder ``name``; remove it when there is no text."""
        shape = tpl.slide_placeholder(slide, name)
        if shape is None:
            return
        texts = [p for p in paragraphs if p]
        if not texts:
            shape._element.getparent().remove(shape._element)
            return
        largest, smallest = SIZES[role]
        fit = fit_text(texts, int(shape.width), int(shape.height), max_pt=largest,
                       min_pt=smallest, measure=self.measure)
        style = Style(fit.size_pt, bold=bold, color=color)
        write_runs(shape.text_frame, [[(t, style)] for t in fit.paragraphs], self.faces)

    def notes(self, slide: Any, narrative: Sequence[str], refs: Sequence[int]) -> None:
        set_notes(slide, notes_text(narrative, self.report, refs), self.faces)


def title_slide(w: DeckWriter) -> None:
    r = w.report
    slide = w.prs.slides.add_slide(tpl.find_layout(w.prs, "title"))
    w.fill(slide, "Title", [r.title], "cover", bold=True, color=PRIMARY)
    w.fill(slide, "Subtitle", [r.subtitle], "subtitle", color=GRAY)
    meta = [f"数据期间：{r.period_label}" if r.period_label else "", f"编制：{r.issuer}",
            f"资料截至：{r.date_text}" if r.date_text else ""]
    w.fill(slide, "Meta", [m for m in meta if m], "meta", color=GRAY)
    titles = [f"{s.publisher}《{s.title}》（{s.date}）" for s in r.sources]
    w.notes(slide, [r.title, r.subtitle, f"{r.region.name}，{r.period_label}。",
                    f"编制：{r.issuer}；资料截至{r.date_text}。",
                    *(["资料来源：", *titles] if titles else [])],
            ())


def section_slides(w: DeckWriter, section: Section) -> None:
    """The section's story: one message per slide, titled by what it says (the section's
    takeaway, then each further chart's); its tables go to the appendix (``table_slides``).
    A section with nothing to say but a table gets no slide here."""
    refs = refs_of(section)
    narrative = [p.text for p in section.paragraphs]
    key = list(section.key_sentences) or narrative[:1]
    title = section.takeaway or section.title
    if not section.charts and key:
        slide = w.new_slide("section", title)
        w.fill(slide, "Text", key, "text")
        w.notes(slide, [section.title, *narrative], refs)
    for i, chart in enumerate(section.charts):
        text = key if i == 0 else [chart.note] if chart.note else []
        heading = title if i == 0 and key else chart_takeaway(chart)
        slide = chart_slide(w, heading, chart, text, refs)
        w.notes(slide, [section.title, *narrative] if i == 0 else
                [chart_title(chart), chart.note], refs)


def chart_takeaway(chart: ChartSpec) -> str:
    """A chart's message as a title: where a series ends, or which category leads.

    "脱贫人口（2018—2020年）：2020年为21300人", "各市贫困发生率：三门峡市最高，2.22%"."""
    series = chart.series[0] if chart.series else None
    if series is None or not series.labels:
        return chart.title
    points = [(c, label) for c, label, v in zip(chart.categories, series.labels, series.values,
                                                  strict=False) if v is not None and label]
    if not points:
        return chart.title
    unit = chart.unit
    if chart.kind in ("bar", "line", "grouped_bar", "stacked_bar") and len(chart.series) == 1:
        category, label = points[-1]
        if FLAG_MARK in label:  # a doubted figure never headlines a slide
            return chart.title
        return f"{chart.title}：{category}为{label}{unit}"
    if chart.kind == "hbar" and len(chart.series) == 1:
        values = [v for v in series.values if v is not None]
        top = max(values)
        index = series.values.index(top)
        if values.count(top) == 1 and FLAG_MARK not in series.labels[index]:
            return f"{chart.title}：{chart.categories[index]}最高，{series.labels[index]}{unit}"
    return chart.title


def summary_slide(w: DeckWriter, section: Section) -> None:
    """小结: the key messages, after the story and before the appendix."""
    if not section.paragraphs:
        return
    slide = w.new_slide("section", "小结：" + (section.takeaway or section.title))
    w.fill(slide, "Text", [p.text for p in section.paragraphs], "text")
    w.notes(slide, [p.text for p in section.paragraphs], refs_of(section))


def appendix_tables(w: DeckWriter, sections: Sequence[Section]) -> None:
    """附表: every section's table, after the main story."""
    for section in sections:
        for table in section.tables:
            table_slides(w, table, section, refs_of(section))


def _note_line(source_note: str, note: str, refs: Sequence[int]) -> str:
    parts = [t for t in (source_note, note) if t]
    if not parts and refs:
        parts.append("来源：见“数据来源”页")
    if refs:
        parts.append(ref_marks(refs))
    return " ".join(parts)


def chart_slide(w: DeckWriter, title: str, chart: ChartSpec, text: Sequence[str],
                refs: Sequence[int]) -> Any:
    slide = w.new_slide("chart-text", title)
    layout = slide.slide_layout
    box = tpl.area(layout, "Chart")
    if not [t for t in text if t]:  # no words beside it: the chart takes the text area too
        box = tpl.Box(box.left, box.top, tpl.area(layout, "Text").right - box.left, box.height)
    tpl.remove_placeholder(slide, "Chart")
    w.fill(slide, "Text", text, "text")
    w.fill(slide, "Note", [_note_line(chart.source_note, "", refs)], "note", color=GRAY)
    if is_native(chart):
        add_native_chart(slide, chart, box, w.faces)
    else:
        kpi_figure(w, slide, chart, box)
    return slide


def kpi_figure(w: DeckWriter, slide: Any, chart: ChartSpec, box: tpl.Box) -> None:
    """A "kpi" chart: one big figure with its unit and label, centred in the area."""
    series = chart.series[0] if chart.series else None
    number = ""
    if series and series.labels:
        number = series.labels[0]
    elif series and series.values and series.values[0] is not None:
        number = f"{series.values[0]:g}"
    label = chart.categories[0] if chart.categories else chart.title
    figure = tpl.Box(box.left + box.width // 6, box.top + box.height // 6,
                     box.width * 2 // 3, box.height * 2 // 3)
    card(slide, figure, w.faces, w.measure, number=number, unit=chart.unit, label=label,
         sub=chart.title if label != chart.title else "")


def kpi_slides(w: DeckWriter) -> None:
    """核心指标: the report's big numbers, at most eight per slide."""
    kpis = list(w.report.kpis)
    pages = [kpis[i:i + PER_SLIDE] for i in range(0, len(kpis), PER_SLIDE)]
    for i, page in enumerate(pages):
        slide = w.new_slide("big-numbers", "核心指标" + ("（续）" if i else ""))
        box = tpl.area(slide.slide_layout, "Numbers")
        tpl.remove_placeholder(slide, "Numbers")
        kpi_cards(slide, box, page, w.faces, w.measure)
        refs = list(dict.fromkeys(n for k in page for n in k.refs))
        w.fill(slide, "Note", [_note_line("", "", refs)], "note", color=GRAY)
        lines = [f"{k.label}：{k.number_text}{k.unit_text}（{k.period_label}）" for k in page]
        w.notes(slide, lines, refs)


def table_slides(w: DeckWriter, table: Table, section: Section, refs: Sequence[int]) -> None:
    probe_layout = tpl.find_layout(w.prs, "table")
    box = tpl.area(probe_layout, "Table")
    layout = layout_table(table, box, w.measure)
    count = len(layout.pages)
    for page in range(count):
        title = "附表：" + (table.title or section.title)
        if count > 1:
            title += f"（{page + 1}/{count}）"
        slide = w.new_slide("table", title)
        tpl.remove_placeholder(slide, "Table")
        add_table(slide, table, layout, page, box, w.faces)
        table_refs = table.refs or refs
        w.fill(slide, "Note", [_note_line(table.source_note, "", table_refs)], "note",
               color=GRAY)
        w.notes(slide, [table.title, *[p.text for p in section.paragraphs][:1]], table_refs)


def sources_slides(w: DeckWriter) -> None:
    """Numbered citations → their sources; paginated when they do not fit one slide."""
    lines = source_lines(w.report)
    if not lines:
        return
    chunks = _chunks(w, lines)
    for i, chunk in enumerate(chunks):
        title = "数据来源" + (f"（{i + 1}/{len(chunks)}）" if len(chunks) > 1 else "")
        slide = w.new_slide("sources", title)
        w.fill(slide, "Text", chunk, "sources")
        w.fill(slide, "Note", [], "note")
        checks = [f"数据核查提示：{f.reader_message()}" for f in w.report.checks]
        numbers = [c.number for c in w.report.citations]
        w.notes(slide, checks, numbers if i == len(chunks) - 1 else ())


def source_lines(report: Report) -> list[str]:
    """One line per source, with the citation numbers that point at it."""
    numbers: dict[str, list[int]] = {}
    for c in report.citations:
        numbers.setdefault(c.source.id, []).append(c.number)
    sources = {s.id: s for s in report.sources}
    sources.update({c.source.id: c.source for c in report.citations if c.source.id not in sources})
    lines = []
    for sid, src in sources.items():
        marks = ref_marks(numbers.get(sid, ()))
        lines.append(f"{marks} {src.publisher}《{src.title}》，{src.date}".strip())
    return lines


def _chunks(w: DeckWriter, lines: list[str]) -> list[list[str]]:
    box = tpl.area(tpl.find_layout(w.prs, "sources"), "Text")
    chunks: list[list[str]] = [[]]
    for line in lines:
        trial = [*chunks[-1], line]
        fit = fit_text(trial, box.width, box.height, max_pt=SIZES["sources"][1],
                       min_pt=SIZES["sources"][1], measure=w.measure)
        if chunks[-1] and fit.paragraphs != tuple(trial):
            chunks.append([line])
        else:
            chunks[-1] = trial
    return chunks

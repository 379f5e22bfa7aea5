"""One report section from its spec and the region's data.

A section holds the narrative the spec writes (sentences whose data is missing are
dropped), the spec's charts plus a yearly chart for every indicator with ≥2 yearly
figures, and a table of EVERY figure of its categories, so no curated number is left
out. A section whose categories have no data is left out entirely.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from reportgen.charts.spec import ChartSpec
from reportgen.data.model import Observation
from reportgen.report.chartbuild import ChartInput, spec_chart, yearly_chart
from reportgen.report.chartgrammar import change_runs, keeps_chart, printed_keys
from reportgen.report.citations import CitationBook, refs_text
from reportgen.report.editorial import lead_takeaway, vary_openings
from reportgen.report.figtext import figure_period, figure_run, opening_period
from reportgen.report.model import Paragraph, Run, Section, Table, runs_text
from reportgen.report.narrative import (
    Rendered,
    TextContext,
    quantity_text,
    render_paragraph,
)
from reportgen.report.query import Figure, RegionData
from reportgen.report.spec import SectionSpec

TABLE_COLUMNS = ("指标", "时期", "数值", "来源")
AUTO_SENTENCES = 4  # sentences written for a section the spec gives no text for
YEARLY_KINDS = ("bar", "line", "grouped_bar", "stacked_bar")


@dataclass(frozen=True)
class SectionInput:
    region_code: str
    data: RegionData
    ctx: TextContext
    book: CitationBook
    headline: frozenset[str] = frozenset()  # figures the KPIs print ("indicator@period")


def build_section(spec: SectionSpec, inp: SectionInput) -> Section | None:
    data = inp.data
    indicator_ids = [i for i in data.indicator_ids()
                     if data.dataset.indicators[i].category in spec.categories]
    ctx = replace(inp.ctx, default_selector=spec.period)
    rendered = [render_paragraph(p, ctx, data.select) for p in spec.paragraphs]
    rendered = [r for r in rendered if r]
    if not indicator_ids and not rendered:
        return None
    if not rendered:
        rendered = [auto_sentences(data, indicator_ids, ctx)]
    key = tuple(s.text for sentences in rendered for s in sentences if s.figures)
    changes = change_sentences(data, indicator_ids, ctx, rendered)
    rendered += [changes] if changes else []
    printed = printed_keys(f for sentences in rendered for s in sentences for f in s.figures)
    paragraphs = tuple(_paragraph(sentences, inp.book) for sentences in vary_openings(rendered))
    after_lead = tuple(_paragraph(sentences, inp.book)
                       for sentences in vary_openings(rendered[1:]))
    charts = tuple(c for c in _charts(spec, indicator_ids, inp)
                   if keeps_chart(c, printed | inp.headline))
    # a figure appears once per section: the table lists what the text and charts do not
    shown = printed | {p for c in charts for p in c.points}
    table = figure_table(f"{spec.title}其他数据", data, indicator_ids, inp.book, shown) \
        if spec.table and indicator_ids else None
    return Section(id=spec.id, title=spec.title, category="、".join(spec.categories),
                   paragraphs=paragraphs, after_lead=after_lead, charts=charts,
                   tables=(table,) if table and table.rows else (),
                   key_sentences=key[:spec.key_sentences],
                   takeaway=lead_takeaway(paragraphs))


def _paragraph(sentences: Sequence[Rendered], book: CitationBook) -> Paragraph:
    observations = [o for s in sentences for f in s.figures for o in f.observations]
    runs = tuple(r for s in sentences for r in (s.runs or (s.text,)))
    return Paragraph("".join(s.text for s in sentences), book.cite(observations), runs)


def auto_sentences(data: RegionData, indicator_ids: Sequence[str], ctx: TextContext
                   ) -> list[Rendered]:
    """Plain sentences for data the spec writes no text for: the latest figure of each."""
    out = []
    for indicator_id in indicator_ids[:AUTO_SENTENCES]:
        figure = data.select(indicator_id, "latest")
        if figure is not None:
            runs = figure_sentence(figure, ctx)
            out.append(Rendered(runs_text(runs), (figure,), runs))
    return out


def change_sentences(data: RegionData, indicator_ids: Sequence[str], ctx: TextContext,
                     rendered: Sequence[Sequence[Rendered]]) -> list[Rendered]:
    """A sentence for each series of exactly two points that the text does not already
    print both ends of: two points are a change, written, not drawn."""
    printed = printed_keys(f for sentences in rendered for s in sentences for f in s.figures)
    out = []
    for indicator_id in indicator_ids:
        series = data.yearly(indicator_id)
        if len({o.period.end.year for o in series}) != 2:
            continue
        first, latest = data.figure(series[0]), data.figure(series[-1])
        if printed_keys((first, latest)) <= printed:
            continue
        text = (quantity_text(first, ctx.decimals), quantity_text(latest, ctx.decimals))
        runs = change_runs(first, latest, ctx.scope, ctx.decimals, text)
        out.append(Rendered(runs_text(runs), (first, latest), runs))
    return out


def figure_sentence(figure: Figure, ctx: TextContext) -> tuple[Run, ...]:
    """"2020年，全市脱贫人口21300人。" / "截至2020年底，全市驻村工作队累计2060支。" """
    value = quantity_text(figure, ctx.decimals)
    name = figure.indicator.name
    scope = "" if figure.scope else ctx.scope
    total = "累计" if figure.period.kind == "cumulative" and figure.period_stated else ""
    return (f"{opening_period(figure)}，{scope}{name}{total}", figure_run(figure, value), "。")


def _charts(spec: SectionSpec, indicator_ids: Sequence[str], inp: SectionInput
            ) -> tuple[ChartSpec, ...]:
    charts: list[ChartSpec] = []
    covered: set[str] = set()

    def chart_input() -> ChartInput:
        return ChartInput(f"{inp.region_code}-{spec.id}-{len(charts) + 1}", inp.book,
                          inp.ctx.decimals)

    for chart in spec.charts:
        built = spec_chart(inp.data, chart, chart_input())
        if built is not None:
            charts.append(built)
            if chart.kind in YEARLY_KINDS:
                covered.update(chart.indicators)
    if spec.auto_charts:
        for indicator_id in indicator_ids:
            if indicator_id in covered or not inp.data.yearly(indicator_id):
                continue
            indicator = inp.data.dataset.indicators[indicator_id]
            kind = "line" if indicator.aggregate == "none" else "bar"
            built = yearly_chart(inp.data, [indicator_id], kind, "", chart_input())
            if built is not None:
                charts.append(built)
    return tuple(charts)


def figure_table(title: str, data: RegionData, indicator_ids: Sequence[str],
                 book: CitationBook, shown: set[str] | frozenset[str] = frozenset()) -> Table:
    """Every resolved figure of these indicators not ``shown`` elsewhere in the section
    ("indicator@period"): 指标, 时期, 数值, 来源 (citation marks)."""
    rows: list[tuple[str, str, str, str]] = []
    refs: list[int] = []
    observations: list[Observation] = []
    for indicator_id in indicator_ids:
        for obs in data.observations(indicator_id):
            figure = data.figure(obs)
            if printed_keys((figure,)) <= shown:
                continue
            cited = book.cite(figure.observations)
            rows.append(figure_row(figure, cited))
            refs.extend(r for r in cited if r not in refs)
            observations.extend(figure.observations)
    titles = dict.fromkeys(book.source(o.source_id).title for o in observations)
    return Table(title=title, columns=TABLE_COLUMNS, rows=tuple(rows), refs=tuple(refs),
                 source_note=f"来源：{'；'.join(titles)}")


def figure_row(figure: Figure, refs: Sequence[int]) -> tuple[str, str, str, str]:
    return (figure.indicator.name, figure_period(figure), quantity_text(figure, 2),
            refs_text(refs))

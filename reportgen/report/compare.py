"""The comparison section: the same indicators across the regions below this one.

An indicator is compared when at least ``min_regions`` regions below (cities and
county-level cities for the province) have a figure for it. Each region contributes the
figure the spec's ``period`` selector picks; when the periods differ, every bar and table
row says which period it is, so unlike periods are never passed off as like.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportgen.charts.spec import ChartSpec
from reportgen.data.model import Dataset, Observation, Region
from reportgen.data.periods import period_label
from reportgen.report.chartbuild import ChartInput, figures_chart
from reportgen.report.citations import CitationBook, refs_text
from reportgen.report.model import Paragraph, Section, Table
from reportgen.report.narrative import quantity_text, sentence_period
from reportgen.report.query import Figure, RegionData
from reportgen.report.spec import ComparisonSpec

COLUMNS = ("地区", "指标", "时期", "数值", "来源")
MAX_LISTED = 6  # a sentence lists at most this many regions


@dataclass(frozen=True)
class Compared:
    indicator_id: str
    rows: tuple[tuple[Region, Figure], ...]  # largest value first

    @property
    def same_period(self) -> bool:
        return len({f.period.text for _, f in self.rows}) == 1


def below(dataset: Dataset, code: str, max_regions: int = 20) -> list[RegionData]:
    """Data of the regions below this one that have any, in code order.

    Every level below (a province compares its cities and county-level cities), unless
    that makes more than ``max_regions``: then only the regions directly below.
    """
    out = [d for r in dataset.descendants(code) if not (d := RegionData(dataset, r.code)).is_empty]
    if len(out) > max_regions:
        out = [d for d in out if dataset.regions[d.region_code].parent_code == code]
    return sorted(out, key=lambda d: d.region_code)


def compared_indicators(spec: ComparisonSpec, regions: Sequence[RegionData]
                        ) -> list[Compared]:
    if not regions:
        return []
    dataset = regions[0].dataset
    wanted = spec.indicators or tuple(dataset.indicators)
    out = []
    for indicator_id in wanted:
        rows = [(dataset.regions[d.region_code], f) for d in regions
                if (f := d.select(indicator_id, spec.period)) is not None]
        if len(rows) >= spec.min_regions:
            rows.sort(key=lambda row: (-row[1].value, row[0].code))
            out.append(Compared(indicator_id, tuple(rows)))
    if not spec.indicators:  # most widely shared first, then those of one common period
        out.sort(key=lambda c: (-len(c.rows), not c.same_period))
    return out


def short_period(figure: Figure) -> str:
    """Period of a compared figure in brackets-safe form: "截至2021年底累计", "2020年"."""
    if figure.period.kind == "cumulative":
        return sentence_period(figure.period) + "累计"
    return period_label(figure.period)


def comparison_section(spec: ComparisonSpec, region_code: str, regions: Sequence[RegionData],
                       book: CitationBook, decimals: int = 2) -> Section | None:
    compared = compared_indicators(spec, regions)
    if not compared:
        return None
    shown = compared[:spec.max_charts]
    sentences = [(_sentence(c, decimals), book.cite(_observations(c))) for c in shown]
    paragraph = Paragraph("".join(s for s, _ in sentences),
                          tuple(dict.fromkeys(r for _, refs in sentences for r in refs)))
    charts: list[ChartSpec] = []
    for c in shown:
        chart = _chart(c, ChartInput(f"{region_code}-comparison-{len(charts) + 1}", book,
                                     decimals))
        if chart is not None:
            charts.append(chart)
    table = _table(compared, book, decimals)
    return Section(id="comparison", title=spec.title, category="各地对比",
                   paragraphs=(paragraph,), charts=tuple(charts), tables=(table,),
                   key_sentences=tuple(s for s, _ in sentences[:2]))


def _observations(c: Compared) -> list[Observation]:
    return [o for _, f in c.rows for o in f.observations]


def _sentence(c: Compared, decimals: int) -> str:
    """"驻村第一书记（截至2020年底）：平顶山市2614人，三门峡市399人。" """
    name = c.rows[0][1].indicator.name
    if len(c.rows) > MAX_LISTED:  # rows are largest first: name the ends, not every region
        (top, high), (bottom, low) = c.rows[0], c.rows[-1]
        span = f"（{short_period(high)}）" if c.same_period else ""

        def value(f: Figure) -> str:
            own = "" if c.same_period else f"（{short_period(f)}）"
            return quantity_text(f, decimals) + own

        return (f"{name}{span}：{len(c.rows)}个地区中{top.name}最高，为{value(high)}；"
                f"{bottom.name}最低，为{value(low)}。")
    if c.same_period:
        items = [f"{r.name}{quantity_text(f, decimals)}" for r, f in c.rows]
        return f"{name}（{short_period(c.rows[0][1])}）：{'，'.join(items)}。"
    items = [f"{r.name}{quantity_text(f, decimals)}（{short_period(f)}）"
             for r, f in c.rows]
    return f"{name}：{'，'.join(items)}。"


def _chart(c: Compared, inp: ChartInput) -> ChartSpec | None:
    figures = [f for _, f in c.rows]
    if c.same_period:
        names = [r.name for r, _ in c.rows]
        title = f"{figures[0].indicator.name}（{short_period(figures[0])}）"
    else:
        names = [f"{r.name}（{short_period(f)}）" for r, f in c.rows]
        title = f"{figures[0].indicator.name}（各地时期不同）"
    return figures_chart(figures, "hbar", title, inp, categories=names)


def _table(compared: Sequence[Compared], book: CitationBook, decimals: int) -> Table:
    rows: list[tuple[str, ...]] = []
    refs: list[int] = []
    titles: dict[str, None] = {}
    for c in compared:
        for region, figure in c.rows:
            cited = book.cite(figure.observations)
            rows.append((region.name, figure.indicator.name, period_label(figure.period),
                         quantity_text(figure, decimals), refs_text(cited)))
            refs.extend(r for r in cited if r not in refs)
            titles.update(dict.fromkeys(book.source(o.source_id).title
                                        for o in figure.observations))
    return Table(title="各地指标对比", columns=COLUMNS, rows=tuple(rows), refs=tuple(refs),
                 source_note=f"来源：{'；'.join(titles)}")

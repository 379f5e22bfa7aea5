"""The comparison section: the same indicators across the regions below this one.

An indicator is compared when at least ``min_regions`` regions below (cities and
county-level cities for the province) have a figure for it. Only *comparable* figures are
set side by side in the sentence and the chart: one period, stated by every source, for
the whole region (no narrower scope), of one region level, and not doubted by a data
check. The others are still listed in the table, each with the reason it is not compared
(不可比：时期不同 / 时期为推断 / 口径为… / 层级不同 / 数据存疑), so a reader never sets a
2019 county figure against a 2020 city total.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reportgen.charts.spec import ChartSpec
from reportgen.data.model import Dataset, Observation, Region
from reportgen.report.chartbuild import ChartInput, figures_chart
from reportgen.report.citations import CitationBook, refs_text
from reportgen.report.figtext import figure_period, opening_period
from reportgen.report.model import Paragraph, Section, Table
from reportgen.report.narrative import quantity_text
from reportgen.report.query import Figure, RegionData
from reportgen.report.spec import ComparisonSpec

COLUMNS = ("地区", "指标", "时期", "数值", "来源")
NOTED_COLUMNS = ("地区", "指标", "时期", "数值", "说明", "来源")
MAX_LISTED = 6  # a sentence lists at most this many regions
LEVEL_NAMES = {"province": "省级", "city": "市级", "county": "县级"}


@dataclass(frozen=True)
class Compared:
    indicator_id: str
    rows: tuple[tuple[Region, Figure], ...]  # comparable, largest value first
    others: tuple[tuple[Region, Figure, str], ...] = ()  # listed only, with the reason

    @property
    def same_period(self) -> bool:
        return len({f.period.text for _, f in self.rows}) <= 1

    @property
    def comparable(self) -> bool:
        return len(self.rows) >= 2


def split_comparable(rows: Sequence[tuple[Region, Figure]], parents: dict[str, str] | None = None
                     ) -> tuple[list[tuple[Region, Figure]], list[tuple[Region, Figure, str]]]:
    """The largest like-for-like group (period, level), and the rest with their reasons.

    ``parents`` names the region above each county-level region, so that its row says
    whose figure may already contain it (汝州市 under 平顶山市)."""
    parents = parents or {}
    sound = [(r, f) for r, f in rows if f.period_stated and not f.scope and not f.flagged]
    groups = Counter((f.period.text, r.level) for r, f in sound)
    if not groups or max(groups.values()) < 2:  # nothing to set side by side
        return [], [(r, f, _reason(r, f, None, parents)) for r, f in rows]
    best = max(groups, key=lambda k: (groups[k], _period_end(sound, k[0]), k[1] == "city"))
    chosen = [(r, f) for r, f in sound if (f.period.text, r.level) == best]
    listed = [(r, f, _reason(r, f, best, parents)) for r, f in rows if (r, f) not in chosen]
    return chosen, listed


def _period_end(rows: Sequence[tuple[Region, Figure]], text: str) -> object:
    return max(f.period.end for _, f in rows if f.period.text == text)


def _reason(region: Region, figure: Figure, best: tuple[str, str] | None,
            parents: dict[str, str]) -> str:
    reason = _first_reason(region, figure, best)
    parent = parents.get(region.parent_code or "")
    if region.level == "county" and parent and "县级" not in reason:
        reason += f"；县级地区，属{parent}"
    elif region.level == "county" and parent:
        reason += f"，属{parent}"
    return reason


def _first_reason(region: Region, figure: Figure, best: tuple[str, str] | None) -> str:
    if figure.flagged:
        return "不可比：数据存疑，见数据核查"
    if not figure.period_stated:
        if figure.period_phrase:  # the source's time words, but no date to compare by
            return f"不可比：原文时期不确切（“{figure.period_phrase}”）"
        return f"不可比：来源未写明时期（{figure_period(figure)}）"
    if figure.scope:
        return f"不可比：口径为{figure.scope}"
    if best is not None and region.level != best[1]:
        return f"不可比：{LEVEL_NAMES.get(region.level, region.level)}地区"
    if best is None:
        return "不可比：无同期、同层级的其他地区数据"
    return "不可比：时期不同"


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
            parents = {r.code: r.name for r in dataset.regions.values()}
            chosen, listed = split_comparable(rows, parents)
            chosen.sort(key=lambda row: (-row[1].value, row[0].code))
            listed.sort(key=lambda row: row[0].code)
            out.append(Compared(indicator_id, tuple(chosen), tuple(listed)))
    if not spec.indicators:  # most widely comparable first
        out.sort(key=lambda c: (-len(c.rows), -len(c.others)))
    return out


def short_period(figure: Figure) -> str:
    """Period of a compared figure in brackets-safe form: "截至2021年底累计", "2020年"."""
    if figure.period.kind == "cumulative" and figure.period_stated:
        return opening_period(figure) + "累计"
    return figure_period(figure)


def comparison_section(spec: ComparisonSpec, region_code: str, regions: Sequence[RegionData],
                       book: CitationBook, decimals: int = 2) -> Section | None:
    compared = compared_indicators(spec, regions)
    if not compared:
        return None
    shown = [c for c in compared if c.comparable][:spec.max_charts]
    sentences = [(_sentence(c, decimals), book.cite(_observations(c))) for c in shown]
    paragraphs = (Paragraph("".join(s for s, _ in sentences),
                            tuple(dict.fromkeys(r for _, refs in sentences for r in refs))),
                  ) if sentences else ()
    charts: list[ChartSpec] = []
    for c in shown:
        chart = _chart(c, ChartInput(f"{region_code}-comparison-{len(charts) + 1}", book,
                                     decimals))
        if chart is not None:
            charts.append(chart)
    table = _table(compared, book, decimals,
                   "各地指标对比" if shown else "各地指标一览（时期、口径或层级不同，未作比较）")
    return Section(id="comparison", title=spec.title, category="各地对比",
                   paragraphs=paragraphs, charts=tuple(charts), tables=(table,),
                   key_sentences=tuple(s for s, _ in sentences[:2]))


def _observations(c: Compared) -> list[Observation]:
    return [o for _, f in c.rows for o in f.observations]


def _all_rows(c: Compared) -> list[tuple[Region, Figure, str]]:
    return [(r, f, "") for r, f in c.rows] + list(c.others)


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


def _table(compared: Sequence[Compared], book: CitationBook, decimals: int, title: str
           ) -> Table:
    rows: list[tuple[str, ...]] = []
    refs: list[int] = []
    titles: dict[str, None] = {}
    for c in compared:
        for region, figure, note in _all_rows(c):
            cited = book.cite(figure.observations)
            rows.append((region.name, figure.indicator.name, figure_period(figure),
                         quantity_text(figure, decimals), note, refs_text(cited)))
            refs.extend(r for r in cited if r not in refs)
            titles.update(dict.fromkeys(book.source(o.source_id).title
                                        for o in figure.observations))
    if not any(row[4] for row in rows):  # all comparable: no 说明 column
        rows = [(*row[:4], row[5]) for row in rows]
    return Table(title=title, columns=NOTED_COLUMNS if len(rows[0]) == 6 else COLUMNS,
                 rows=tuple(rows), refs=tuple(refs),
                 source_note=f"来源：{'；'.join(titles)}")

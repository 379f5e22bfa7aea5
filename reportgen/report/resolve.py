"""A region's data + its report spec → the ``Report`` both builders render.

``report_inputs`` and ``buildable_regions`` are what the build planner calls for every
region on every run: they stay cheap and import nothing heavy (no matplotlib, reportlab,
python-pptx, pandas).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from reportgen.config import Project
from reportgen.data.findings import Finding, Severity
from reportgen.data.model import Dataset, Observation, Region
from reportgen.data.rulekit import period_words
from reportgen.errors import DataError, TemplateError
from reportgen.report.citations import CitationBook
from reportgen.report.compare import below, compared_indicators, comparison_section
from reportgen.report.editorial import fold_thin_sections, lift_key_messages
from reportgen.report.figtext import (
    figure_parts,
    figure_period,
    figure_run,
    is_earlier_state,
    is_summed,
)
from reportgen.report.model import Kpi, Report, Section
from reportgen.report.narrative import TextContext, quantity_text, render_plain
from reportgen.report.query import RegionData, Resolution
from reportgen.report.sections import SectionInput, build_section
from reportgen.report.spec import (
    KpiSpec,
    ReportSpec,
    SectionSpec,
    check_against,
    load_spec,
    spec_path,
)
from reportgen.text.numbers import format_quantity

MIN_OBSERVATIONS = 3  # a region needs this many figures of its own for a brief of its own
LEVEL_ORDER = {"province": 0, "city": 1, "county": 2}


def buildable_regions(dataset: Dataset, project: Project) -> list[str]:
    """Regions with at least MIN_OBSERVATIONS figures of their own: province, cities,
    then counties (county-level cities), each in code order."""
    counts: dict[str, int] = {}
    for obs in dataset.observations:
        if obs.indicator_id in dataset.indicators:
            counts[obs.region_code] = counts.get(obs.region_code, 0) + 1
    codes = [c for c, n in counts.items() if n >= MIN_OBSERVATIONS and c in dataset.regions]
    return sorted(codes, key=lambda c: (LEVEL_ORDER.get(dataset.regions[c].level, 9), c))


def spec_problems(dataset: Dataset, project: Project) -> list[str]:
    """Every problem of the specs the buildable regions use, checked against the data's
    indicators and categories (``validate`` reports them before any build)."""
    messages: list[str] = []
    checked: set[Path] = set()
    for code in buildable_regions(dataset, project):
        try:
            path = spec_path(project, dataset.regions[code])
            if path in checked:
                continue
            checked.add(path)
            check_against(load_spec(path), dataset)
        except TemplateError as exc:
            messages.append(str(exc))
    return messages


def spec_files(dataset: Dataset, project: Project, region_code: str) -> list[Path]:
    """The spec file this region's brief depends on (in the project or shipped defaults)."""
    return [spec_path(project, _region(dataset, region_code))]


def report_inputs(dataset: Dataset, project: Project, region_code: str) -> list[Observation]:
    """Exactly the observations the region's report may use."""
    return report_scope(dataset, project, region_code)[0]


def report_scope(dataset: Dataset, project: Project,
                 region_code: str) -> tuple[list[Observation], set[str]]:
    """The observations the report may use, and the regions whose warnings it lists.

    Its own rows; with a comparison section (the province) also the rows of the regions
    below for the indicators it compares, and the data checks of every region below. A
    spec that does not load counts as comparing everything (resolve_report then reports
    the spec error).
    """
    region = _region(dataset, region_code)
    try:
        comparison = load_spec(spec_path(project, region)).comparison
    except TemplateError:
        below_codes = {r.code for r in dataset.descendants(region_code)}
        rows = [o for o in dataset.observations if o.region_code in below_codes | {region_code}]
        return rows, below_codes | {region_code}
    own = [o for o in dataset.observations if o.region_code == region_code]
    if comparison is None:
        return own, {region_code}
    compared = {(region.code, c.indicator_id)
                for c in compared_indicators(comparison, below(dataset, region_code,
                                                                comparison.max_regions))
                for region, _ in [*c.rows, *((r, f) for r, f, _ in c.others)]}
    rows = own + [o for o in dataset.observations if (o.region_code, o.indicator_id) in compared]
    return rows, {region_code} | {r.code for r in dataset.descendants(region_code)}


def resolve_report(dataset: Dataset, project: Project, region_code: str) -> Report:
    region = _region(dataset, region_code)
    spec = load_spec(spec_path(project, region))
    check_against(spec, dataset)
    data = RegionData(dataset, region_code)
    if data.is_empty:
        raise DataError(f"{region.name} ({region_code}) has no observations to report",
                        hint="add rows for it to data/observations/ or leave it out of "
                             "--region / reportgen.toml 'regions'")
    book = CitationBook(dataset)
    ctx = TextContext(region.name, scope_word(region), decimals=project.config.decimals)
    kpis = _kpis(spec, data, book, ctx)
    headline = frozenset(f"{k.figure.indicator_id}@{k.figure.period}" for k in kpis if k.figure)
    sections, children = _sections(spec, data, book, ctx, headline), []
    if spec.comparison is not None:
        children = below(dataset, region_code, spec.comparison.max_regions)
        compared = comparison_section(spec.comparison, region_code, children, book,
                                      ctx.decimals)
        sections += [compared] if compared else []
    sections = fold_thin_sections(lift_key_messages(sections))
    return _assemble(region, spec, project, book, kpis, sections,
                     _checks(dataset, spec, region, [data, *children]))


def _region(dataset: Dataset, region_code: str) -> Region:
    if region_code not in dataset.regions:
        raise DataError(f"unknown region code {region_code!r}",
                        hint="use a code from data/regions.csv, e.g. 410400")
    return dataset.regions[region_code]


def scope_word(region: Region) -> str:
    """全省 / 全市 / 全县 / 全区 / 全旗: how the region calls itself in sentences."""
    if region.level == "province":
        return "全省"
    if region.level == "city":
        return "全市"
    for suffix in ("市", "区", "旗"):
        if region.name.endswith(suffix):
            return "全" + suffix
    return "全县"


def _kpis(spec: ReportSpec, data: RegionData, book: CitationBook, ctx: TextContext
          ) -> tuple[Kpi, ...]:
    """Headline figures. Never a headline: one a data check doubts (flagged), or an earlier
    state (a campaign's starting point would read as today's figure on a tile)."""
    kpis: list[Kpi] = []
    for kpi in spec.kpis or _headline_kpis(data):
        figure = data.select(kpi.indicator, kpi.period)
        if figure is None or figure.flagged or is_earlier_state(figure) \
                or len(kpis) >= spec.max_kpis:
            continue
        number, unit = figure_parts(figure, ctx.decimals)
        label = kpi.label or figure.indicator.name
        period = figure_period(figure)
        if "累计" in label and period.startswith("累计（"):  # "累计选派…", not 累计 twice
            period = period.removeprefix("累计（").removesuffix("）")
        if is_summed(figure):
            # our sum of the years, not a campaign total the source gives: say so on the
            # tile (2018—2020年合计), and drop a 累计 that would read as since-the-start
            label = label.removeprefix("累计") if len(label) > 3 else label
            period = f"{period}合计"
        kpis.append(Kpi(label=label + (f"（{figure.scope}）" if figure.scope else ""),
                        number_text=number, unit_text=unit, period_label=period,
                        refs=book.cite(figure.observations),
                        figure=figure_run(figure, number + unit)))
    return tuple(kpis)


def _headline_kpis(data: RegionData) -> tuple[KpiSpec, ...]:
    """A spec that names no KPIs: the indicators marked ``headline``, else the first
    indicator with data in each category (so any project's indicator list gets a lead)."""
    indicators = data.dataset.indicators
    with_data = [i for i in indicators if i in set(data.indicator_ids())]
    marked = [i for i in with_data if indicators[i].headline]
    if not marked:
        categories: set[str] = set()
        for i in with_data:
            if indicators[i].category not in categories:
                categories.add(indicators[i].category)
                marked.append(i)
    return tuple(KpiSpec(indicator=i, period=_kpi_period(indicators[i].aggregate))
                 for i in marked)


def _kpi_period(aggregate: str) -> str:
    # flows read best as their total over the period; stocks and rates as the latest value
    return "total" if aggregate == "sum" else "latest"


def _sections(spec: ReportSpec, data: RegionData, book: CitationBook, ctx: TextContext,
              headline: frozenset[str]) -> list[Section]:
    inp = SectionInput(data.region_code, data, ctx, book, headline)
    sections = [s for s in (build_section(sp, inp) for sp in spec.sections) if s]
    if spec.auto_sections:
        sections += [s for s in (build_section(sp, inp) for sp in _uncovered(spec, data)) if s]
    return sections


def _uncovered(spec: ReportSpec, data: RegionData) -> list[SectionSpec]:
    """A plain section for each category with data that no spec section covers."""
    covered = {c for s in spec.sections for c in s.categories}
    categories = list(dict.fromkeys(i.category for i in data.dataset.indicators.values()))
    has_data = {data.dataset.indicators[i].category for i in data.indicator_ids()}
    return [SectionSpec(id=f"category-{n + 1}", title=c, categories=(c,))
            for n, c in enumerate(categories) if c in has_data and c not in covered]


def _checks(dataset: Dataset, spec: ReportSpec, region: Region,
            datas: Iterable[RegionData]) -> tuple[Finding, ...]:
    codes = {region.code}
    if spec.comparison is not None:
        codes |= {r.code for r in dataset.descendants(region.code)}
    found = [f for f in dataset.warnings if codes & set(f.region_codes)]
    for data in datas:
        found += [resolution_finding(dataset, r) for r in data.resolutions]
    return tuple(found)


def resolution_finding(dataset: Dataset, resolution: Resolution) -> Finding:
    """The data-check entry that says which of two disagreeing figures the report uses."""
    chosen = resolution.chosen
    region = dataset.regions[chosen.region_code].name
    indicator = dataset.indicators[chosen.indicator_id]

    def described(obs: Observation) -> str:
        source = dataset.sources.get(obs.source_id)
        title = source.title if source else obs.source_id
        text = str(format_quantity(obs.value, indicator.unit))
        return f"{text}（{title}，{source.date if source else '日期不详'}）"

    others = "、".join(described(o) for o in resolution.rejected)
    location = chosen.location
    return Finding(
        Severity.WARNING, "conflict-resolved",
        f"{region} {indicator.name}（{period_words(chosen)}）有不一致的数值：采用"
        f"{described(chosen)}，未采用{others}。规则：同一时期有多个数值时，采用最新发布的来源。",
        hint="如未采用的数值才是正确的，请改正或删除有误的行",
        file=location.file if location else None, row=location.row if location else None,
        region_codes=(chosen.region_code,), indicator_ids=(chosen.indicator_id,))


def _assemble(region: Region, spec: ReportSpec, project: Project, book: CitationBook,
              kpis: tuple[Kpi, ...], sections: list[Section], checks: tuple[Finding, ...]
              ) -> Report:
    observations = book.observations()
    period = covered_period(observations, date_text(book))
    # The appendix says its checks' figures are marked ※ in the text: only checks of a
    # figure this brief prints belong there (the others are in the brief that prints it).
    cited = {(o.location.file, o.location.row) for o in observations if o.location}
    checks = tuple(f for f in checks if not f.marked_rows or cited & set(f.marked_rows))
    values = {"region": region.name, "scope": scope_word(region), "period": period}
    definitions = dict.fromkeys(o.indicator_id for o in observations)
    order = list(book.dataset.indicators)
    return Report(
        region=region, level=region.level,
        title=render_plain(spec.title, values), subtitle=render_plain(spec.subtitle, values),
        period_label=period, issuer=project.config.issuer,
        date_text=date_text(book), style=project.config.style,
        kpis=kpis, sections=tuple(sections), citations=book.citations(),
        sources=book.sources(),
        definitions=tuple(book.dataset.indicators[i]
                          for i in sorted(definitions, key=order.index)),
        checks=checks,
        keywords=(region.name, "脱贫攻坚", *dict.fromkeys(s.title for s in sections)))


def covered_period(observations: Iterable[Observation], reported: str = "") -> str:
    """The years the printed figures cover: "2016—2021年" when every figure states a
    calendar span; "截至2020年" when some are cumulative (their start is the campaign's)
    or leave their period open (五年来, 2014年以来), since no span would hold them all — a
    range would claim less than the brief prints; "据2020年报道" when no source states a
    period. A curator's inferred date only bounds the end, never opens a range."""
    starts, ends, open_ends = [], [], []
    for obs in observations:
        if obs.period_basis == "stated" and obs.period.kind != "cumulative":
            starts.append(obs.period.start.year)
            ends.append(obs.period.end.year)
        else:
            open_ends.append((obs.period.end.year, obs.period_basis == "stated"))
    if not starts and not any(stated for _, stated in open_ends):
        return f"据{reported}报道" if reported else ""
    if not open_ends:
        first, last = min(starts), max(ends)
        return f"{first}年" if first == last else f"{first}—{last}年"
    return f"截至{max(ends + [year for year, _ in open_ends])}年"


def date_text(book: CitationBook) -> str:
    """The latest publication date of the sources cited: "2021年", "2019年9月27日"."""
    from reportgen.report.query import source_rank

    sources = [s for s in book.sources() if s.date]
    if not sources:
        return ""
    parts = max(source_rank(s) for s in sources)
    units = ("年", "月", "日")
    return "".join(f"{p}{u}" for p, u in zip(parts, units, strict=False) if p)


__all__ = ["buildable_regions", "quantity_text", "report_inputs", "resolve_report",
           "spec_files"]

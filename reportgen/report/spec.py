"""Report specs (templates/brief-<level>.toml): load, validate, locate errors by line.

A spec says which KPIs, sections, sentences and charts a brief has; the data decides
which of them survive. Lookup order for a region: the project's
``templates/brief-<region code>.toml``, then ``templates/brief-<level>.toml``, then the
defaults shipped in ``reportgen/defaults/templates/``. Every problem is reported at once,
each as ``file:line: what is wrong``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen.config import Project
from reportgen.data.model import Dataset, Region
from reportgen.errors import TemplateError
from reportgen.paths import inside
from reportgen.report.narrative import check_template, placeholders
from reportgen.report.query import is_valid_selector
from reportgen.report.specfile import Locator, Problems, Where, check_table

DEFAULTS_DIR = Path(__file__).resolve().parent.parent / "defaults" / "templates"
CHART_KINDS = ("bar", "line", "grouped_bar", "hbar", "stacked_bar", "donut", "progress")
HINT = "see README.md, section 'Report specs', for the keys and placeholders"


@dataclass(frozen=True)
class KpiSpec:
    indicator: str
    period: str = "latest"
    label: str = ""
    line: int = 0


@dataclass(frozen=True)
class ChartDef:
    kind: str
    indicators: tuple[str, ...]
    title: str = ""
    period: str = "latest"
    whole: str = ""  # donut/stacked_bar: the total the parts belong to
    target: float | None = None  # progress: the goal a source sets (none: bars, no goal)
    line: int = 0


@dataclass(frozen=True)
class SectionSpec:
    id: str
    title: str
    categories: tuple[str, ...]
    period: str = "latest"
    paragraphs: tuple[tuple[str, ...], ...] = ()  # each: alternatives, first with data wins
    charts: tuple[ChartDef, ...] = ()
    key_sentences: int = 2
    auto_charts: bool = True
    table: bool = True
    line: int = 0


@dataclass(frozen=True)
class ComparisonSpec:
    title: str = "各地对比"
    indicators: tuple[str, ...] = ()  # empty: every indicator several regions share
    period: str = "auto"
    min_regions: int = 2
    max_charts: int = 6
    max_regions: int = 20  # more regions below than this: compare only the level directly below
    line: int = 0


@dataclass(frozen=True)
class ReportSpec:
    path: Path
    title: str = "{region}脱贫攻坚数据简报"
    subtitle: str = "主要指标与数据来源"
    max_kpis: int = 8
    kpis: tuple[KpiSpec, ...] = ()
    sections: tuple[SectionSpec, ...] = ()
    comparison: ComparisonSpec | None = None
    auto_sections: bool = True
    text: str = field(default="", repr=False, compare=False)  # file text, for error lines


_ROOT_KEYS = {"title": str, "subtitle": str, "max_kpis": int, "kpis": list,
              "sections": list, "comparison": dict, "auto_sections": bool}
_KPI_KEYS = {"indicator": str, "period": str, "label": str}
_SECTION_KEYS = {"id": str, "title": str, "categories": list, "period": str,
                 "paragraphs": list, "charts": list, "key_sentences": int,
                 "auto_charts": bool, "table": bool}
_CHART_KEYS = {"kind": str, "indicators": list, "title": str, "period": str,
               "whole": str, "target": float}
_COMPARISON_KEYS = {"title": str, "indicators": list, "period": str, "min_regions": int,
                    "max_regions": int,
                    "max_charts": int}
_REQUIRED = {"kpis": ("indicator",), "sections": ("id", "title"),
             "sections.charts": ("kind", "indicators")}
_TITLE_NAMES = ("region", "scope", "period")

_cache: dict[tuple[Path, int, int], ReportSpec] = {}


def spec_path(project: Project, region: Region) -> Path:
    """The spec file a region's brief uses (first of: code, level, shipped default)."""
    candidates = [project.templates_dir / f"brief-{region.code}.toml",
                  project.templates_dir / f"brief-{region.level}.toml",
                  DEFAULTS_DIR / f"brief-{region.level}.toml"]
    for path in candidates:
        if path.is_file():
            # the project's own spec is confirmed inside it: a link out is refused, not read
            return inside(project.root, path) if path.parent == project.templates_dir else path
    raise TemplateError(f"no report spec for {region.name} ({region.code}), level "
                        f"{region.level!r}",
                        hint=f"add templates/brief-{region.level}.toml ({HINT})")


def load_spec(path: Path) -> ReportSpec:
    """Parse and check a spec file (syntax, keys, kinds, placeholders); cached by mtime."""
    stat = path.stat()
    key = (path, stat.st_mtime_ns, stat.st_size)
    if key not in _cache:
        _cache[key] = _load(path)
    return _cache[key]


def _load(path: Path) -> ReportSpec:
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise TemplateError(f"{path.name}: not UTF-8 text ({exc.reason})",
                            hint="save the spec as UTF-8") from exc
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{path.name}: TOML syntax error: {exc}",
                            hint="fix the line named above; strings need \"quotes\"") from exc
    problems = Problems(path.name)
    spec = _build(path, text, data, problems)
    problems.raise_if_any(HINT)
    return spec


def _build(path: Path, text: str, data: dict[str, Any], problems: Problems) -> ReportSpec:
    loc = Locator(text)
    check_table(data, _ROOT_KEYS, (), loc, problems)
    for key in ("title", "subtitle"):
        if isinstance(data.get(key), str):
            _check_title(data[key], key, loc, problems)
    kpis = tuple(_kpi(item, n, loc, problems) for n, item in _items(data, "kpis", loc, problems))
    sections, chart_index = [], 0
    for n, item in _items(data, "sections", loc, problems):
        section = _section(item, n, chart_index, loc, problems)
        chart_index += len(item.get("charts", [])) if isinstance(item.get("charts"), list) else 0
        sections.append(section)
    _check_unique_ids(sections, loc, problems)
    comparison = None
    if isinstance(data.get("comparison"), dict):
        comparison = _comparison(data["comparison"], loc, problems)
    max_kpis = data.get("max_kpis", 8)
    if isinstance(max_kpis, int) and not 1 <= max_kpis <= 8:
        problems.add(loc.key_line((), "max_kpis"), "max_kpis must be between 1 and 8")
    return ReportSpec(path=path, title=data.get("title", ReportSpec.title),
                      subtitle=data.get("subtitle", ReportSpec.subtitle),
                      max_kpis=max_kpis if isinstance(max_kpis, int) else 8, kpis=kpis,
                      sections=tuple(sections), comparison=comparison,
                      auto_sections=bool(data.get("auto_sections", True)), text=text)


def _items(data: dict[str, Any], name: str, loc: Locator, problems: Problems
           ) -> list[tuple[int, dict[str, Any]]]:
    items = data.get(name, [])
    if not isinstance(items, list):
        return []
    good = []
    for n, item in enumerate(items):
        if isinstance(item, dict):
            good.append((n, item))
        else:
            problems.add(loc.key_line((), name), f"{name} must be [[{name}]] tables")
    return good


def _check_title(value: str, key: str, loc: Locator, problems: Problems) -> None:
    for message in check_template(value):
        problems.add(loc.key_line((), key), f"{key}: {message}")
    for ph in _safe_placeholders(value):
        if ph.name not in _TITLE_NAMES or ph.selector or ph.filter:
            problems.add(loc.needle_line((), ph.raw),
                         f"{key}: {ph.raw} is not allowed here (use {{region}}, {{scope}} "
                         "or {period})")


def _safe_placeholders(text: str) -> list[Any]:
    try:
        return placeholders(text)
    except ValueError:
        return []  # already reported by check_template


def _selector(value: Any, where: tuple[tuple[str, int], ...], loc: Locator,
              problems: Problems) -> str:
    if not isinstance(value, str):
        return "latest"
    if not is_valid_selector(value):
        problems.add(loc.key_line(where, "period"),
                     f"unknown period {value!r}: use latest, first, latest_year, first_year, "
                     "sum, total, auto or a period as written in the data (2019, 2018-12-31)")
    return value


def _kpi(item: dict[str, Any], n: int, loc: Locator, problems: Problems) -> KpiSpec:
    where = (("kpis", n),)
    check_table(item, _KPI_KEYS, where, loc, problems, _REQUIRED["kpis"])
    return KpiSpec(indicator=str(item.get("indicator", "")),
                   period=_selector(item.get("period", "latest"), where, loc, problems),
                   label=str(item.get("label", "")), line=loc.table_line(where))


def _section(item: dict[str, Any], n: int, chart_start: int, loc: Locator,
             problems: Problems) -> SectionSpec:
    where = (("sections", n),)
    check_table(item, _SECTION_KEYS, where, loc, problems, _REQUIRED["sections"])
    paragraphs = _paragraphs(item.get("paragraphs", []), where, loc, problems)
    charts = []
    for k, chart in enumerate(item.get("charts", [])):
        if isinstance(chart, dict):
            charts.append(_chart(chart, chart_start + k, loc, problems))
    title = str(item.get("title", ""))
    categories = tuple(str(c) for c in item.get("categories", [title]))
    key_sentences = item.get("key_sentences", 2)
    if isinstance(key_sentences, int) and not 0 <= key_sentences <= 3:
        problems.add(loc.key_line(where, "key_sentences"), "key_sentences must be 0 to 3")
    return SectionSpec(id=str(item.get("id", "")), title=title, categories=categories,
                       period=_selector(item.get("period", "latest"), where, loc, problems),
                       paragraphs=paragraphs, charts=tuple(charts),
                       key_sentences=key_sentences if isinstance(key_sentences, int) else 2,
                       auto_charts=bool(item.get("auto_charts", True)),
                       table=bool(item.get("table", True)), line=loc.table_line(where))


def _paragraphs(value: Any, where: Where, loc: Locator, problems: Problems
                ) -> tuple[tuple[str, ...], ...]:
    """Each paragraph is a string or a list of alternative strings."""
    out = []
    for entry in value if isinstance(value, list) else []:
        alternatives = [entry] if isinstance(entry, str) else entry
        if not isinstance(alternatives, list) or not alternatives or not all(
                isinstance(a, str) for a in alternatives):
            problems.add(loc.key_line(where, "paragraphs"),
                         "each paragraph must be a string or a list of alternative strings")
            continue
        for text in alternatives:
            for message in check_template(text):
                problems.add(loc.needle_line(where, text[:20]), message)
        out.append(tuple(alternatives))
    return tuple(out)


def _chart(item: dict[str, Any], index: int, loc: Locator, problems: Problems) -> ChartDef:
    where = (("sections.charts", index),)
    check_table(item, _CHART_KEYS, where, loc, problems, _REQUIRED["sections.charts"])
    kind = str(item.get("kind", ""))
    if kind and kind not in CHART_KINDS:
        problems.add(loc.key_line(where, "kind"),
                     f"unknown chart kind {kind!r} (known: {', '.join(CHART_KINDS)})")
    indicators = tuple(str(i) for i in item.get("indicators", []))
    if kind in ("bar", "line") and len(indicators) != 1:
        problems.add(loc.key_line(where, "indicators"),
                     f"a {kind} chart shows one indicator's yearly series; list exactly one")
    if kind in ("grouped_bar", "stacked_bar", "donut", "hbar", "progress") and not indicators:
        problems.add(loc.key_line(where, "indicators"), f"a {kind} chart needs indicators")
    target = item.get("target")
    return ChartDef(kind=kind, indicators=indicators, title=str(item.get("title", "")),
                    period=_selector(item.get("period", "latest"), where, loc, problems),
                    whole=str(item.get("whole", "")),
                    target=float(target) if isinstance(target, int | float) else None,
                    line=loc.table_line(where))


def _comparison(item: dict[str, Any], loc: Locator, problems: Problems) -> ComparisonSpec:
    where = (("comparison", 0),)
    check_table(item, _COMPARISON_KEYS, where, loc, problems)
    min_regions = item.get("min_regions", 2)
    if isinstance(min_regions, int) and min_regions < 2:
        problems.add(loc.key_line(where, "min_regions"), "min_regions must be at least 2")
    return ComparisonSpec(
        title=str(item.get("title", ComparisonSpec.title)),
        indicators=tuple(str(i) for i in item.get("indicators", [])),
        period=_selector(item.get("period", "auto"), where, loc, problems),
        min_regions=min_regions if isinstance(min_regions, int) else 2,
        max_charts=item.get("max_charts", 6) if isinstance(item.get("max_charts"), int) else 6,
        max_regions=_positive(item, "max_regions", 20),
        line=loc.table_line(where))


def _positive(item: dict[str, Any], key: str, default: int) -> int:
    value = item.get(key, default)
    return value if isinstance(value, int) and value > 0 else default


def _check_unique_ids(sections: list[SectionSpec], loc: Locator, problems: Problems) -> None:
    seen: set[str] = set()
    for n, section in enumerate(sections):
        if section.id and not section.id.replace("-", "").replace("_", "").isalnum():
            problems.add(loc.key_line((("sections", n),), "id"),
                         f"section id {section.id!r} must be ASCII letters, digits, - or _")
        elif section.id and not section.id.isascii():
            problems.add(loc.key_line((("sections", n),), "id"),
                         f"section id {section.id!r} must be ASCII")
        if section.id in seen:
            problems.add(loc.key_line((("sections", n),), "id"),
                         f"section id {section.id!r} is used twice")
        seen.add(section.id)


def check_against(spec: ReportSpec, dataset: Dataset) -> None:
    """Indicator ids and categories the spec names must exist in the indicator tables."""
    loc = Locator(spec.text)
    problems = Problems(spec.path.name)
    known = dataset.indicators
    categories = {i.category for i in known.values()}

    def need(indicator_id: str, where: tuple[tuple[str, int], ...]) -> None:
        if indicator_id not in known:
            problems.add(loc.needle_line(where, indicator_id),
                         f"unknown indicator {indicator_id!r}")

    for n, kpi in enumerate(spec.kpis):
        need(kpi.indicator, (("kpis", n),))
    chart_index = 0
    for n, section in enumerate(spec.sections):
        where = (("sections", n),)
        for category in section.categories:
            if category not in categories:
                problems.add(loc.needle_line(where, category),
                             f"unknown category {category!r} (known: "
                             f"{'、'.join(sorted(categories))})")
        for paragraph in (text for alts in section.paragraphs for text in alts):
            for ph in _safe_placeholders(paragraph):
                if not ph.is_special:
                    need(ph.name, where)
        for chart in section.charts:
            for indicator_id in (*chart.indicators, *([chart.whole] if chart.whole else [])):
                need(indicator_id, (("sections.charts", chart_index),))
            chart_index += 1
    if spec.comparison:
        for indicator_id in spec.comparison.indicators:
            need(indicator_id, (("comparison", 0),))
    problems.raise_if_any("add the indicator to data/indicators/*.csv or fix the id in the "
                          "spec")

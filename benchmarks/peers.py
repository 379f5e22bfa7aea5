"""The floor and the peer for one brief, in-process (benchmarks only).

Floor: the same resolved briefs laid out by reportlab with every chart already drawn (the
chart SVGs cached and loaded as Drawings beforehand): what is left is pure layout.
Peer: the same brief text, tables and chart images (the same SVGs) typeset by Typst
(the ``typst`` Python package), with the same font files.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from reportgen.builders.pdf import linebreak
from reportgen.builders.pdf.builder import (
    _memo,
    cache_renderer,
    doc_info,
    drawing_loader,
    render_pdf,
)
from reportgen.builders.pdf.sections import ChartContext
from reportgen.builders.pdf.styles import make_style
from reportgen.config import load_project
from reportgen.data.load import load_valid_dataset
from reportgen.fonts.registry import FontRegistry
from reportgen.pipeline.manifest import Manifest
from reportgen.pipeline.plan import plan_jobs
from reportgen.pipeline.worker import state_dir
from reportgen.report.model import Report
from reportgen.report.resolve import resolve_report


def briefs(project_dir: Path) -> tuple[list[Report], FontRegistry, Path]:
    project = load_project(project_dir)
    dataset = load_valid_dataset(project)
    registry = FontRegistry.load(project)
    jobs = plan_jobs(dataset, project, Manifest(), kinds=("pdf",), force=True,
                     fonts_digest=registry.fingerprint())
    reports = [resolve_report(dataset, project, job.region_code) for job in jobs]
    return reports, registry, state_dir(project) / "cache"


def floor_seconds(reports: list[Report], registry: FontRegistry, cache: Path,
                  runs: int) -> float:
    """Median seconds per brief for reportlab layout alone, charts pre-rendered."""
    linebreak.install()
    times = []
    for report in reports:
        style = make_style(report.style, registry.register_reportlab())
        info = doc_info(report, "benchmark")
        charts = ChartContext(_memo(cache_renderer(registry, cache)), drawing_loader(registry))
        render_pdf(report, style, info, charts)  # warm: every chart drawn and loaded
        for _ in range(runs):
            start = time.perf_counter()
            render_pdf(report, style, info, charts)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def typst_seconds(reports: list[Report], registry: FontRegistry, cache: Path, work: Path,
                  runs: int) -> float | None:
    """Median seconds per brief typeset by Typst; None when the package is missing."""
    try:
        import typst
    except ImportError:
        return None
    fonts = sorted({str(p.parent) for p in registry.files.values()})
    render = cache_renderer(registry, cache)
    times = []
    for n, report in enumerate(reports):
        source = work / f"brief-{n}.typ"
        source.write_text(typst_source(report, render, work, registry), encoding="utf-8")
        for _ in range(runs):
            start = time.perf_counter()
            typst.compile(str(source), output=str(work / f"brief-{n}.pdf"), root=str(work),
                          font_paths=fonts, ignore_system_fonts=True)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def _q(text: str) -> str:
    """A Typst string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def typst_source(report: Report, render: Any, work: Path, registry: FontRegistry) -> str:
    serif, sans = registry.families["serif"], registry.families["sans"]
    out = ['#set page(paper: "a4", margin: 25mm, numbering: "1")',
           f'#set text(font: {_q(serif)}, size: 10.5pt, lang: "zh")',
           f'#show heading: set text(font: {_q(sans)})',
           f'#align(center, text(size: 20pt, font: {_q(sans)}, weight: "bold", '
           f'{_q(report.title)}))',
           f"#align(center, {_q(report.subtitle)})"]
    if report.kpis:
        cells = ", ".join(_q(f"{k.label} {k.number_text}{k.unit_text}（{k.period_label}）")
                          for k in report.kpis)
        out.append(f"#table(columns: 2, {cells})")
    for section in report.sections:
        out.append(f"#heading(level: 1, {_q(section.title)})")
        out += [f"#par({_q(p.text)})" for p in section.paragraphs]
        for spec in section.charts:
            svg = Path(render(spec, 160.0, 83.2))
            (work / svg.name).write_bytes(svg.read_bytes())
            out.append(f'#image({_q(svg.name)}, width: 100%)')
        for table in section.tables:
            cells = ", ".join(_q(c) for row in (table.columns, *table.rows) for c in row)
            out.append(f"#figure(caption: {_q(table.title)}, "
                       f"table(columns: {len(table.columns)}, {cells}))")
    out.append(f"#heading(level: 1, {_q('数据来源')})")
    out += [f"#par({_q(f'[{c.number}] {c.source.title}：{c.quote}')})" for c in report.citations]
    return "\n".join(out) + "\n"


def chart_seconds(reports: list[Report], registry: FontRegistry, work: Path) -> float:
    """Median cold cost of one chart inside a brief: matplotlib SVG + Drawing in our fonts."""
    from reportgen.builders.pdf.charts import POINTS_PER_MM, chart_height_mm
    from reportgen.charts.render_mpl import render_svg
    from reportgen.charts.svg_drawing import svg_drawing

    specs = [spec for r in reports for s in r.sections for spec in s.charts]
    width = make_style(reports[0].style, registry.register_reportlab()).frame_width
    width_mm = width / POINTS_PER_MM
    render_svg(specs[0], registry)  # warm-up: imports, font registration
    times = []
    for n, spec in enumerate(specs):
        start = time.perf_counter()
        path = work / f"chart-{n}.svg"
        path.write_bytes(render_svg(spec, registry, width_mm=width_mm,
                                    height_mm=chart_height_mm(spec, width_mm)))
        svg_drawing(path, registry)
        times.append(time.perf_counter() - start)
    return statistics.median(times)

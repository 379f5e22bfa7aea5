"""PdfBuilder: a resolved Report → an A4 briefing PDF (reportlab; charts as Drawings).

The story is laid out once; the "共 Y 页" footers are filled in when the file is saved
(builders/pdf/pages.py:FooterCanvas). Charts are vector Drawings in the brief's own fonts
(builders/pdf/charts.py), loaded once per build. Same inputs ⇒ same bytes: reportlab
runs with ``invariant=1`` and a creation date taken from the report.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.doctemplate import LayoutError

from reportgen.builders.base import BuildContext
from reportgen.builders.pdf import linebreak
from reportgen.builders.pdf.appendix import appendices
from reportgen.builders.pdf.blocks import closing_block, kpi_panel, title_block
from reportgen.builders.pdf.charts import ChartRenderer, DrawingLoader
from reportgen.builders.pdf.gongwen import Masthead, banner, imprint
from reportgen.builders.pdf.pages import BriefDoc, DocInfo, canvas_maker, pdf_date
from reportgen.builders.pdf.sections import (
    ChartContext,
    Counters,
    has_content,
    section_flowables,
)
from reportgen.builders.pdf.styles import PdfStyle, make_style
from reportgen.charts.spec import ChartSpec
from reportgen.errors import BuildError
from reportgen.report.model import Report

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

    from reportgen.fonts.registry import FontRegistry

EMPTY_NOTE = "本期暂无可发布的指标数据。"


class PdfBuilder:
    kind = "pdf"
    suffix = ".pdf"

    def __init__(self, fonts: FontRegistry | None = None,
                 charts: ChartRenderer | None = None) -> None:
        """``fonts``/``charts`` default to the project's FontRegistry and chart cache."""
        self._fonts = fonts
        self._charts = charts

    def build(self, report: Report, context: BuildContext, dest: Path) -> None:
        linebreak.install()
        fonts, render = self._resolve(context, report.style)
        style = make_style(report.style,
                           fonts.register_reportlab(fonts.roles_for(report.style)))
        info = doc_info(report, context.project.config.author)
        charts = ChartContext(_memo(render), drawing_loader(fonts))
        head = Masthead.from_config(context.project.config, report)
        dest.write_bytes(render_pdf(report, style, info, charts, head))

    def _resolve(self, context: BuildContext,
                 style: str) -> tuple[FontRegistry, ChartRenderer]:
        from reportgen.fonts.registry import FontRegistry

        registry = self._fonts if self._fonts is not None else FontRegistry.load(context.project)
        charts = self._charts or cache_renderer(registry, context.cache_dir, style)
        return registry, charts


def cache_renderer(registry: FontRegistry, cache_dir: Path,
                   style: str = "modern") -> ChartRenderer:
    """Chart SVGs in the colours of ``style`` from the content-addressed cache (drawn by
    matplotlib on a miss)."""
    from reportgen.charts.cache import cached_chart

    def render(spec: ChartSpec, width_mm: float, height_mm: float) -> Path:
        return cached_chart(spec, "svg", registry, cache_dir, style, width_mm=width_mm,
                            height_mm=height_mm)

    return render


def drawing_loader(registry: FontRegistry) -> DrawingLoader:
    """SVG file → Drawing in the registered fonts, each file read once per build."""
    from reportgen.charts.svg_drawing import svg_drawing

    seen: dict[Path, Drawing] = {}

    def load(path: Path) -> Drawing:
        if path not in seen:
            seen[path] = svg_drawing(path, registry)
        return seen[path]

    return load


def _memo(render: ChartRenderer) -> ChartRenderer:
    """Each chart is rendered once per build, however often the story asks for it."""
    seen: dict[tuple[str, float, float], Path] = {}

    def cached(spec: ChartSpec, width_mm: float, height_mm: float) -> Path:
        key = (spec.fingerprint(), round(width_mm, 3), round(height_mm, 3))
        if key not in seen:
            seen[key] = render(spec, width_mm, height_mm)
        return seen[key]

    return cached


def doc_info(report: Report, author: str) -> DocInfo:
    subject = report.subtitle or f"{report.region.name}{report.period_label}数据简报"
    keywords = tuple(dict.fromkeys([report.region.name, *report.keywords]))
    return DocInfo(title=report.title, author=author, subject=subject, keywords=keywords,
                   creator="reportgen", date=pdf_date(report.date_text))


def render_pdf(report: Report, style: PdfStyle, info: DocInfo, charts: ChartContext,
               head: Masthead | None = None) -> bytes:
    """The finished PDF as bytes (fonts must already be registered in ``style``).

    ``head``: the 简报 版头/版记 of the gongwen style (default: from the default config).
    """
    if head is None:
        from reportgen.config import Config

        head = Masthead.from_config(Config(), report)
    out = io.BytesIO()
    doc = BriefDoc(out, style, info)
    try:
        doc.build(story(report, style, charts, head), canvasmaker=canvas_maker(info.date))
    except LayoutError as exc:
        raise BuildError(f"report {report.title!r}: a block does not fit on a page: {exc}",
                         hint="shorten the table or text in the report spec") from exc
    return out.getvalue()


def story(report: Report, style: PdfStyle, charts: ChartContext,
          head: Masthead | None = None) -> list[Flowable]:
    counters = Counters()
    gongwen = style.name == "gongwen" and head is not None
    out = banner(head, style) if gongwen and head else []
    out += title_block(report, style)
    if report.kpis:
        out += kpi_panel(report, style, f"{counters.next_heading()}、核心指标")
    for section in report.sections:
        out += section_flowables(section, style, counters, charts)
    if not report.kpis and not any(has_content(s) for s in report.sections):
        out.append(Paragraph(EMPTY_NOTE, style.para["empty"]))
    out += appendices(report, style, closing_block(report, style))
    if gongwen and head:
        out += imprint(head, style)
    return out

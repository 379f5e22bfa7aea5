"""PptxBuilder: a Report → a 16:9 deck from templates/deck.pptx, byte-reproducible.

Slides: title; 核心指标 (big numbers); per section its main chart with one or two key
sentences, one slide per further chart, its tables (paginated); 数据来源. Speaker
notes on every slide carry the narrative and the sources (title, quote) of its figures.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from reportgen.builders.base import BuildContext
from reportgen.builders.pptx import slides
from reportgen.builders.pptx.repro import normalize_zip, report_datetime, set_core_properties
from reportgen.builders.pptx.template import open_template, template_path
from reportgen.builders.pptx.text import (
    Measure,
    Typefaces,
    apply_typefaces,
    font_measure,
    heuristic_measure,
)
from reportgen.config import Project
from reportgen.errors import FontError
from reportgen.report.editorial import KEY_SECTION_ID
from reportgen.report.model import Report


class PptxBuilder:
    kind = "pptx"
    suffix = ".pptx"

    def build(self, report: Report, context: BuildContext, dest: Path) -> None:
        """Write the deck to ``dest`` (the driver renames it into place)."""
        dest.write_bytes(render_deck(report, context.project))  # OSError: see atomic_target


def render_deck(report: Report, project: Project) -> bytes:
    """The deck's bytes: same Report and project ⇒ same bytes."""
    prs = open_template(template_path(project.templates_dir))
    writer = slides.DeckWriter(prs, report, typefaces(project), measure_for(project))
    slides.title_slide(writer)
    if report.kpis:
        slides.kpi_slides(writer)
    story = [s for s in report.sections if s.id != KEY_SECTION_ID]
    for section in story:
        slides.section_slides(writer, section)
    for section in report.sections:
        if section.id == KEY_SECTION_ID:
            slides.summary_slide(writer, section)
    slides.appendix_tables(writer, story)
    slides.sources_slides(writer)
    for slide in prs.slides:  # safety net: no run without a:ea, whoever created it
        apply_typefaces(slide._element, writer.faces)
    when = report_datetime(report.date_text)
    set_core_properties(prs, title=report.title, author=project.config.author,
                        subject=f"{report.region.name} {report.period_label} {report.subtitle}",
                        keywords=report.keywords or (report.region.name,), when=when)
    buffer = io.BytesIO()
    prs.save(buffer)
    return normalize_zip(buffer.getvalue(), when)


def typefaces(project: Project) -> Typefaces:
    """The (latin, east-asian) names decks use: ``pptx_latin_font`` / ``pptx_ea_font``.

    Same as ``FontRegistry.pptx_typefaces``; read here without loading font files.
    """
    return Typefaces(project.config.pptx_latin_font, project.config.pptx_ea_font)


def measure_for(project: Project) -> Measure:
    """Advance widths of the shipped sans font; a conservative estimate without it."""
    try:
        from reportgen.fonts.registry import FontRegistry

        path = FontRegistry.load(project).path("sans")
    except (ImportError, FontError):
        return heuristic_measure
    return _cached_measure(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _cached_measure(path: str, mtime_ns: int) -> Measure:
    return font_measure(Path(path))

"""Speaker notes: the narrative behind a slide and where its figures come from."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from reportgen.builders.pptx.text import Typefaces, apply_typefaces
from reportgen.report.citations import refs_text
from reportgen.report.model import Citation, Report, Section


def refs_of(section: Section) -> tuple[int, ...]:
    """Every citation number a section's paragraphs and tables use, in order, once."""
    seen: dict[int, None] = {}
    for refs in [p.refs for p in section.paragraphs] + [t.refs for t in section.tables]:
        seen.update(dict.fromkeys(refs))
    return tuple(seen)


def ref_marks(refs: Iterable[int]) -> str:
    """Citation marks, runs of three or more collapsed: [1]–[8][10][12]."""
    return refs_text(refs)


def citation_line(citation: Citation) -> str:
    src = citation.source
    # data rows are for the table keepers: they are in output/citations.json, not the notes
    return f"[{citation.number}] {src.publisher}《{src.title}》（{src.date}）：{citation.shown}"


def sources_block(report: Report, refs: Iterable[int]) -> list[str]:
    by_number = {c.number: c for c in report.citations}
    lines = [citation_line(by_number[n]) for n in refs if n in by_number]
    return ["数据来源：", *lines] if lines else []


def notes_text(narrative: Sequence[str], report: Report, refs: Iterable[int]) -> str:
    parts = [t for t in narrative if t]
    sources = sources_block(report, refs)
    if parts and sources:
        parts.append("")
    return "\n".join(parts + sources) or report.title


def set_notes(slide: Any, text: str, faces: Typefaces) -> None:
    """Write the speaker notes (python-pptx splits paragraphs on newlines)."""
    notes = slide.notes_slide
    notes.notes_text_frame.text = text
    apply_typefaces(notes._element, faces)

"""Where a printed text is: the page of a PDF brief or the slide of a deck.

Text is compared with all white space removed (lines break anywhere in Chinese). The
figure's own text is looked for first, then the title of its section; a
text found nowhere gives 0. Imports pypdf / python-pptx only when called.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub("", text)


class Locator:
    """Page (PDF) or slide (PPTX) texts of output files, each file read once."""

    def __init__(self) -> None:
        self._pages: dict[Path, list[str]] = {}

    def find(self, path: Path, needles: list[str]) -> int:
        """1-based page or slide of the first needle found, 0 if none is."""
        pages = self._texts(path)
        for needle in (_norm(n) for n in needles):
            if len(needle) < 2:
                continue
            for number, text in enumerate(pages, start=1):
                if needle in text:
                    return number
        return 0

    def _texts(self, path: Path) -> list[str]:
        if path not in self._pages:
            reader = _READERS.get(path.suffix)
            try:
                self._pages[path] = [_norm(t) for t in reader(path)] if reader else []
            except Exception:  # an unreadable output only loses the page number
                self._pages[path] = []
        return self._pages[path]


def _pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(path).pages]


def _slide_texts(path: Path) -> list[str]:
    from pptx import Presentation

    out = []
    for slide in Presentation(str(path)).slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
            if getattr(shape, "has_chart", False) and shape.has_chart and shape.chart.has_title:
                parts.append(shape.chart.chart_title.text_frame.text)
        out.append("\n".join(parts))
    return out


_READERS: dict[str, Callable[[Path], list[str]]] = {".pdf": _pdf_pages, ".pptx": _slide_texts}


def needles(change: dict[str, str]) -> list[str]:
    """What to look for: the new text, its table cells run together, the section title."""
    text = change["new"] or change["old"]
    return [text, text.replace("｜", ""), change["section"]]

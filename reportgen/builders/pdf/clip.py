"""Text cut to a few lines of a column: a data-table cell or KPI label longer than the
page could hold (a 1,000-character indicator name) ends with "…" instead of failing the
layout. Measured with the cell's font; binary search, so any length is cut quickly."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

ELLIPSIS = "…"
SLACK = 0.8  # lines lose width at their ends (whole Latin words, 避头尾 punctuation)


def clip(text: str, style: ParagraphStyle, width: float, max_lines: int) -> str:
    """``text`` if it fits ``max_lines`` lines of ``width`` points, else its longest prefix
    that does, with "…"."""
    budget = max(width, style.fontSize) * max_lines * SLACK

    def fits(candidate: str) -> bool:
        return stringWidth(candidate, style.fontName, style.fontSize) <= budget

    if len(text) * style.fontSize * 0.2 <= budget or fits(text):
        return text
    low, high = 0, min(len(text), int(budget / (style.fontSize * 0.2)) + 1)
    while low < high:
        mid = (low + high + 1) // 2
        if fits(text[:mid] + ELLIPSIS):
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + ELLIPSIS

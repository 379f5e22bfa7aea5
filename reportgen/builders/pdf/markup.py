"""reportlab Paragraph markup from plain data strings.

Every data string goes through ``esc``: Paragraph text is markup, so ``x<y`` raises and
``A&B`` prints wrong otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

from reportgen.report.citations import ref_runs

_DIGITS = "零一二三四五六七八九"


def esc(text: str) -> str:
    """Escape a data string for Paragraph markup; newlines become line breaks."""
    return escape(text).replace("\n", "<br/>")


def refs_text(refs: Iterable[int]) -> str:
    """Citation numbers as "[1]", "[1,3]" or "[2–4]" (runs of three or more collapse)."""
    parts = [f"{a}–{b}" if b - a >= 2 else ",".join(str(n) for n in range(a, b + 1))
             for a, b in ref_runs(refs)]
    return "[" + ",".join(parts) + "]" if parts else ""


def refs_mark(refs: Iterable[int]) -> str:
    """Superscript citation mark markup (empty if no refs)."""
    text = refs_text(refs)
    # smaller than reportlab's default (size − 2 pt), which looks heavy at 16 pt gongwen body
    return f"<super size='65%' rise='40%'>{text}</super>" if text else ""


def with_refs(text: str, refs: Iterable[int]) -> str:
    """Escaped text with its citation mark after the last figure.

    The mark goes before a final full stop so it stays attached to the figure it cites
    and the line-breaker keeps them together.
    """
    mark = refs_mark(refs)
    body = esc(text)
    if mark and body and body[-1] in "。；！？":
        return body[:-1] + mark + body[-1]
    return body + mark


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (headings 一、 and （一）); n < 100."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")

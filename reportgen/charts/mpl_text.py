"""Chart text helpers: width estimates and Chinese line wrapping for labels and notes.

matplotlib does not wrap text, so long Chinese category names, titles and source lines are
wrapped here. Widths are in ems, read from the advance widths of the chart's font while a
chart is drawn (``use_font``): an estimate ran 2 pt past the type area on “——” and “”,
which CJK fonts draw a full em wide. Without a font: CJK, full-width and ambiguous-width
characters 1 em, others 0.6 em.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path

# No line may start with these (closing punctuation); none may end with the openers.
NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’…—·%％,.;:?!)]}")
NO_LINE_END = frozenset("（《「『【〔〈“‘([{")
# Runs that must stay whole: numbers with their decimal point/percent, Latin words.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%％/+\-]*|.", re.DOTALL)


_ADVANCES: list[dict[int, float]] = []  # em widths of the font being drawn with (a stack)


@cache
def font_advances(paths: tuple[Path, ...]) -> dict[int, float]:
    """Code point → advance width in ems, the widest of the given faces (regular, bold)."""
    from reportgen.fonts.files import font_advances as read_advances

    out: dict[int, float] = {}
    for path in paths:
        for cp, em in read_advances(path).items():
            out[cp] = max(out.get(cp, 0.0), em)
    return out


@contextmanager
def use_font(paths: Sequence[Path]) -> Iterator[None]:
    """Measure text with the real advance widths of ``paths`` inside the block."""
    _ADVANCES.append(font_advances(tuple(paths)))
    try:
        yield
    finally:
        _ADVANCES.pop()


def char_em(ch: str) -> float:
    if _ADVANCES and ord(ch) in _ADVANCES[-1]:
        return _ADVANCES[-1][ord(ch)]
    if unicodedata.east_asian_width(ch) in ("W", "F", "A"):
        return 1.0
    if ch == " ":
        return 0.3
    return 0.6


def text_em(text: str) -> float:
    """Width of the widest line, in ems."""
    return max((sum(char_em(c) for c in line) for line in text.split("\n")), default=0.0)


def wrap(text: str, max_em: float) -> list[str]:
    """Wrap to lines of at most ``max_em`` ems, obeying Chinese line-start/-end rules."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, max(max_em, 1.0)))
    return lines


def _wrap_paragraph(text: str, max_em: float) -> list[str]:
    lines: list[str] = []
    current: list[str] = []
    for token in _TOKEN.findall(text):
        if current and text_em("".join(current) + token) > max_em:
            head, current = _break_before(current, token)
            if head:
                lines.append("".join(head).rstrip())
                if token == " " and not current:
                    continue
        current.append(token)
    rest = "".join(current)
    if rest.strip() or not lines:
        lines.append(rest.rstrip())
    return lines


def _break_before(tokens: list[str], token: str) -> tuple[list[str], list[str]]:
    """Split ``tokens`` where a line may end before ``token`` follows: closing punctuation
    takes the token before it down with it (it never hangs past the width), an opening
    bracket at the end of the line moves down too. ``([], tokens)``: no break possible."""
    cut = len(tokens)
    nxt = token
    while cut > 0 and (nxt[0] in NO_LINE_START or tokens[cut - 1][-1] in NO_LINE_END):
        cut -= 1
        nxt = tokens[cut]
    return tokens[:cut], tokens[cut:]


def wrap_text(text: str, max_em: float) -> str:
    return "\n".join(wrap(text, max_em))

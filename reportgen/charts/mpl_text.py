"""Chart text helpers: width estimates and Chinese line wrapping for labels and notes.

matplotlib does not wrap text, so long Chinese category names, titles and source lines are
wrapped here. Widths are estimated in ems (CJK and full-width characters 1 em, others about
0.6 em), which is close for the shipped Noto-derived fonts and errs on the wide side.
"""

from __future__ import annotations

import re
import unicodedata

# No line may start with these (closing punctuation); none may end with the openers.
NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’…—·%％,.;:?!)]}")
NO_LINE_END = frozenset("（《「『【〔〈“‘([{")
# Runs that must stay whole: numbers with their decimal point/percent, Latin words.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%％/+\-]*|.", re.DOTALL)


def char_em(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in ("W", "F"):
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
    current, width = "", 0.0
    for token in _TOKEN.findall(text):
        w = text_em(token)
        if current and width + w > max_em and not _glued(current, token):
            current, carry = _move_opener(current)
            lines.append(current.rstrip())
            current, width = carry, text_em(carry)
            if token == " ":
                continue
        current += token
        width += w
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines


def _glued(current: str, token: str) -> bool:
    """Closing punctuation stays on the line before it (may overhang slightly)."""
    return token[0] in NO_LINE_START and not current.endswith("\n")


def _move_opener(line: str) -> tuple[str, str]:
    """An opening bracket at the end of a line moves to the next line."""
    carry = ""
    while line and line[-1] in NO_LINE_END:
        carry = line[-1] + carry
        line = line[:-1]
    return line, carry


def wrap_text(text: str, max_em: float) -> str:
    return "\n".join(wrap(text, max_em))

"""Chinese line breaking (避头尾) for reportlab's ``wordWrap='CJK'``.

reportlab's no-line-start list is Japanese-oriented: it lacks ，；：！？”’》…— and has
no rule against a line ending in “（《. ``install()`` extends the list and wraps
reportlab's CJK splitter so that, when a line would still start with closing
punctuation (two in a row: "。”") or end with opening punctuation, the line before it
is shortened and the characters move down together. Idempotent; process-wide.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib import textsplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph

# closing punctuation, full and half width, plus ellipsis/dash, percent and middle dots
CANNOT_START = (
    "，。、；：？！）》〉」』】〕］｝”’…—–～·・％‰℃"
    ",.;:?!)]}%"
)
# opening punctuation and prefix signs
CANNOT_END = "（《〈「『【〔［｛“‘(<[{￥$"

_MAX_ROUNDS = 40  # each round shortens one line by one run; paragraphs are short

_installed: dict[str, Any] = {}


def install() -> None:
    """Extend reportlab's tables and wrap its CJK splitter (once per process)."""
    if _installed:
        return
    extra = "".join(c for c in CANNOT_START if c not in textsplit.ALL_CANNOT_START)
    textsplit.ALL_CANNOT_START = textsplit.ALL_CANNOT_START + extra
    paragraph.ALL_CANNOT_START = textsplit.ALL_CANNOT_START  # imported by value there
    original = paragraph.cjkFragSplit
    _installed["split"] = original
    paragraph.cjkFragSplit = _wrap(original)


def _wrap(original: Callable[..., Any]) -> Callable[..., Any]:
    def split(frags: Any, maxWidths: Sequence[float], calcBounds: Any,  # noqa: N803
              encoding: str = "utf8") -> Any:
        widths = list(maxWidths)
        result = original(frags, widths, calcBounds, encoding)
        for _ in range(_MAX_ROUNDS):
            fix = _first_violation(result.lines, widths)
            if fix is None:
                break
            widths = fix
            result = original(frags, widths, calcBounds, encoding)
        return result

    return split


def _line_chars(line: Any) -> list[tuple[str, float]]:
    """(character, width) of one laid-out CJK line."""
    out: list[tuple[str, float]] = []
    for word in line.words:
        text = word.text if isinstance(word.text, str) else word.text.decode("utf8")
        for ch in text:
            out.append((ch, stringWidth(ch, word.fontName, word.fontSize)))
    return out


def _first_violation(lines: Sequence[Any], widths: list[float]) -> list[float] | None:
    """New max widths that push the offending characters down a line, or None if fine."""
    texts = [_line_chars(line) for line in lines]
    for k in range(1, len(texts)):
        prev, cur = texts[k - 1], texts[k]
        if not prev or not cur or getattr(lines[k - 1], "lineBreak", False):
            continue
        if cur[0][0] in CANNOT_START or prev[-1][0] in CANNOT_END:
            keep = _keep_count(prev)
            if keep <= 0:
                continue  # nothing can move: accept rather than loop
            new = list(widths) + [widths[-1]] * max(0, len(lines) + 1 - len(widths))
            # slightly more than the kept characters: the next one overflows and is pushed back
            new[k - 1] = sum(w for _, w in prev[:keep]) + 0.01
            return new
    return None


def _keep_count(prev: list[tuple[str, float]]) -> int:
    """How many characters of the previous line stay when its tail moves down.

    The tail is the last character plus any closing punctuation before it (they hang
    together with the character they follow) or opening punctuation at the end.
    """
    i = len(prev) - 1
    while i > 0 and prev[i][0] in CANNOT_START:
        i -= 1  # walk back over closing marks to the character they belong to
    while i > 0 and prev[i - 1][0] in CANNOT_END:
        i -= 1  # an opening mark stays with the character it opens
    return i


def line_starts(lines: Sequence[Any]) -> list[str]:
    """First character of each line after the first (for tests and checks)."""
    return [t[0][0] for t in (_line_chars(line) for line in lines[1:]) if t]


def line_ends(lines: Sequence[Any]) -> list[str]:
    """Last character of each line but the last."""
    return [t[-1][0] for t in (_line_chars(line) for line in lines[:-1]) if t]

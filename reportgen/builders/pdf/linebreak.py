"""Chinese line breaking (避头尾) for reportlab's ``wordWrap='CJK'``.

reportlab's no-line-start list is Japanese-oriented: it lacks ，；：！？”’》…— and has
no rule against a line ending in “（《. ``install()`` extends the list and wraps
reportlab's CJK splitter so that the line before is shortened and the characters move
down together when a line would

- start with closing punctuation (two in a row: "。”") or end with opening punctuation;
- run past its width: reportlab hangs a closing mark in the right margin, which puts
  text outside the type area (GB/T 9704 allows none);
- split a figure from its unit ("300多亿" / "元", "13.76万人" / "次").

Idempotent; process-wide.
"""

from __future__ import annotations

import re
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

_FUZZ = 0.01  # points a line may exceed its width (float noise)


def _figure_pattern() -> re.Pattern[str]:
    """A number with its qualifier, magnitude and unit: one unbreakable run."""
    from reportgen.data.units import ALIASES, CANONICAL_UNITS

    units = sorted({*CANONICAL_UNITS, *ALIASES, "个百分点", "‰"}, key=len, reverse=True)
    unit = "|".join(re.escape(u) for u in units if not u.isascii() or u == "%")
    return re.compile(r"\d[\d,.]*(?:[余多])?(?:千万|百万|十万|万|亿)?(?:[余多])?"
                      rf"(?:{unit})?(?:左右|以上)?")


FIGURE = _figure_pattern()

_MAX_ROUNDS = 80  # each round shortens one line by one run; paragraphs are short

_installed: dict[str, Any] = {}


def install() -> None:
    """Extend reportlab's tables and wrap its two CJK splitters (once per process)."""
    if _installed:
        return
    extra = "".join(c for c in CANNOT_START if c not in textsplit.ALL_CANNOT_START)
    textsplit.ALL_CANNOT_START = textsplit.ALL_CANNOT_START + extra
    paragraph.ALL_CANNOT_START = textsplit.ALL_CANNOT_START  # imported by value there
    _installed["frags"] = paragraph.cjkFragSplit
    _installed["word"] = paragraph.wordSplit
    paragraph.cjkFragSplit = _wrap_frag_split(paragraph.cjkFragSplit)
    # single-style paragraphs take this path; paragraph.py imported it by value
    paragraph.wordSplit = _wrap_word_split(paragraph.wordSplit)


# (character, width, glued): glued characters (superscript citation marks) never start a line
Chars = list[tuple[str, float, bool]]


def _wrap_frag_split(original: Callable[..., Any]) -> Callable[..., Any]:
    def split(frags: Any, maxWidths: Any, calcBounds: Any, encoding: str = "utf8") -> Any:
        def run(widths: list[float]) -> tuple[Any, list[Chars], list[bool]]:
            result = original(frags, widths, calcBounds, encoding)
            texts = [_frag_line_chars(line) for line in result.lines]
            breaks = [bool(getattr(line, "lineBreak", False)) for line in result.lines]
            return result, texts, breaks

        return _fix(run, maxWidths)

    return split


def _wrap_word_split(original: Callable[..., Any]) -> Callable[..., Any]:
    def split(word: Any, maxWidths: Any, fontName: str, fontSize: float,
              encoding: str = "utf8") -> Any:
        def run(widths: list[float]) -> tuple[Any, list[Chars], list[bool]]:
            result = original(word, widths, fontName, fontSize, encoding)
            texts = [[(ch, stringWidth(ch, fontName, fontSize), False) for ch in _text(line[1])]
                     for line in result]
            return result, texts, [False] * len(texts)

        return _fix(run, maxWidths)

    return split


def _fix(run: Callable[[list[float]], tuple[Any, list[Chars], list[bool]]],
         max_widths: Any) -> Any:
    """Re-split with a shorter line wherever a line would break a rule."""
    widths = list(max_widths) if isinstance(max_widths, list | tuple) else [max_widths]
    result, texts, breaks = run(widths)
    for _ in range(_MAX_ROUNDS):
        fixed = _first_violation(texts, breaks, widths)
        if fixed is None:
            break
        widths = fixed
        result, texts, breaks = run(widths)
    return result


def _text(value: Any) -> str:
    return value if isinstance(value, str) else bytes(value).decode("utf8")


def _frag_line_chars(line: Any) -> Chars:
    """(character, width, glued) of one laid-out CJK line."""
    return [(ch, stringWidth(ch, word.fontName, word.fontSize), bool(getattr(word, "rise", 0)))
            for word in line.words for ch in _text(word.text)]


def _first_violation(texts: Sequence[Chars], breaks: Sequence[bool],
                     widths: list[float]) -> list[float] | None:
    """New max widths that push the offending characters down a line, or None if fine."""
    for k in range(1, len(texts) + 1):
        prev, cur = texts[k - 1], texts[k] if k < len(texts) else []
        if not prev or (not cur and k < len(texts)):
            continue
        width = _width_at(widths, k - 1)
        if breaks[k - 1] or not cur:  # a forced break or the last line: width only
            too_wide = sum(c[1] for c in prev) > width + _FUZZ
            keep = _keep_count(prev) if too_wide else None
        else:
            keep = _violation_keep(prev, cur, width)
        if keep is None or keep <= 0:
            continue  # fine, or nothing can move: accept rather than loop
        new = widths + [widths[-1]] * max(0, len(texts) + 1 - len(widths))
        # a hair more than the kept characters: the next one overflows and moves down
        new[k - 1] = sum(c[1] for c in prev[:keep]) + _FUZZ
        return new
    return None


def _width_at(widths: Sequence[float], index: int) -> float:
    return widths[index] if index < len(widths) else widths[-1]


def _violation_keep(prev: Chars, cur: Chars, width: float) -> int | None:
    """How many characters of ``prev`` may stay on its line; None if the break is fine."""
    keep = len(prev)
    if (_cannot_start(cur[0]) or prev[-1][0] in CANNOT_END
            or sum(c[1] for c in prev) > width + _FUZZ):
        keep = _keep_count(prev)
    keep = min(keep, _figure_keep(prev, cur))
    return None if keep >= len(prev) else keep


def _figure_keep(prev: Chars, cur: Chars) -> int:
    """Where ``prev`` must end so that no figure is split across the two lines."""
    head = "".join(c[0] for c in prev)
    joined = head + "".join(c[0] for c in cur[:12])
    start = max(0, len(head) - 24)
    while start > 0 and (joined[start - 1].isdigit() or joined[start - 1] in ",."):
        start -= 1  # never start matching inside a number
    for match in FIGURE.finditer(joined, start):
        if match.start() < len(head) < match.end():
            keep = match.start()
            while keep > 0 and head[keep - 1] in CANNOT_END:
                keep -= 1  # an opening mark goes down with the figure it opens
            return keep
    return len(head)


def _keep_count(prev: Chars) -> int:
    """How many characters of the previous line stay when its tail moves down.

    The tail is the last character plus any closing punctuation before it (they hang
    together with the character they follow) or opening punctuation at the end.
    """
    i = len(prev) - 1
    while i > 0 and _cannot_start(prev[i]):
        i -= 1  # walk back over closing marks to the character they belong to
    while i > 0 and prev[i - 1][0] in CANNOT_END:
        i -= 1  # an opening mark stays with the character it opens
    return i


def _cannot_start(char: tuple[str, float, bool]) -> bool:
    return char[0] in CANNOT_START or char[2]


def line_starts(texts: Sequence[str]) -> list[str]:
    """First character of each line after the first (for tests and checks)."""
    return [t[0] for t in texts[1:] if t]


def line_ends(texts: Sequence[str]) -> list[str]:
    """Last character of each line but the last."""
    return [t[-1] for t in texts[:-1] if t]


def paragraph_lines(para: paragraph.Paragraph) -> list[str]:
    """The text of each line of a wrapped Paragraph (after ``wrap``)."""
    bl = para.blPara
    if bl.kind == 0:
        return ["".join(_text(w) for w in words) for _, words in bl.lines]
    return ["".join(c[0] for c in _frag_line_chars(line)) for line in bl.lines]

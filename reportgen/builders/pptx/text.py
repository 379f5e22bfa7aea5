"""Text on slides: East Asian typefaces on every run, and text that fits its box.

python-pptx's ``font.name`` writes only ``<a:latin>``; Chinese then renders in whatever
East Asian font the viewer picks, so every run gets both ``a:latin`` and ``a:ea``.
Fonts are not embedded in a deck and the viewer substitutes its own (微软雅黑 on Windows,
Noto Sans CJK on Linux), so we measure conservatively and shrink, never overflow.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree
from pptx.util import Emu, Pt

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_A = f"{{{A_NS}}}"
_PROPS = (_A + "rPr", _A + "defRPr", _A + "endParaRPr")
# Children of CT_TextCharacterProperties that must come after a:latin / a:ea (schema order).
_AFTER_LATIN = ("ea", "cs", "sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst")
_AFTER_EA = _AFTER_LATIN[1:]

LINE_HEIGHT = 1.5  # em per line: Noto Sans CJK's natural line is 1.45 em, 微软雅黑 1.32
WIDTH_SLACK = 1.06  # the viewer's font may be a little wider than the one we measure with
EMU_PER_PT = 12700
MIN_EM = 0.3  # no character the measures know is narrower (a space is 0.32 em)


@dataclass(frozen=True)
class Typefaces:
    latin: str
    ea: str


def _set_face(props: etree._Element, name: str, face: str, after: tuple[str, ...]) -> None:
    el = props.find(_A + name)
    if el is None:
        el = etree.SubElement(props, _A + name)
        successor = next((c for c in props if etree.QName(c).localname in after), None)
        if successor is not None:
            successor.addprevious(el)
    el.set("typeface", face)


def set_typefaces(props: etree._Element, faces: Typefaces) -> None:
    """Write ``a:latin`` and ``a:ea`` into one rPr/defRPr/endParaRPr, in schema order."""
    _set_face(props, "latin", faces.latin, _AFTER_LATIN)
    _set_face(props, "ea", faces.ea, _AFTER_EA)


def apply_typefaces(root: etree._Element, faces: Typefaces) -> None:
    """Give every run (``a:r``, ``a:fld``) under ``root`` an rPr with latin + ea typefaces."""
    for run in root.iter(_A + "r", _A + "fld"):
        if run.find(_A + "rPr") is None:
            run.insert(0, etree.Element(_A + "rPr"))
    for props in root.iter(*_PROPS):
        set_typefaces(props, faces)


# --- measuring -------------------------------------------------------------------------

Measure = Callable[[str], float]  # text → width in em


@lru_cache(maxsize=8192)
def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


@lru_cache(maxsize=8192)
def _heuristic_em(ch: str) -> float:
    """Advance width in em without a font file, on the wide side on purpose.

    A viewer without 微软雅黑 draws Latin text in its own sans font; LibreOffice on Linux
    picks DejaVu Sans, whose bold digits are 0.70 em (微软雅黑's are 0.55 em).
    """
    if _is_wide(ch):
        return 1.0
    if ch.isdigit():
        return 0.7
    if ch.isupper():
        return 0.76
    if ch.islower():
        return 0.62
    if ch == " ":
        return 0.32
    if ch in "%@&#":
        return 0.95
    return 0.5 if ch.isascii() else 1.0


def _autospace(text: str) -> float:
    """Viewers add about a quarter em between Chinese and Latin letters or digits."""
    return 0.25 * sum(1 for a, b in itertools.pairwise(text)
                      if _is_wide(a) != _is_wide(b) and not (a.isspace() or b.isspace()))


def heuristic_measure(text: str) -> float:
    return sum(_heuristic_em(ch) for ch in text) + _autospace(text)


def font_measure(path: Path) -> Measure:
    """Measure with a font file's advance widths (hmtx); unknown characters count as 1 em."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True, fontNumber=0) as font:
        upem = font["head"].unitsPerEm
        cmap = font.getBestCmap() or {}
        hmtx = font["hmtx"]
        widths = {cp: hmtx[name][0] / upem for cp, name in cmap.items() if cp < 0x10000}

    def measure(text: str) -> float:
        # never narrower than the heuristic: the viewer's font differs from ours
        return sum(max(widths.get(ord(ch), 1.0), _heuristic_em(ch)) for ch in text) + \
            _autospace(text)

    return measure


# --- line breaking ---------------------------------------------------------------------

# 避头: characters that may not start a line (they stay with the previous character).
NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’…—·%％,.;:?!)]}")
NO_LINE_END = frozenset("（《「『【〔〈“‘([{")


def _tokens(text: str) -> list[str]:
    """Break opportunities: each CJK character alone, Latin words and numbers kept whole."""
    tokens: list[str] = []
    for ch in text:
        glue = bool(tokens) and (
            ch in NO_LINE_START
            or tokens[-1][-1] in NO_LINE_END
            or (ch.isascii() and not ch.isspace() and tokens[-1][-1].isascii()
                and not tokens[-1][-1].isspace())
        )
        if glue:
            tokens[-1] += ch
        else:
            tokens.append(ch)
    return tokens


def wrap(text: str, width_em: float, measure: Measure = heuristic_measure) -> list[str]:
    """Greedy line breaking of one paragraph into lines no wider than ``width_em``."""
    lines: list[str] = []
    line, used = "", 0.0
    for token in _tokens(text):
        width = measure(token) + (_autospace(line[-1] + token[0]) if line else 0.0)
        if line and (used + width) * WIDTH_SLACK > width_em:
            lines.append(line.rstrip())
            line = token.lstrip()
            used = measure(line)
        else:
            line += token
            used += width
    lines.append(line.rstrip())
    return lines


@dataclass(frozen=True)
class Fit:
    size_pt: float
    paragraphs: tuple[str, ...]  # possibly shortened with "…" when even min size overflows
    lines: int


def _height_pt(paragraphs: Sequence[str], size: float, width_pt: float,
               measure: Measure, space_after: float) -> tuple[float, int]:
    lines = sum(len(wrap(p, width_pt / size, measure)) for p in paragraphs)
    return lines * size * LINE_HEIGHT + space_after * size * max(len(paragraphs) - 1, 0), lines


def fit_text(paragraphs: Sequence[str], width: int, height: int, *, max_pt: float,
             min_pt: float, measure: Measure = heuristic_measure,
             space_after: float = 0.4) -> Fit:
    """Largest font size (step 1 pt) at which the paragraphs fit the box (EMU, insets off).

    Below ``min_pt`` the text is cut with "…" rather than overflowing the slide; callers put
    the full text into the speaker notes.
    """
    width_pt, height_pt = width / EMU_PER_PT, height / EMU_PER_PT
    size = max_pt
    while True:
        need, lines = _height_pt(paragraphs, size, width_pt, measure, space_after)
        if need <= height_pt:
            return Fit(size, tuple(paragraphs), lines)
        if size - 1 < min_pt:
            break
        size -= 1
    return Fit(min_pt, _truncate(paragraphs, min_pt, width_pt, height_pt, measure, space_after),
               int(height_pt // (min_pt * LINE_HEIGHT)))


def _truncate(paragraphs: Sequence[str], size: float, width_pt: float, height_pt: float,
              measure: Measure, space_after: float) -> tuple[str, ...]:
    kept: list[str] = []
    for para in paragraphs:
        if _height_pt([*kept, para], size, width_pt, measure, space_after)[0] <= height_pt:
            kept.append(para)
            continue
        text = _longest_fitting(kept, para, size, width_pt, height_pt, measure, space_after)
        if text:
            kept.append(text + "…")
        break
    return tuple(kept)


def _longest_fitting(kept: Sequence[str], para: str, size: float, width_pt: float,
                     height_pt: float, measure: Measure, space_after: float) -> str:
    """The longest prefix of ``para`` that fits after ``kept`` with "…": a binary search
    over a prefix no longer than the box could ever hold, so time stays bounded
    (a character is at least ``MIN_EM`` wide) whatever the length of ``para``."""
    per_line = int(width_pt / size / MIN_EM) + 2
    lines = int(height_pt / (size * LINE_HEIGHT)) + 1
    low, high = 0, min(len(para), per_line * lines)
    while low < high:
        mid = (low + high + 1) // 2
        if _height_pt([*kept, para[:mid] + "…"], size, width_pt, measure,
                      space_after)[0] <= height_pt:
            low = mid
        else:
            high = mid - 1
    return para[:low]


# --- writing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    size_pt: float
    bold: bool = False
    color: str | None = None  # "RRGGBB"
    align: str | None = None  # "l" | "ctr" | "r"


def write_runs(text_frame: object, paragraphs: Sequence[Sequence[tuple[str, Style]]],
               faces: Typefaces, *, space_after: float = 0.4) -> None:
    """Replace the frame's text: one paragraph per item, each a list of (text, style) runs.

    Insets are zeroed and autofit switched off: the size was chosen by ``fit_text``.
    """
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN

    aligns = {"l": PP_ALIGN.LEFT, "ctr": PP_ALIGN.CENTER, "r": PP_ALIGN.RIGHT}
    tf = text_frame
    tf.clear()  # type: ignore[attr-defined]
    tf.word_wrap = True  # type: ignore[attr-defined]
    tf.auto_size = MSO_AUTO_SIZE.NONE  # type: ignore[attr-defined]
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(tf, side, Emu(0))
    for i, runs in enumerate(paragraphs):
        para = tf.paragraphs[0] if i == 0 else tf.add_paragraph()  # type: ignore[attr-defined]
        first = runs[0][1] if runs else Style(12)
        if first.align:
            para.alignment = aligns[first.align]
        para.space_after = Pt(first.size_pt * space_after)
        for text, style in runs:
            run = para.add_run()
            run.text = text
            run.font.size = Pt(style.size_pt)
            run.font.bold = style.bold
            if style.color:
                run.font.color.rgb = RGBColor.from_string(style.color)
    apply_typefaces(tf._txBody, faces)  # type: ignore[attr-defined]

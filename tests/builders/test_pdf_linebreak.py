"""Chinese line breaking in reportlab Paragraphs: no line starts with closing punctuation,
none ends with opening punctuation, citation marks stay with their figure, no text lost."""

from __future__ import annotations

import random

import pytest
from pdf_samples import NARRATIVE, load_fonts
from reportlab.lib import textsplit
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, paragraph

from reportgen.builders.pdf import linebreak

PUNCT = ["，", "。", "、", "；", "：", "？", "！", "）", "》", "”", "。”", "）。", "……", "——", "％"]
OPENERS = ["（", "《", "“"]
WORDS = ["脱贫攻坚", "贫困人口", "全部出列", "718.6万", "0.26%", "2020年", "A&amp;B"]


@pytest.fixture(scope="module")
def style() -> ParagraphStyle:
    linebreak.install()
    name = load_fonts().register_reportlab()["serif"]
    return ParagraphStyle("t", fontName=name, fontSize=10.5, leading=16, wordWrap="CJK")


def _text(rng: random.Random, n: int = 160) -> str:
    """Words with punctuation between them (pairs like "。”" and "……" included)."""
    out: list[str] = []
    for _ in range(n):
        r = rng.random()
        if r < 0.3 and out and out[-1] not in PUNCT:
            out.append(rng.choice(PUNCT))
        elif r < 0.36:
            out.append(rng.choice(OPENERS))
        else:
            out.append(rng.choice(WORDS))
    return "".join(out)


def _lines(markup: str, style: ParagraphStyle, width: float) -> list[str]:
    para = Paragraph(markup, style)
    para.wrap(width, 100_000)
    return linebreak.paragraph_lines(para)


def test_install_extends_both_reportlab_tables_once() -> None:
    linebreak.install()
    first = textsplit.ALL_CANNOT_START
    linebreak.install()
    assert textsplit.ALL_CANNOT_START == first == paragraph.ALL_CANNOT_START
    for ch in "，；：！？”’》…—":
        assert ch in first


@pytest.mark.parametrize("seed", range(6))
def test_no_line_starts_with_closing_or_ends_with_opening(style: ParagraphStyle,
                                                          seed: int) -> None:
    rng = random.Random(seed)
    for width in (95.0, 158.0, 222.5, 472.5):
        text = _text(rng)
        lines = _lines(text, style, width)
        assert len(lines) > 1
        starts = [c for c in linebreak.line_starts(lines) if c in linebreak.CANNOT_START]
        ends = [c for c in linebreak.line_ends(lines) if c in linebreak.CANNOT_END]
        assert starts == [] and ends == [], lines
        assert "".join(lines) == text.replace("&amp;", "&")  # nothing lost or doubled


def test_mixed_fonts_and_superscript_marks_follow_the_rules(style: ParagraphStyle) -> None:
    rng = random.Random(42)
    for width in range(90, 200, 7):
        text, bold = _text(rng, 60), _text(rng, 8)
        markup = f"{text}<b>{bold}</b><super>[12]</super>{text}"
        lines = _lines(markup, style, float(width))
        assert not [c for c in linebreak.line_starts(lines)
                    if c in linebreak.CANNOT_START or c == "["], lines
        assert "".join(lines) == (text + bold + "[12]" + text).replace("&amp;", "&")


def test_real_narrative_at_gongwen_width(style: ParagraphStyle) -> None:
    gongwen = ParagraphStyle("g", parent=style, fontSize=16, leading=29, firstLineIndent=32)
    lines = _lines(NARRATIVE, gongwen, 28 * 16)
    assert all(c not in linebreak.CANNOT_START for c in linebreak.line_starts(lines))
    # 28 characters of 16 pt; no punctuation hangs past the type area
    widths = [stringWidth(line, gongwen.fontName, 16) for line in lines]
    assert max(widths) <= 28 * 16 - 32 + 0.01 or max(widths[1:]) <= 28 * 16 + 0.01
    assert all(w <= 28 * 16 + 0.01 for w in widths[1:]) and len(lines) >= 5


@pytest.mark.parametrize("seed", range(4))
def test_no_line_runs_past_its_width(style: ParagraphStyle, seed: int) -> None:
    """reportlab hangs a closing mark in the margin; ours move down instead."""
    rng = random.Random(seed)
    for width in (95.0, 158.0, 222.5, 472.5):
        lines = _lines(_text(rng), style, width)
        assert max(stringWidth(line, style.fontName, style.fontSize) for line in lines) \
            <= width + 0.01, lines


@pytest.mark.parametrize("width", [float(w) for w in range(100, 260, 3)])
def test_a_figure_stays_with_its_unit(style: ParagraphStyle, width: float) -> None:
    text = "全省通过宅基地复垦券筹集资金300多亿元，选派驻村干部13.76万人次，覆盖率90%左右。"
    lines = _lines(text, style, width)
    joined = "|".join(lines)
    for figure in ("300多亿元", "13.76万人次", "90%左右"):
        assert figure in joined, lines
    assert "".join(lines) == text


def test_without_the_fix_reportlab_breaks_the_rules(style: ParagraphStyle) -> None:
    """Guard: the sample text really exercises the rules (the fix is not a no-op)."""
    rng = random.Random(7)
    splitter = linebreak._installed["frags"]
    texts = [_text(rng) for _ in range(20)]
    bad = 0
    for text in texts:
        para = Paragraph(text + "<b>。</b>", style)
        frags = para.frags
        lines = splitter(frags, [150.0], False).lines
        chars = [linebreak._frag_line_chars(line) for line in lines]
        bad += sum(1 for c in chars[1:] if c and c[0][0] in linebreak.CANNOT_START)
    assert bad > 0

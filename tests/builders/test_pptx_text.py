"""Typefaces on runs, Chinese line breaking, and text fitted to its box."""

from __future__ import annotations

from pathlib import Path

import matplotlib
from lxml import etree

from reportgen.builders.pptx.text import (
    EMU_PER_PT,
    Typefaces,
    apply_typefaces,
    fit_text,
    font_measure,
    heuristic_measure,
    wrap,
)

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
FACES = Typefaces("Microsoft YaHei", "微软雅黑")


def _p(xml: str) -> etree._Element:
    return etree.fromstring(f'<a:p xmlns:a="{A_NS}">{xml}</a:p>')


def _children(el: etree._Element) -> list[str]:
    return [etree.QName(c).localname for c in el]


def test_typefaces_go_in_schema_order_and_runs_get_an_rpr() -> None:
    p = _p('<a:r><a:t>无属性</a:t></a:r>'
           '<a:r><a:rPr><a:solidFill/><a:cs typeface="x"/><a:hlinkClick/></a:rPr><a:t>x</a:t>'
           '</a:r><a:endParaRPr/>')
    apply_typefaces(p, FACES)
    first, second = p.findall(f"{{{A_NS}}}r")
    assert _children(first.find(f"{{{A_NS}}}rPr")) == ["latin", "ea"]
    assert _children(second.find(f"{{{A_NS}}}rPr")) == [
        "solidFill", "latin", "ea", "cs", "hlinkClick"]
    assert _children(p.find(f"{{{A_NS}}}endParaRPr")) == ["latin", "ea"]
    apply_typefaces(p, Typefaces("Arial", "等线"))  # idempotent: replaces, never duplicates
    assert [e.get("typeface") for e in second.iter(f"{{{A_NS}}}ea")] == ["等线"]


def test_wrap_keeps_closing_punctuation_off_the_line_start() -> None:
    text = "实现718.6万建档立卡贫困人口全部脱贫，9536个贫困村全部出列。"
    for width in range(4, 30):
        lines = wrap(text, width)
        assert "".join(lines) == text
        for line in lines[1:]:
            assert line[0] not in "，。、；：？！）》”"
        assert all("718.6" in ln for ln in lines if "718" in ln)  # numbers are not split


def test_wrap_respects_the_width() -> None:
    lines = wrap("三年累计脱贫11.03万人，退出贫困村284个。", 8)
    assert len(lines) > 1
    assert all(heuristic_measure(ln) <= 8 + 1.0 for ln in lines)  # + one glued punctuation


def test_fit_text_keeps_the_largest_size_that_fits() -> None:
    box_w, box_h = 300 * EMU_PER_PT, 200 * EMU_PER_PT
    short = fit_text(["脱贫攻坚"], box_w, box_h, max_pt=28, min_pt=12)
    assert short.size_pt == 28
    long = fit_text(["全省脱贫攻坚取得决定性胜利，" * 6], box_w, box_h, max_pt=28, min_pt=12)
    assert 12 <= long.size_pt < 28
    assert long.paragraphs == ("全省脱贫攻坚取得决定性胜利，" * 6,)


def test_fit_text_cuts_with_ellipsis_rather_than_overflowing() -> None:
    fit = fit_text(["很长的叙述文字" * 40, "第二段"], 200 * EMU_PER_PT, 40 * EMU_PER_PT,
                   max_pt=20, min_pt=12)
    assert fit.size_pt == 12
    assert len(fit.paragraphs) == 1 and fit.paragraphs[0].endswith("…")
    lines = wrap(fit.paragraphs[0], 200 / 12)
    assert len(lines) * 12 * 1.5 <= 40


def test_font_measure_reads_advance_widths() -> None:
    dejavu = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    measure = font_measure(dejavu)
    assert measure("MMMM") > measure("iiii")
    assert measure("贫困") == 2.0  # not in the font: full width assumed
    assert measure("2020年") >= heuristic_measure("2020年") - 1e-9  # never narrower


def test_ref_marks_collapse_runs() -> None:
    from reportgen.builders.pptx.notes import ref_marks

    assert ref_marks([3, 1, 2, 5, 7, 8, 9, 10]) == "[1]–[3][5][7]–[10]"
    assert ref_marks([4, 5]) == "[4][5]"
    assert ref_marks([]) == ""

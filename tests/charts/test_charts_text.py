from __future__ import annotations

import pytest

from reportgen.charts.mpl_common import fit_labels, labels_of, values_of
from reportgen.charts.mpl_text import NO_LINE_START, text_em, wrap
from reportgen.charts.spec import Series
from reportgen.charts.theme import PALETTE, SIZES, suggested_height_mm


def test_text_em_counts_cjk_wide_and_latin_narrow() -> None:
    assert text_em("脱贫") == 2.0
    assert text_em("2020") == pytest.approx(2.4)
    assert text_em("甲乙\n丙") == 2.0  # widest line


def test_wrap_obeys_line_start_rules_and_keeps_numbers_whole() -> None:
    text = "全市累计脱贫人口达到22713人，贫困发生率降至0.26%。（截至2019年底）"
    lines = wrap(text, 6)
    assert "".join(lines) == text
    assert all(line[0] not in NO_LINE_START for line in lines[1:])
    assert any("22713" in line for line in lines)
    assert any("0.26%" in line for line in lines)
    assert all(not line.endswith("（") for line in lines)


def test_wrap_moves_an_opening_bracket_to_the_next_line() -> None:
    lines = wrap("甲乙丙丁（戊己）", 5)
    assert lines[0] == "甲乙丙丁"
    assert lines[1].startswith("（")


def test_fit_labels_shrinks_then_wraps_balanced() -> None:
    fitted = fit_labels(["危房改造和饮水安全"], room_pt=5 * SIZES.tick_pt, max_lines=3)
    assert fitted is not None
    pt, (label,) = fitted
    assert pt == SIZES.tick_pt
    assert label.split("\n") == ["危房改造和", "饮水安全"]  # not 8 + 1 orphan
    assert fit_labels(["很" * 60], room_pt=20, max_lines=2) is None


def test_labels_default_to_the_number_formatter_and_mark_missing() -> None:
    series = Series("x", (4.31, None, 2.0, float("nan")))
    assert values_of(series, 5) == [4.31, None, 2.0, None, None]
    assert labels_of(series, 4) == ["4.31", "—", "2", "—"]
    given = Series("x", (4.31, 3.0), ("4.31万", ""))
    assert labels_of(given, 2) == ["4.31万", "3"]


def test_theme_is_print_sized() -> None:
    assert len(set(PALETTE)) == len(PALETTE) >= 6
    assert SIZES.min_pt >= 6 and SIZES.note_pt >= SIZES.min_pt
    assert suggested_height_mm("kpi", 1) == SIZES.kpi_height_mm
    assert suggested_height_mm("hbar", 30) > suggested_height_mm("hbar", 5)


def test_wrap_never_hangs_closing_punctuation_past_the_width() -> None:
    lines = wrap("甲乙丙丁戊，己庚", 5)
    assert lines == ["甲乙丙", "丁戊，己庚"] or all(text_em(line) <= 5 for line in lines)
    assert all(text_em(line) <= 5 for line in lines)
    assert all(line[0] not in NO_LINE_START for line in lines)


def test_ambiguous_width_marks_count_a_full_em_without_a_font() -> None:
    assert text_em("——“”") == 4.0  # CJK fonts draw them full width

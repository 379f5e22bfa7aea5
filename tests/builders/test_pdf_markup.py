"""Paragraph markup from data strings: escaping, citation marks, Chinese ordinals."""

from __future__ import annotations

import pytest

from reportgen.builders.pdf.markup import cn_number, esc, refs_mark, refs_text, with_refs


def test_escape_makes_data_safe_markup() -> None:
    assert esc("x<y & A&B>") == "x&lt;y &amp; A&amp;B&gt;"
    assert esc("一行\n二行") == "一行<br/>二行"


@pytest.mark.parametrize(("refs", "text"), [
    ((), ""), ((3,), "[3]"), ((3, 1), "[1,3]"), ((1, 2), "[1,2]"), ((4, 2, 3), "[2–4]"),
    ((1, 2, 3, 7, 9, 10), "[1–3,7,9,10]"), ((5, 5), "[5]"),
])
def test_refs_text_sorts_dedupes_and_collapses_runs(refs: tuple[int, ...], text: str) -> None:
    assert refs_text(refs) == text


def test_refs_mark_is_superscript_or_nothing() -> None:
    assert refs_mark((2,)) == "<super size='65%' rise='40%'>[2]</super>"
    assert refs_mark(()) == ""


def test_mark_goes_before_final_full_stop_and_text_is_escaped() -> None:
    assert with_refs("比例<5%。", (1,)) == f"比例&lt;5%{refs_mark((1,))}。"
    assert with_refs("共53个", (2, 3)) == "共53个" + refs_mark((2, 3))
    assert "[2,3]</super>" in refs_mark((2, 3))
    assert with_refs("无引用。", ()) == "无引用。"


@pytest.mark.parametrize(("n", "text"), [
    (1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"),
])
def test_cn_number(n: int, text: str) -> None:
    assert cn_number(n) == text

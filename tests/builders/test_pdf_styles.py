"""PDF styles: GB/T 9704 geometry for gongwen, whole-character frames, font roles."""

from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from reportgen.builders.pdf.styles import make_style
from reportgen.errors import BuildError

FONTS = {"sans": "S", "serif": "R", "kai": "K"}


def test_gongwen_follows_gb_t_9704() -> None:
    st = make_style("gongwen", FONTS)
    width, height = A4
    top = height - st.bottom - st.frame_height
    assert (st.page_width, st.page_height) == (width, height)
    assert top == pytest.approx(37 * mm, abs=0.5)
    assert 27 * mm <= st.left <= 29 * mm  # binding margin 28 ± 1 mm
    assert st.frame_height == pytest.approx(225 * mm, abs=0.5)
    body = st.para["body"]
    assert body.fontSize == 16 and st.chars_per_line == 28
    assert st.frame_width == 28 * 16  # exactly 28 characters of 3号
    assert st.frame_height // body.leading == 22  # 22 lines
    assert st.para["title"].fontSize == 22
    assert st.para["h1"].fontName == "S" and st.para["h2"].fontName == "K"
    assert st.page_numbers == "dash" and not st.header


def test_modern_frame_is_a_whole_number_of_body_characters() -> None:
    st = make_style("modern", FONTS)
    size = st.para["body"].fontSize
    assert st.frame_width / size == st.chars_per_line
    assert st.left == pytest.approx((st.page_width - st.frame_width) / 2)
    assert st.header and st.page_numbers == "of-total"


def test_fangsong_role_is_used_for_gongwen_body_when_present() -> None:
    assert make_style("gongwen", {**FONTS, "fangsong": "F"}).para["body"].fontName == "F"
    assert make_style("gongwen", FONTS).para["body"].fontName == "R"


def test_missing_roles_fall_back_to_the_fonts_present() -> None:
    st = make_style("modern", {"sans": "S"})
    assert {p.fontName for p in st.para.values()} == {"S"}


def test_every_style_wraps_cjk() -> None:
    for name in ("modern", "gongwen"):
        assert {p.wordWrap for p in make_style(name, FONTS).para.values()} == {"CJK"}


@pytest.mark.parametrize(("name", "fonts"), [("fancy", FONTS), ("modern", {})])
def test_bad_style_or_no_fonts_is_a_build_error(name: str, fonts: dict[str, str]) -> None:
    with pytest.raises(BuildError) as info:
        make_style(name, fonts)
    assert info.value.hint

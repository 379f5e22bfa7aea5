"""Text templates → Chinese sentences."""

from __future__ import annotations

import pytest
from reportdata import PDS_EXITS, Row, make_dataset

from reportgen.report.narrative import (
    TextContext,
    check_template,
    parse_placeholder,
    render_paragraph,
    render_sentence,
    split_sentences,
)
from reportgen.report.query import RegionData

CITY = TextContext("平顶山市", "全市")


def lookup(rows: list[Row], code: str = "410400") -> RegionData:
    return RegionData(make_dataset(rows), code)


def test_the_brief_example_sentence() -> None:
    region = lookup(PDS_EXITS)
    out = render_sentence("{range}，全市累计脱贫{poverty_exit_households@total}"
                          "{poverty_exit_persons@total}", CITY, region.select)
    assert out is not None
    assert out.text == "2018—2020年，全市累计脱贫43091户110334人"
    assert len(out.figures) == 2


def test_missing_data_drops_the_sentence_and_the_optional_clause() -> None:
    region = lookup(PDS_EXITS)
    template = ("{period}，{scope}累计脱贫{poverty_exit_persons@total}[，退出贫困村"
                "{poor_villages_exited@total}]。{period}，{scope}贫困发生率{poverty_incidence}。")
    sentences = render_paragraph([template], CITY, region.select)
    assert [s.text for s in sentences] == ["2018—2020年，全市累计脱贫110334人。"]


def test_paragraph_alternatives_and_empty_paragraph() -> None:
    region = lookup(PDS_EXITS)
    alternatives = ["{period}，{scope}贫困发生率{poverty_incidence}。",
                    "{period}，{scope}脱贫{poverty_exit_persons@latest_year}。"]
    assert [s.text for s in render_paragraph(alternatives, CITY, region.select)] == [
        "2020年，全市脱贫21300人。"]
    assert render_paragraph(["数据暂缺。{poverty_incidence}"], CITY, region.select) == []
    # static text alone is not a paragraph
    assert render_paragraph(["脱贫攻坚取得决定性进展。"], CITY, region.select) == []


def test_figures_of_another_period_are_not_printed_under_the_sentence_period() -> None:
    rows = [("411200", "first_secretaries", "2019-09", "399", "人", "smx", "a"),
            ("411200", "village_work_teams", "2018-12-31", "30", "支", "smx", "b")]
    region = lookup(rows, "411200")
    out = render_sentence("{period}，{scope}选派驻村第一书记{first_secretaries}"
                          "[、驻村工作队{village_work_teams}]。", CITY, region.select)
    assert out is not None and out.text == "截至2019年9月，全市选派驻村第一书记399人。"


def test_period_filter_change_and_repeated_figure() -> None:
    rows = [("411200", "poverty_incidence", "2016-12-31", "8.5", "%", "smx", "a"),
            ("411200", "poverty_incidence", "2018-12-31", "2.22", "%", "smx", "b")]
    region = lookup(rows, "411200")
    out = render_sentence("{poverty_incidence|period}贫困发生率为{poverty_incidence}，比"
                          "{poverty_incidence@first|period}{poverty_incidence|change}。",
                          CITY, region.select)
    assert out is not None
    assert out.text == "截至2018年底贫困发生率为2.22%，比2016年底下降6.28个百分点。"
    single = lookup(rows[1:], "411200")
    # "由2.22%降至2.22%" never: first and latest are the same figure
    assert render_sentence("由{poverty_incidence@first}降至{poverty_incidence@latest}。",
                           CITY, single.select) is None


def test_cumulative_period_reads_as_jie_zhi() -> None:
    rows = [("410400", "first_secretaries", "cumulative:2021", "2614", "名", "pds", "q")]
    out = render_sentence("{period}，{scope}累计选派驻村第一书记{first_secretaries}。", CITY,
                          lookup(rows).select)
    assert out is not None and out.text == "截至2021年底，全市累计选派驻村第一书记2614人。"


def test_large_numbers_use_the_formatter() -> None:
    rows = [("410000", "poverty_exit_persons", "cumulative:2020", "718.6", "万人", "pds", "q")]
    out = render_sentence("{scope}累计脱贫{poverty_exit_persons@total}。",
                          TextContext("河南省", "全省"), lookup(rows, "410000").select)
    assert out is not None and out.text == "全省累计脱贫718.6万人。"


@pytest.mark.parametrize(("raw", "message"), [
    ("{poverty exit}", "is not of the form"),
    ("{x@newest}", "unknown period selector"),
    ("{x|upper}", "unknown filter"),
    ("{region@2019}", "takes no period"),
    ("{x@latest|change}", "always compares"),
])
def test_bad_placeholders(raw: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_placeholder(raw)


def test_check_template_finds_syntax_and_ascii_punctuation() -> None:
    assert check_template("{period}，{scope}脱贫{poverty_exit_persons}[，其中{x}]。") == []
    assert any("unbalanced" in p for p in check_template("脱贫{x。"))
    assert any("nested" in p for p in check_template("[a[b]c]"))
    assert any("full-width" in p for p in check_template("{period},{scope}脱贫{x}"))


def test_split_sentences_keeps_optional_clauses_whole() -> None:
    assert split_sentences("甲{a}[。乙]。丙{b}！丁") == ["甲{a}[。乙]。", "丙{b}！", "丁"]

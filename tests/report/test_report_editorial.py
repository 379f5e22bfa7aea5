"""Editorial rules: a period said once for consecutive sentences that share it."""

from __future__ import annotations

from reportdata import make_dataset

from reportgen.report.editorial import (
    KEY_SECTION_ID,
    fold_thin_sections,
    lead_takeaway,
    lift_key_messages,
    paragraph_takeaway,
    takeaway,
    vary_openings,
)
from reportgen.report.model import FigureRun, Paragraph, Section
from reportgen.report.narrative import TextContext, render_paragraph
from reportgen.report.query import RegionData

CTX = TextContext("平顶山市", "全市")
ROWS = [("410400", "village_work_teams", "2020", "2060", "支", "pds", "2060支"),
        ("410400", "first_secretaries", "2020", "2614", "人", "pds", "2614人"),
        ("410400", "poverty_exit_persons", "2019", "42196", "人", "pds", "42196人")]


def texts(*templates: str) -> list[str]:
    select = RegionData(make_dataset(ROWS), "410400").select
    paragraphs = [render_paragraph([t], CTX, select) for t in templates]
    return ["".join(s.text for s in p) for p in vary_openings(paragraphs)]


def test_consecutive_sentences_of_one_period_say_it_once() -> None:
    assert texts("{period}，{scope}有驻村工作队{village_work_teams}。"
                 "{period}，{scope}有第一书记{first_secretaries}。",
                 "{period}，{scope}脱贫{poverty_exit_persons}。") == [
        "2020年，全市有驻村工作队2060支。全市有第一书记2614人。",
        "2019年，全市脱贫42196人。"]


def test_every_paragraph_states_its_own_period() -> None:
    # a paragraph is read, quoted and lifted to 要点 on its own: never undated
    assert texts("{period}，{scope}有驻村工作队{village_work_teams}。",
                 "{period}，{scope}有第一书记{first_secretaries}。") == [
        "2020年，全市有驻村工作队2060支。", "2020年，全市有第一书记2614人。"]


def test_another_period_in_between_ends_the_group() -> None:
    assert texts("{period}，{scope}有驻村工作队{village_work_teams}。",
                 "{period}，{scope}脱贫{poverty_exit_persons}。",
                 "{period}，{scope}有第一书记{first_secretaries}。") == [
        "2020年，全市有驻村工作队2060支。", "2019年，全市脱贫42196人。",
        "2020年，全市有第一书记2614人。"]


def _section(sid: str, *paragraphs: Paragraph, after: tuple[Paragraph, ...] = ()) -> Section:
    return Section(id=sid, title=sid, category=sid, paragraphs=paragraphs,
                   after_lead=after or paragraphs[1:])


def _para(text: str, *, flagged: bool = False) -> Paragraph:
    run = FigureRun(text="2060支" + ("※" if flagged else ""), region_code="410400",
                    indicator_id="village_work_teams", period="2020", value="2060", unit="支",
                    flagged=flagged)
    return Paragraph(text, (1,), (text.split("2060支")[0], run, "。"))


def test_section_leads_open_the_brief_as_key_messages() -> None:
    later = Paragraph("2020年，全市有第一书记2614人。")
    sections = [_section("a", _para("2020年，全市有驻村工作队2060支。"),
                         Paragraph("全市有第一书记2614人。"), after=(later,)),
                _section("b", _para("全市派出2060支。")),
                _section("c", _para("全市派出2060支※。", flagged=True)),
                _section("comparison", _para("各地2060支。"))]
    key, a, c, comparison = lift_key_messages(sections)
    assert key.id == KEY_SECTION_ID and key.title == "要点"
    assert [p.text for p in key.paragraphs] == ["2020年，全市有驻村工作队2060支。",
                                                "全市派出2060支。"]
    assert key.takeaway == "2020年，全市有驻村工作队2060支"
    assert a.paragraphs == (later,)  # the next paragraph says its own period again
    assert a.key_sentences == (later.text,)  # the slide shows what the notes say
    assert c.paragraphs[0].text == "全市派出2060支※。"  # a doubted lead is not a key message
    assert comparison.paragraphs[0].text == "各地2060支。"  # b had nothing else: dropped


def test_one_lead_makes_no_key_messages() -> None:
    sections = [_section("a", _para("2020年，全市有驻村工作队2060支。"))]
    assert lift_key_messages(sections) == sections


def test_a_takeaway_is_whole_clauses_with_a_figure_and_its_scope() -> None:
    assert takeaway("党的十八大以来，全省累计脱贫718.6万人，贫困村累计出列9536个，"
                    "贫困县累计摘帽53个。") == "党的十八大以来，全省累计脱贫718.6万人"
    assert takeaway("五年来，全市新建农村公路4094公里。") == "五年来，全市新建农村公路4094公里"
    # a date is not a figure: a title never stops at a period phrase
    assert takeaway("据2020年报道的此前情况，全市曾有6652户22713人尚未脱贫。") == \
        "据2020年报道的此前情况，全市曾有6652户22713人尚未脱贫"
    assert takeaway("2019年9月底，全市贫困发生率为1.2%。") == "2019年9月底，全市贫困发生率为1.2%"
    run = FigureRun(text="46个", region_code="410423", indicator_id="x", period="2020",
                    value="46", unit="个", scope="平顶山市结对帮扶鲁山县")
    last = FigureRun(text="12245人（平顶山市结对帮扶鲁山县）", region_code="410423",
                     indicator_id="y", period="2020", value="12245", unit="人",
                     scope="平顶山市结对帮扶鲁山县")
    paragraph = Paragraph("据2020年报道，结对帮扶累计帮助鲁山县发展产业和引进企业46个，"
                          "组织支援人才12245人（平顶山市结对帮扶鲁山县）。", (), (
                              "据2020年报道，结对帮扶累计帮助鲁山县发展产业和引进企业", run,
                              "，组织支援人才", last, "。"))
    assert paragraph_takeaway(paragraph) == ("据2020年报道，结对帮扶累计帮助鲁山县发展产业和"
                                             "引进企业46个（平顶山市结对帮扶鲁山县）")


def test_a_section_of_one_paragraph_joins_the_one_before() -> None:
    a = _section("a", _para("2020年，全市有驻村工作队2060支。"), Paragraph("全市有第一书记。"))
    thin = _section("thin", Paragraph("2020年，全市确定年度目标。"))
    key = _section(KEY_SECTION_ID, Paragraph("要点。"), Paragraph("要点二。"))
    folded = fold_thin_sections([key, a, thin])
    assert [s.title for s in folded] == [KEY_SECTION_ID, "a与thin"]
    assert [p.text for p in folded[1].paragraphs][-1] == "2020年，全市确定年度目标。"
    # right after the key messages a thin section stands alone: nothing to join
    assert [s.id for s in fold_thin_sections([key, thin])] == [KEY_SECTION_ID, "thin"]


def test_a_doubted_figure_never_headlines_a_slide() -> None:
    doubted = _para("全市派出2060支※。", flagged=True)
    sound = _para("2020年，全市有驻村工作队2060支。")
    assert lead_takeaway([doubted, sound]) == "2020年，全市有驻村工作队2060支"
    assert lead_takeaway([doubted]) == ""

"""Editorial rules: a period said once for consecutive sentences that share it."""

from __future__ import annotations

from reportdata import make_dataset

from reportgen.report.editorial import vary_openings
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


def test_another_period_in_between_ends_the_group() -> None:
    assert texts("{period}，{scope}有驻村工作队{village_work_teams}。",
                 "{period}，{scope}脱贫{poverty_exit_persons}。",
                 "{period}，{scope}有第一书记{first_secretaries}。") == [
        "2020年，全市有驻村工作队2060支。", "2019年，全市脱贫42196人。",
        "2020年，全市有第一书记2614人。"]

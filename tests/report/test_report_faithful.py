"""Faithful statements: qualifiers, inferred periods, scope, same facts, doubt marks,
comparability — each rule on a tiny dataset, through the real resolver and narrative."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from reportdata import PDS_EXITS, Row, make_dataset

from reportgen.config import Project
from reportgen.data.findings import Finding, Severity
from reportgen.data.model import Dataset
from reportgen.report.compare import split_comparable
from reportgen.report.figtext import figure_parts, figure_period, figure_text
from reportgen.report.model import FigureRun
from reportgen.report.narrative import TextContext, render_sentence
from reportgen.report.query import RegionData
from reportgen.report.resolve import resolve_report

CTX = TextContext("平顶山市", "全市")


def with_fields(dataset: Dataset, line: int, **fields: str) -> Dataset:
    """The observation of data row ``line`` with extra fields (qualifier, scope …)."""
    dataset.observations = [replace(o, **fields) if o.location and o.location.row == line
                            else o for o in dataset.observations]
    return dataset


def say(dataset: Dataset, template: str, region: str = "410400") -> str | None:
    rendered = render_sentence(template, CTX, RegionData(dataset, region).select)
    return None if rendered is None else rendered.text


TEAMS: Row = ("410400", "village_work_teams", "2020", "2060", "支", "pds", "选派2060支")
REGISTERED: Row = ("410400", "poverty_population_registered", "2020-12-31", "100", "万人",
                   "pds", "近100万人")


def test_qualifier_is_printed_where_chinese_puts_it() -> None:
    data = with_fields(make_dataset([REGISTERED]), 2, qualifier="近")
    figure = RegionData(data, "410400").select("poverty_population_registered", "latest")
    assert figure is not None
    assert figure_text(figure) == "近100万人"
    assert figure_parts(figure) == ("近100", "万人")
    for word, text, parts in (("余", "100余万人", ("100", "余万人")),
                              ("以上", "100万人以上", ("100", "万人以上"))):
        other = replace(figure, qualifier=word)
        assert figure_text(other) == text and figure_parts(other) == parts
    assert say(data, "{period}，{scope}有建档立卡贫困人口{poverty_population_registered}。") \
        == "截至2020年底，全市有建档立卡贫困人口近100万人。"


def test_inferred_period_is_never_printed_as_a_date() -> None:
    data = with_fields(make_dataset([TEAMS]), 2, period_basis="inferred",
                       period_phrase="五年来")
    figure = RegionData(data, "410400").select("village_work_teams", "latest")
    assert figure is not None and figure_period(figure) == "五年来"
    assert say(data, "{period}，{scope}选派驻村工作队{village_work_teams}。") == \
        "五年来，全市选派驻村工作队2060支。"
    bare = with_fields(make_dataset([TEAMS]), 2, period_basis="inferred")
    assert say(bare, "{period}，{scope}选派驻村工作队{village_work_teams}。") == \
        "据2021年报道，全市选派驻村工作队2060支。"


def test_a_period_sentence_keeps_stated_and_inferred_apart() -> None:
    rows = [TEAMS, ("410400", "first_secretaries", "2020", "2614", "人", "pds", "2614名")]
    data = with_fields(make_dataset(rows), 3, period_basis="inferred")
    text = say(data, "{period}，{scope}有驻村工作队{village_work_teams}[，第一书记"
                     "{first_secretaries}]。")
    assert text == "2020年，全市有驻村工作队2060支。"  # the inferred 2020 is not "2020年"


def test_scope_replaces_the_whole_region_word() -> None:
    data = with_fields(make_dataset([TEAMS]), 2, scope="市直单位")
    assert say(data, "{period}，{scope}选派驻村工作队{village_work_teams}。") == \
        "2020年，选派驻村工作队2060支（市直单位）。"


def test_same_fact_from_two_sources_is_one_figure_citing_both() -> None:
    rows = [("410400", "village_work_teams", "2020", "2060", "支", "pds-old", "2060支"),
            ("410400", "village_work_teams", "2021", "2060", "支", "pds", "五年来2060支")]
    data = with_fields(make_dataset(rows), 3, period_basis="inferred", period_phrase="五年来")
    region = RegionData(data, "410400")
    assert len(region.observations("village_work_teams")) == 1
    figure = region.select("village_work_teams", "latest")
    assert figure is not None and figure.period.text == "2020"
    assert {o.source_id for o in figure.observations} == {"pds", "pds-old"}
    assert region.resolutions == []


def test_doubted_figure_is_marked_and_never_a_headline(
        tiny_project: Callable[[str], Project]) -> None:
    data = make_dataset(PDS_EXITS)
    data.findings.append(Finding(Severity.WARNING, "ratio-check", "每户人数过低",
                                 region_codes=("410400",),
                                 rows=(("data/observations/pds.csv", 7),)))
    figure = RegionData(data, "410400").select("poverty_exit_persons", "2020")
    assert figure is not None and figure.flagged and figure_text(figure) == "21300人※"
    report = resolve_report(data, tiny_project("report-tiny"), "410400")
    # the 2018–2020 sum contains the doubted 2020 row: it is not a KPI any more
    assert all(k.label != "累计脱贫人口" for k in report.kpis)
    # marked wherever it is printed: here a chart label (the text and table do not repeat it)
    labels = [label for s in report.sections for c in s.charts for x in c.series
              for label in x.labels]
    assert "21300※" in labels


def test_change_needs_two_exact_stated_figures() -> None:
    rows = [("410400", "poverty_incidence", "2016", "9.2", "%", "pds", "9.2%"),
            ("410400", "poverty_incidence", "2020", "0.5", "%", "pds", "0.5%")]
    template = "{scope}贫困发生率{poverty_incidence|change}。"
    assert say(make_dataset(rows), template) == "全市贫困发生率下降8.7个百分点。"
    assert say(with_fields(make_dataset(rows), 2, qualifier="约"), template) is None
    assert say(with_fields(make_dataset(rows), 2, period_basis="inferred"), template) is None




def test_only_like_figures_are_compared() -> None:
    rows = [("410400", "first_secretaries", "2020", "2614", "人", "pds", "a"),
            ("411200", "first_secretaries", "2020", "399", "人", "smx", "b"),
            ("410482", "first_secretaries", "2020", "65", "人", "pds", "c"),
            ("410422", "first_secretaries", "2019", "30", "人", "pds", "d")]
    data = make_dataset(rows)
    pairs = []
    for code in ("410400", "411200", "410482", "410422"):
        figure = RegionData(data, code).select("first_secretaries", "latest")
        assert figure is not None
        pairs.append((data.regions[code], figure))
    chosen, listed = split_comparable(pairs)
    assert [r.name for r, _ in chosen] == ["平顶山市", "三门峡市"]
    assert {r.name: why for r, _, why in listed} == {"汝州市": "不可比：县级地区",
                                                      "叶县": "不可比：县级地区"}
    # a county-level region's row says whose figure may already hold it
    parents = {r.code: r.name for r in data.regions.values()}
    _, listed = split_comparable(pairs, parents)
    assert {r.name: why for r, _, why in listed}["汝州市"] == "不可比：县级地区，属平顶山市"
    data = with_fields(make_dataset(rows), 3, period_basis="inferred", period_phrase="五年来")
    pairs = [(data.regions[c], f) for c in ("410400", "411200")
             if (f := RegionData(data, c).select("first_secretaries", "latest"))]
    _, listed = split_comparable(pairs)
    assert [why for _, _, why in listed][1] == "不可比：原文时期不确切（“五年来”）"
    data = with_fields(make_dataset(rows), 3, period_basis="inferred")
    pairs = [(data.regions[c], f) for c in ("410400", "411200")
             if (f := RegionData(data, c).select("first_secretaries", "latest"))]
    chosen, listed = split_comparable(pairs)
    assert chosen == []  # one sound figure left: nothing to compare it with
    assert [why for _, _, why in listed] == ["不可比：无同期、同层级的其他地区数据",
                                             "不可比：来源未写明时期（据2019年9月27日报道）"]


def test_a_single_figure_reads_as_its_source_wrote_it() -> None:
    rows = [("410400", "poverty_population_registered", "2020-12-31", "13.76", "万人", "pds",
             "13.76万人"),
            ("410400", "first_secretaries", "2020", "2,614", "名", "pds", "2614名")]
    region = RegionData(make_dataset(rows), "410400")
    written = region.select("poverty_population_registered", "latest")
    converted = region.select("first_secretaries", "latest")
    assert written is not None and converted is not None
    assert figure_text(written) == "13.76万人"  # not 137600人
    assert figure_text(converted) == "2614人"  # 名 is not reprinted where the unit is 人


def test_a_sum_uses_the_shared_number_format() -> None:
    region = RegionData(make_dataset(PDS_EXITS), "410400")
    total = region.select("poverty_exit_persons", "sum")
    assert total is not None and figure_text(total) == "110334人"
    assert figure_period(total) == "2018—2020年"


def test_sentences_are_runs_of_words_and_figures() -> None:
    data = with_fields(make_dataset([REGISTERED]), 2, qualifier="近")
    rendered = render_sentence("{period}，{scope}有贫困人口{poverty_population_registered}。",
                               CTX, RegionData(data, "410400").select)
    assert rendered is not None
    words, run, end = rendered.runs
    assert words == "截至2020年底，全市有贫困人口" and end == "。"
    assert isinstance(run, FigureRun) and run.text == "近100万人"
    assert (run.indicator_id, run.period, run.value, run.qualifier) == (
        "poverty_population_registered", "2020-12-31", "1000000", "近")
    assert run.rows == ("data/observations/pds.csv:2",)


def test_a_word_is_never_doubled_across_a_period() -> None:
    data = make_dataset([REGISTERED])
    assert say(data, "截至{period}，{scope}有贫困人口{poverty_population_registered}。") == \
        "截至2020年底，全市有贫困人口100万人。"


def test_yu_sits_before_or_after_wan_as_the_source_wrote_it() -> None:
    rows = [("410400", "poverty_population_registered", "2020-12-31", "90", "万人", "pds",
             "帮扶90余万人"),
            ("410400", "remaining_poor_persons", "2020-12-31", "2", "万人", "pds",
             "尚有2万余人")]
    data = with_fields(with_fields(make_dataset(rows), 2, qualifier="余"), 3, qualifier="余")
    region = RegionData(data, "410400")
    before = region.select("poverty_population_registered", "latest")
    after = region.select("remaining_poor_persons", "latest")
    assert before is not None and after is not None
    assert figure_text(before) == "90余万人" and figure_text(after) == "2万余人"


def test_words_for_now_are_tied_to_the_report_date_never_printed_as_they_stand() -> None:
    data = make_dataset([TEAMS])
    for phrase, expected in (("目前", "据2021年报道"), ("今年以来", "据2021年报道，今年以来"),
                             ("五年来", "五年来")):
        data = with_fields(make_dataset([TEAMS]), 2, period_basis="inferred",
                           period_phrase=phrase)
        figure = RegionData(data, "410400").select("village_work_teams", "latest")
        assert figure is not None
        assert figure_period(figure) == expected


def test_the_covered_period_counts_stated_periods_only() -> None:
    from reportgen.report.resolve import covered_period

    data = make_dataset([TEAMS, ("410400", "poverty_exit_persons", "cumulative:2020", "5",
                                 "万人", "pds", "5万人")])
    teams, total = data.observations
    assert covered_period([teams]) == "2020年"
    # a cumulative figure (its start is the campaign's) fits no span: say where data end
    assert covered_period([teams, total]) == "截至2020年"
    assert covered_period([total]) == "截至2020年"
    data = with_fields(data, 2, period_basis="inferred")
    assert covered_period([data.observations[0]], "2021年") == "据2021年报道"
    # an open period (五年来, inferred) beside stated years: no range, the end only
    assert covered_period([data.observations[0], teams], "2021年") == "截至2020年"


def test_figures_of_one_scope_name_it_once_per_sentence() -> None:
    rows = [TEAMS, ("410400", "first_secretaries", "2020", "2614", "人", "pds", "2614名")]
    data = with_fields(with_fields(make_dataset(rows), 2, scope="五年累计"), 3,
                       scope="五年累计")
    text = say(data, "{scope}选派工作队{village_work_teams}、第一书记{first_secretaries}。")
    assert text == "选派工作队2060支、第一书记2614人（五年累计）。"



def test_an_undated_total_says_cumulative_and_an_early_figure_says_earlier() -> None:
    total = ("410400", "poverty_exit_persons", "cumulative:2021", "5", "万人", "pds",
             "累计脱贫5万人")
    data = with_fields(make_dataset([total]), 2, period_basis="inferred")
    figure = RegionData(data, "410400").select("poverty_exit_persons", "latest")
    assert figure is not None and figure_period(figure) == "累计（据2021年报道）"
    # 累计 only where the source says it: a curator's "cumulative" is an inference
    unsaid = ("410400", "poverty_exit_persons", "cumulative:2021", "5", "万人", "pds", "5万人")
    data = with_fields(make_dataset([unsaid]), 2, period_basis="inferred")
    figure = RegionData(data, "410400").select("poverty_exit_persons", "latest")
    assert figure is not None and figure_period(figure) == "据2021年报道"
    early = ("410400", "village_work_teams", "2015-12-31", "2060", "支", "pds", "2060支")
    data = with_fields(make_dataset([early]), 2, period_basis="inferred")
    figure = RegionData(data, "410400").select("village_work_teams", "latest")
    assert figure is not None and figure_period(figure) == "据2021年报道的此前情况"


def test_an_earlier_state_is_never_a_headline_tile_and_a_sum_says_it_is_one() -> None:
    from reportgen.report.figtext import is_earlier_state, is_summed

    early = ("410400", "village_work_teams", "2015-12-31", "2060", "支", "pds", "2060支")
    data = with_fields(make_dataset([early]), 2, period_basis="inferred")
    figure = RegionData(data, "410400").select("village_work_teams", "latest")
    assert figure is not None and is_earlier_state(figure) and not is_summed(figure)
    years = [("410400", "poverty_exit_persons", y, n, "人", "pds", f"{y}年脱贫{n}人")
             for y, n in (("2018", "100"), ("2019", "200"))]
    summed = RegionData(make_dataset(years), "410400").select("poverty_exit_persons", "total")
    assert summed is not None and is_summed(summed) and not is_earlier_state(summed)

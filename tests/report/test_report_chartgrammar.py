"""Chart grammar: which charts a section draws, and the sentences that replace the rest."""

from __future__ import annotations

import dataclasses

from reportdata import PDS_EXITS, Row, make_dataset

from reportgen.charts.spec import ChartSpec, Series
from reportgen.report.chartgrammar import keeps_chart
from reportgen.report.citations import CitationBook
from reportgen.report.model import FigureRun, Section
from reportgen.report.narrative import TextContext
from reportgen.report.query import RegionData
from reportgen.report.sections import SectionInput, build_section
from reportgen.report.spec import ChartDef, SectionSpec

CTX = TextContext("平顶山市", "全市")
SECTION = SectionSpec(id="s", title="减贫成效", categories=("减贫成效",))


def section(rows: list[Row], spec: SectionSpec = SECTION, headline: frozenset[str] = frozenset(),
            region: str = "410400") -> Section:
    data = make_dataset(rows)
    inp = SectionInput(region, RegionData(data, region), CTX, CitationBook(data), headline)
    built = build_section(spec, inp)
    assert built is not None
    return built


def incidence(year: str, value: str) -> Row:
    return ("410400", "poverty_incidence", year, value, "%", "pds", f"{value}%")


def test_three_years_are_a_chart_on_a_slot_per_year() -> None:
    rows = [incidence("2016", "8.9"), incidence("2019", "1.2"), incidence("2020", "0")]
    built = section(rows)
    (chart,) = built.charts
    assert chart.categories == ("2016年", "2017年", "2018年", "2019年", "2020年")
    assert chart.series[0].values == (8.9, None, None, 1.2, 0.0)
    assert chart.points == ("poverty_incidence@2016", "poverty_incidence@2019",
                            "poverty_incidence@2020")


def test_two_points_are_a_sentence_with_the_change_not_a_line() -> None:
    built = section([incidence("2016", "8.9"), incidence("2019", "1.2")])
    assert built.charts == ()
    text = "".join(p.text for p in built.paragraphs)
    assert "全市贫困发生率由2016年的8.9%下降到2019年的1.2%，下降7.7个百分点。" in text
    figures = [r for p in built.paragraphs for r in p.runs if isinstance(r, FigureRun)]
    assert {(f.period, f.text) for f in figures} >= {("2016", "8.9%"), ("2019", "1.2%")}


def test_a_change_of_approximate_figures_is_not_computed() -> None:
    rows = [incidence("2016", "8.9"), incidence("2019", "1.2")]
    data = make_dataset(rows)
    data.observations = [o if o.period.text != "2019" else
                         dataclasses.replace(o, qualifier="约") for o in data.observations]
    inp = SectionInput("410400", RegionData(data, "410400"), CTX, CitationBook(data))
    built = build_section(SECTION, inp)
    assert built is not None
    text = "".join(p.text for p in built.paragraphs)
    assert "全市贫困发生率2016年为8.9%，2019年为约1.2%。" in text
    assert "百分点" not in text


def test_a_two_point_change_the_text_already_says_is_not_repeated() -> None:
    spec = SectionSpec(id="s", title="减贫成效", categories=("减贫成效",), paragraphs=((
        "{poverty_incidence@latest|period}，{scope}贫困发生率为{poverty_incidence}，"
        "比{poverty_incidence@first|period}{poverty_incidence|change}。",),))
    built = section([incidence("2016", "8.9"), incidence("2019", "1.2")], spec)
    text = "".join(p.text for p in built.paragraphs)
    assert text == "2019年，全市贫困发生率为1.2%，比2016年下降7.7个百分点。"
    assert built.charts == ()


def test_a_chart_that_repeats_the_sentence_or_kpis_is_left_out() -> None:
    rows = [("410400", "poverty_population_registered", "2020-12-31", "100", "人", "pds", "a"),
            ("410400", "remaining_poor_persons", "2020-12-31", "30", "人", "pds", "b")]
    chart = ChartDef(kind="hbar", indicators=("poverty_population_registered",
                                              "remaining_poor_persons"))
    spec = SectionSpec(id="s", title="减贫成效", categories=("减贫成效",), charts=(chart,),
                       paragraphs=(("{scope}有建档立卡贫困人口{poverty_population_registered}。",),))
    assert len(section(rows, spec).charts) == 1  # one of its two values is printed only there
    headline = frozenset({"remaining_poor_persons@2020-12-31"})
    assert section(rows, spec, headline).charts == ()  # text + KPIs print both


def test_rates_without_a_goal_are_bars_not_progress_towards_an_invented_target() -> None:
    rows = [("410400", "poverty_incidence", "2020", "3", "%", "pds", "3%"),
            ("410400", "poverty_population_registered", "2020-12-31", "100", "人", "pds", "a")]
    chart = ChartDef(kind="progress", indicators=("poverty_incidence",))
    spec = SectionSpec(id="s", title="减贫成效", categories=("减贫成效",), charts=(chart,),
                       auto_charts=False)
    built = section(rows, spec)
    assert all(c.kind != "progress" and c.target is None for c in built.charts)


def test_progress_bars_that_are_all_full_are_left_out() -> None:
    full = ChartSpec("c", "progress", "t", ("a", "b", "c"), (Series("s", (100.0, 100.0, 100.0)),),
                     target=100.0, points=("a@1", "b@1", "c@1"))
    part = ChartSpec("c", "progress", "t", ("a", "b", "c"), (Series("s", (100.0, 90.0, 80.0)),),
                     target=100.0, points=("a@1", "b@1", "c@1"))
    assert not keeps_chart(full, set())
    assert keeps_chart(part, set())


def test_yearly_flows_keep_their_bar_chart() -> None:
    built = section(PDS_EXITS)
    assert {c.kind for c in built.charts} == {"bar"}
    assert all(c.categories == ("2018年", "2019年", "2020年") for c in built.charts)

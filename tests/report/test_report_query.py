"""Selecting figures: selectors, yearly sums, conflict resolution."""

from __future__ import annotations

from decimal import Decimal

from reportdata import PDS_EXITS, Row, make_dataset

from reportgen.report.query import RegionData, is_valid_selector


def data(rows: list[Row], code: str = "410400") -> RegionData:
    return RegionData(make_dataset(rows), code)


def test_total_sums_consecutive_years_with_a_range_period() -> None:
    figure = data(PDS_EXITS).select("poverty_exit_persons", "total")
    assert figure is not None
    assert figure.value == Decimal(110334)
    assert figure.period.text == "2018-2020"
    assert [o.period.text for o in figure.observations] == ["2018", "2019", "2020"]


def test_total_prefers_a_cumulative_figure_that_reaches_as_far() -> None:
    rows = [*PDS_EXITS, ("410400", "poverty_exit_persons", "cumulative:2020", "11.5", "万人",
                         "pds", "累计脱贫11.5万人")]
    figure = data(rows).select("poverty_exit_persons", "total")
    assert figure is not None and figure.period.text == "cumulative:2020"
    assert figure.value == Decimal(115000)


def test_total_does_not_add_up_stocks_or_gapped_years() -> None:
    rows = [("410400", "first_secretaries", "2018", "10", "人", "pds", "a"),
            ("410400", "first_secretaries", "2019", "12", "人", "pds", "b"),
            ("410400", "poverty_exit_persons", "2016", "5", "人", "pds", "c"),
            ("410400", "poverty_exit_persons", "2018", "7", "人", "pds", "d")]
    region = data(rows)
    assert region.select("first_secretaries", "total") is None
    assert region.select("poverty_exit_persons", "sum") is None
    auto = region.select("first_secretaries", "auto")
    assert auto is not None and auto.period.text == "2019"


def test_latest_prefers_the_narrowest_period_on_the_same_end() -> None:
    rows = [*PDS_EXITS, ("410400", "poverty_exit_persons", "2016-2020", "200000", "人", "pds",
                         "五年脱贫20万人")]
    region = data(rows)
    latest = region.select("poverty_exit_persons", "latest")
    assert latest is not None and latest.period.text == "2020"
    first = region.select("poverty_exit_persons", "first")
    assert first is not None and first.period.text == "2018"
    exact = region.select("poverty_exit_persons", "2016-2020")
    assert exact is not None and exact.value == Decimal(200000)
    assert region.select("poverty_exit_persons", "2017") is None


def test_yearly_series_needs_two_points() -> None:
    region = data([*PDS_EXITS[:2],
                   ("410400", "poverty_incidence", "2018-12-31", "2", "%", "pds", "q")])
    assert region.yearly("poverty_exit_persons") == []
    assert len(data(PDS_EXITS).yearly("poverty_exit_persons")) == 3


def test_conflict_resolved_in_favour_of_the_most_recent_source() -> None:
    rows = [("410400", "first_secretaries", "2020-12-31", "2600", "人", "pds-old", "旧"),
            ("410400", "first_secretaries", "2020-12-31", "2614", "人", "pds", "新"),
            ("410400", "village_work_teams", "2020-12-31", "20", "支", "pds-old", "x"),
            ("410400", "village_work_teams", "2020-12-31", "20", "支", "pds", "y")]
    region = data(rows)
    chosen = region.select("first_secretaries", "latest")
    assert chosen is not None and chosen.value == Decimal(2614)
    assert len(region.observations("first_secretaries")) == 1
    # agreeing duplicates are not a conflict
    assert [r.chosen.indicator_id for r in region.resolutions] == ["first_secretaries"]
    assert region.resolutions[0].rejected[0].source_id == "pds-old"


def test_selector_names() -> None:
    for good in ("latest", "total", "auto", "2019", "2018-12-31", "cumulative:2020"):
        assert is_valid_selector(good)
    for bad in ("newest", "2019年", ""):
        assert not is_valid_selector(bad)


def test_comparison_keeps_to_the_level_below_when_there_are_too_many_regions() -> None:
    from reportdata import make_dataset

    from reportgen.report.compare import below

    rows = [(code, "village_work_teams", "2020", "5", "支", "pds", "5支")
            for code in ("410400", "411200", "410482", "410422")]
    dataset = make_dataset(rows)
    assert [d.region_code for d in below(dataset, "410000")] == [
        "410400", "410422", "410482", "411200"]
    assert [d.region_code for d in below(dataset, "410000", max_regions=3)] == [
        "410400", "411200"]


def test_refs_collapse_runs_of_three_or_more() -> None:
    from reportgen.report.citations import refs_text

    assert refs_text([3, 4]) == "[3][4]"
    assert refs_text([5, 3, 4, 9, 10, 11, 12, 20]) == "[3]–[5][9]–[12][20]"
    assert refs_text([]) == ""


def test_comparison_sentence_names_the_ends_when_many_regions() -> None:
    from decimal import Decimal

    from reportdata import INDICATORS

    from reportgen.data.model import Region
    from reportgen.data.periods import parse_period
    from reportgen.report.compare import Compared, _sentence
    from reportgen.report.query import Figure

    teams = next(i for i in INDICATORS if i.id == "village_work_teams")
    rows = tuple((Region(f"4104{n:02d}", f"第{n}县", "county", "410400"),
                  Figure(teams, Decimal(100 - n), parse_period("2020"), ()))
                 for n in range(1, 9))
    text = _sentence(Compared("village_work_teams", rows), 2)
    assert text == "驻村工作队（2020年）：8个地区中第1县最高，为99支；第8县最低，为92支。"

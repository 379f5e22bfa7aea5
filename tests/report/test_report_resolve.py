"""resolve_report / report_inputs / buildable_regions on tiny datasets and the shipped data."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from reportdata import PDS_EXITS, make_dataset

from reportgen.config import Project, load_project
from reportgen.data.findings import Finding, Severity
from reportgen.data.load import load_dataset
from reportgen.errors import DataError, TemplateError
from reportgen.report.model import Report
from reportgen.report.resolve import (
    buildable_regions,
    report_inputs,
    resolve_report,
    scope_word,
    spec_files,
)

REPO = Path(__file__).resolve().parents[2]
MARK = re.compile(r"\[\d+\]")


def assert_every_number_cited(report: Report) -> None:
    numbers = {c.number for c in report.citations}
    assert sorted(numbers) == list(range(1, len(numbers) + 1))
    for kpi in report.kpis:
        assert kpi.refs and set(kpi.refs) <= numbers, kpi
    for section in report.sections:
        assert section.paragraphs or section.tables or section.charts, section.id
        for paragraph in section.paragraphs:
            assert paragraph.refs and set(paragraph.refs) <= numbers, paragraph.text
        for chart in section.charts:
            assert MARK.search(chart.source_note), chart.title
        for table in section.tables:
            assert all(MARK.fullmatch(row[-1]) or MARK.match(row[-1]) for row in table.rows)
    for text in report.texts():
        assert "None" not in text and "{" not in text and "}" not in text, text


def test_city_brief_from_the_tiny_project(tiny_project: Callable[[str], Project]) -> None:
    project = tiny_project("report-tiny")
    report = resolve_report(load_dataset(project), project, "410400")
    assert report.title == "平顶山市脱贫攻坚数据简报"
    assert report.subtitle == "主要指标（截至2021年）"
    assert report.period_label == "截至2021年" and report.date_text == "2021年"
    assert report.issuer == "乡村振兴局" and report.level == "city"
    # the KPI without data (退出贫困村) is dropped, not printed empty
    assert [(k.label, k.number_text, k.unit_text, k.period_label) for k in report.kpis] == [
        ("脱贫人口", "110334", "人", "2018—2020年合计")]  # our sum of the years, said so
    assert report.kpis[0].refs == (1, 2, 3)
    # each section's lead opens the brief as 要点; a section left with nothing is dropped
    key, poverty = report.sections
    assert [p.text for p in key.paragraphs] == ["2018—2020年，全市累计脱贫43091户110334人。",
                                                "截至2021年底，全市选派驻村第一书记2614人。"]
    assert key.takeaway == "2018—2020年，全市累计脱贫43091户110334人"
    assert [c.kind for c in poverty.charts] == ["bar", "bar"]
    assert poverty.charts[0].categories == ("2018年", "2019年", "2020年")
    assert poverty.charts[0].series[0].labels == ("46838", "42196", "21300")
    assert poverty.charts[0].source_note == "来源：平顶山五年回顾[1]–[3]"
    assert poverty.tables == ()  # every figure is in the text or a chart: no table repeats it
    assert report.citations[0].observation_file == "data/observations/pds.csv:3,2"
    assert [s.id for s in report.sources] == ["pds"]
    assert_every_number_cited(report)


def test_section_without_data_is_left_out() -> None:
    dataset = make_dataset(PDS_EXITS)
    project = load_project(REPO / "tests" / "projects" / "report-tiny")
    report = resolve_report(dataset, project, "410400")
    assert [s.title for s in report.sections] == ["减贫成效"]


def test_region_with_almost_no_data_gets_a_short_brief(tiny_project: Callable[[str], Project]
                                                       ) -> None:
    project = tiny_project("report-tiny")
    dataset = load_dataset(project)
    assert buildable_regions(dataset, project) == ["410000", "410400", "411200", "410482"]
    short = resolve_report(dataset, project, "410422")  # 叶县: one figure, built on request
    assert [s.title for s in short.sections] == ["帮扶力量"]
    assert short.sections[0].paragraphs[0].text == "2020年，全县驻村工作队12支。"
    assert_every_number_cited(short)
    with pytest.raises(DataError, match="no observations"):
        resolve_report(make_dataset(PDS_EXITS), project, "411200")
    with pytest.raises(DataError, match="unknown region"):
        resolve_report(dataset, project, "999999")


def test_province_compares_the_regions_below(tiny_project: Callable[[str], Project]) -> None:
    project = tiny_project("report-tiny")
    report = resolve_report(load_dataset(project), project, "410000")
    titles = [s.title for s in report.sections]
    assert titles == ["减贫成效", "各地对比"]
    comparison = report.sections[-1]
    # 2614 (累计 to 2021), 399 (2019-09) and 65 (a county, 2020-11): nothing is like for like,
    # so nothing is set side by side; the table lists each with the reason
    assert comparison.charts == () and comparison.paragraphs == ()
    table = comparison.tables[0]
    assert table.title == "各地指标一览（时期、口径或层级不同，未作比较）"
    assert all(row[4].startswith("不可比：") for row in table.rows), table.rows
    assert {row[0] for row in comparison.tables[0].rows} >= {"平顶山市", "三门峡市", "汝州市"}
    assert_every_number_cited(report)


def test_conflicts_and_warnings_are_listed_in_the_checks(
        tiny_project: Callable[[str], Project]) -> None:
    rows = [*PDS_EXITS,
            ("410400", "first_secretaries", "2020-12-31", "2600", "人", "pds-old", "旧"),
            ("410400", "first_secretaries", "2020-12-31", "2614", "人", "pds", "新"),
            ("411200", "first_secretaries", "2019-09", "399", "人", "smx", "a")]
    dataset = make_dataset(rows)
    mine = Finding(Severity.WARNING, "x", "平顶山市 warning", region_codes=("410400",))
    other = Finding(Severity.WARNING, "y", "三门峡市 warning", region_codes=("411200",))
    dataset.findings += [mine, other]
    project = tiny_project("report-tiny")
    report = resolve_report(dataset, project, "410400")
    codes = [f.code for f in report.checks]
    assert codes == ["x", "conflict-resolved"]
    message = report.checks[1].message
    assert message.startswith("平顶山市 驻村第一书记（截至2020年底）有不一致的数值：")
    assert "采用2614人（平顶山五年回顾，2021）" in message and "未采用2600人" in message
    assert report.checks[1].hint == "如未采用的数值才是正确的，请改正或删除有误的行"
    assert report.checks[1].file == "data/observations/pds.csv"
    assert any("2614人" in p.text for s in report.sections for p in s.paragraphs)
    province = resolve_report(replace(dataset, observations=[
        *dataset.observations, *make_dataset([
            ("410000", "poverty_exit_persons", "cumulative:2020", "718.6", "万人", "pds",
             "q")]).observations]), project, "410000")
    assert {"x", "y"} <= {f.code for f in province.checks}


def test_report_inputs_follow_exactly_the_rows_used(tiny_project: Callable[[str], Project]
                                                    ) -> None:
    project = tiny_project("report-tiny")
    dataset = load_dataset(project)
    city = report_inputs(dataset, project, "410400")
    assert {o.region_code for o in city} == {"410400"} and len(city) == 7
    province = report_inputs(dataset, project, "410000")
    assert {o.region_code for o in province} == {"410000", "410400", "411200", "410482",
                                                 "410422"}
    # change one 三门峡市 row: the 三门峡 and province inputs change, 平顶山's do not
    changed = [replace(o, value=o.value + 1) if o.region_code == "411200" else o
               for o in dataset.observations]
    other = replace(dataset, observations=changed)
    assert report_inputs(other, project, "410400") == city
    assert report_inputs(other, project, "411200") != report_inputs(dataset, project, "411200")
    assert report_inputs(other, project, "410000") != province
    # change a 平顶山 row the report uses: its inputs change
    bumped = [replace(o, value=Decimal(46839)) if o.location and o.location.row == 3
              and o.region_code == "410400" else o for o in dataset.observations]
    assert report_inputs(replace(dataset, observations=bumped), project, "410400") != city


def test_report_inputs_survive_a_broken_spec(tiny_project: Callable[[str], Project]) -> None:
    project = tiny_project("report-tiny")
    dataset = load_dataset(project)
    (project.templates_dir / "brief-city.toml").write_text("title = \n", encoding="utf-8")
    assert len(report_inputs(dataset, project, "410400")) >= 7  # conservative, no crash
    with pytest.raises(TemplateError, match=r"brief-city.toml.*line 1"):
        resolve_report(dataset, project, "410400")
    assert spec_files(dataset, project, "410400") == [project.templates_dir / "brief-city.toml"]


def test_scope_words() -> None:
    regions = make_dataset([]).regions
    assert [scope_word(regions[c]) for c in ("410000", "410400", "410482", "410422")] == [
        "全省", "全市", "全市", "全县"]


def test_planning_functions_import_nothing_heavy() -> None:
    code = ("import sys, reportgen.report.resolve; "
            "heavy = {'matplotlib', 'reportlab', 'pptx', 'pandas'} & set(sys.modules); "
            "assert not heavy, heavy")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_every_buildable_region_of_the_shipped_data_resolves() -> None:
    project = load_project(REPO)
    dataset = load_dataset(project)
    codes = buildable_regions(dataset, project)
    assert {"410000", "410400", "411200", "410482"} <= set(codes)
    for code in codes:
        report = resolve_report(dataset, project, code)
        assert report.kpis and report.sections, code
        assert_every_number_cited(report)
        cited = {(c.source.id, c.quote) for c in report.citations}
        for obs in dataset.observations_for(code):  # no curated number left out
            assert (obs.source_id, obs.quote) in cited, (code, obs.indicator_id)


def test_a_brief_lists_only_the_checks_of_figures_it_prints() -> None:
    # The appendix says its figures are marked ※ in the text; a check of a figure the brief
    # does not print (鲁山县's 603.72亿 in 平顶山市's brief) belongs to the brief that does.
    project = load_project(REPO)
    dataset = load_dataset(project)
    doubted = {row for f in dataset.warnings for row in f.marked_rows}
    quote_of = {(o.location.file, o.location.row): (o.source_id, o.quote)
                for o in dataset.observations if o.location}
    listed_somewhere = set()
    for code in buildable_regions(dataset, project):
        report = resolve_report(dataset, project, code)
        cited = {(c.source.id, c.quote) for c in report.citations}
        for finding in report.checks:
            printed = {quote_of[row] for row in finding.marked_rows} & cited
            assert not finding.marked_rows or printed, (code, finding.message)
            listed_somewhere |= set(finding.marked_rows)
    assert doubted <= listed_somewhere  # every doubted figure is explained where it is printed

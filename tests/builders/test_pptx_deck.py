"""Decks read back with python-pptx: 16:9, native charts, notes, a:ea, geometry, bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx_deck_sample import city_report, province_report

from reportgen.builders.base import BuildContext
from reportgen.builders.pptx import PptxBuilder
from reportgen.builders.pptx.builder import render_deck
from reportgen.charts.spec import ChartSpec, Series
from reportgen.config import Config, Project
from reportgen.report.model import Report

REPO = Path(__file__).resolve().parents[2]
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def project() -> Project:
    return Project(root=REPO, config=Config(author="平顶山市乡村振兴局信息科"))


@pytest.fixture(scope="module")
def decks(project: Project) -> dict[str, bytes]:
    return {"city": render_deck(city_report(), project),
            "province": render_deck(province_report(), project)}


def _report(name: str) -> Report:
    return city_report() if name == "city" else province_report()


def _open(data: bytes):  # type: ignore[no-untyped-def]
    return Presentation(io.BytesIO(data))


@pytest.mark.parametrize("name", ["city", "province"])
def test_deck_is_16_9_with_one_native_chart_per_non_kpi_chart(decks, name) -> None:
    prs = _open(decks[name])
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    charts = [s for slide in prs.slides for s in slide.shapes if s.has_chart]
    expected = [c for sec in _report(name).sections for c in sec.charts if c.kind != "kpi"]
    assert len(charts) == len(expected)
    # the data a user edits is the data of the report
    first = charts[0].chart
    assert list(first.plots[0].categories) == list(expected[0].categories)


@pytest.mark.parametrize("name", ["city", "province"])
def test_every_slide_has_speaker_notes(decks, name) -> None:
    for slide in _open(decks[name]).slides:
        assert slide.has_notes_slide
        assert slide.notes_slide.notes_text_frame.text.strip()


def test_notes_carry_narrative_and_sources(decks) -> None:
    slides = list(_open(decks["city"]).slides)
    notes = [s.notes_slide.notes_text_frame.text for s in slides]
    first_section = next(n for n in notes if "累计脱贫43091户" in n)
    assert "我市脱贫攻坚五年回眸" in first_section  # source title
    assert "2018年脱贫15106户46838人" in first_section  # the quoted phrase
    assert "决战脱贫攻坚·决胜全面小康系列报道之四" in notes[-1]  # sources slide: every citation


def _xml_parts(data: bytes, prefix: str) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: etree.fromstring(z.read(n)) for n in z.namelist()
                if n.startswith(prefix) and n.endswith(".xml")}


@pytest.mark.parametrize("name", ["city", "province"])
@pytest.mark.parametrize("prefix", ["ppt/slides/slide", "ppt/charts/chart",
                                    "ppt/notesSlides/notesSlide"])
def test_every_run_names_an_east_asian_typeface(decks, name, prefix) -> None:
    parts = _xml_parts(decks[name], prefix)
    assert parts
    for part, root in parts.items():
        for run in root.iter(A + "r", A + "fld"):
            assert run.find(A + "rPr") is not None, part
        for props in root.iter(A + "rPr", A + "defRPr", A + "endParaRPr"):
            ea = props.find(A + "ea")
            assert ea is not None and ea.get("typeface") == "微软雅黑", part
            assert props.find(A + "latin").get("typeface") == "Microsoft YaHei"
            tags = [etree.QName(c).localname for c in props]
            assert tags.index("latin") < tags.index("ea"), part  # schema order
    if prefix == "ppt/charts/chart":
        for root in parts.values():
            assert root.findall(".//{*}txPr")  # chart text properties exist and were walked


@pytest.mark.parametrize("name", ["city", "province"])
def test_no_shape_outside_the_slide(decks, name) -> None:
    prs = _open(decks[name])
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            left, top = shape.left, shape.top
            assert left is not None and top is not None, (number, shape.name)
            assert left >= 0 and top >= 0, (number, shape.name)
            assert left + shape.width <= prs.slide_width, (number, shape.name)
            assert top + shape.height <= prs.slide_height, (number, shape.name)


def test_slide_sequence_and_texts(decks) -> None:
    slides = list(_open(decks["city"]).slides)
    titles = [s.shapes.title.text_frame.text for s in slides]
    assert titles[0] == "平顶山市脱贫攻坚数据简报"
    assert titles[1] == "核心指标"
    assert titles[-1] == "数据来源"
    # tables follow the story as an appendix, just before the sources
    assert titles[-2] == "附表：年度脱贫情况"
    assert titles[2] == "脱贫攻坚成效"  # the section's takeaway (this sample has none: title)
    # a further chart is titled by what it shows, not by a topic
    assert "年度脱贫户数：2020年为10600户" in titles
    layouts = [s.slide_layout.name for s in slides]
    assert layouts[-2] == "table"
    assert layouts[:3] == ["title", "big-numbers", "chart-text"]
    assert "section" in layouts  # the text-only section
    texts = " ".join(sh.text_frame.text for s in slides for sh in s.shapes if sh.has_text_frame)
    assert "806" in texts  # the "kpi" chart is drawn as a big figure
    assert "三年累计脱贫11.03万人" in texts  # key sentence


def test_long_table_is_paginated_with_header_repeated(decks) -> None:
    slides = list(_open(decks["province"]).slides)
    tables = [(s.shapes.title.text_frame.text, sh.table) for s in slides for sh in s.shapes
              if sh.has_table]
    assert [t for t, _ in tables] == ["附表：各市累计脱贫人口（1/2）",
                                      "附表：各市累计脱贫人口（2/2）"]
    rows = [len(table.rows) - 1 for _, table in tables]
    assert sum(rows) == 18 and abs(rows[0] - rows[1]) <= 1
    for _, table in tables:
        assert table.cell(0, 0).text == "地区"


def test_two_builds_give_identical_bytes(project, decks, tmp_path) -> None:
    builder = PptxBuilder()
    assert (builder.kind, builder.suffix) == ("pptx", ".pptx")
    dest = tmp_path / "deck.pptx"
    builder.build(city_report(), BuildContext(project, tmp_path / "cache"), dest)
    assert dest.read_bytes() == decks["city"]


def test_core_properties_and_zip_dates_are_ours(decks) -> None:
    props = _open(decks["city"]).core_properties
    assert props.author == props.last_modified_by == "平顶山市乡村振兴局信息科"
    assert props.title == "平顶山市脱贫攻坚数据简报"
    assert props.created == props.modified == datetime(2021, 9, 20)
    assert props.revision == 1
    assert props.keywords == "脱贫攻坚；平顶山市"
    with zipfile.ZipFile(io.BytesIO(decks["city"])) as z:
        names = z.namelist()
        assert names[0] == "[Content_Types].xml"
        assert {i.date_time for i in z.infolist()} == {(2021, 9, 20, 0, 0, 0)}
        workbooks = [n for n in names if n.endswith(".xlsx")]
        assert workbooks
        with zipfile.ZipFile(io.BytesIO(z.read(workbooks[0]))) as book:
            core = book.read("docProps/core.xml").decode()
            assert "2021-09-20T00:00:00Z" in core


def test_figure_columns_are_right_aligned_and_periods_are_not() -> None:
    from reportgen.builders.pptx.tables import numeric_columns
    from reportgen.report.model import Table

    table = Table("t", ("指标", "时期", "数值", "年份"),
                  (("脱贫人口", "截至2020年底", "718.6万人", "2020"),
                   ("贫困村", "2016—2020年", "9536个", "2019"),
                   ("摘帽县", "2020年", "53个", "2018")))
    assert numeric_columns(table) == (False, False, True, False)


def test_a_doubted_chart_value_never_headlines_its_slide() -> None:
    from reportgen.builders.pptx.slides import chart_takeaway

    series = Series("脱贫人口", (4.6, 4.2, 2.1), ("4.6", "4.2", "2.1※"))
    spec = ChartSpec("c", "bar", "脱贫人口", ("2018年", "2019年", "2020年"), (series,), unit="万人")
    assert chart_takeaway(spec) == "脱贫人口"
    fine = ChartSpec("c", "bar", "脱贫人口", ("2018年", "2019年", "2020年"),
                     (Series("脱贫人口", (4.6, 4.2, 2.1), ("4.6", "4.2", "2.1")),), unit="万人")
    assert chart_takeaway(fine) == "脱贫人口：2020年为2.1万人"

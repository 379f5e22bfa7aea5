"""The PDF brief read back by real clients: qpdf, pdffonts, pdftotext, pdfinfo, pypdf,
pdftoppm. Each sample is built once per module (both styles, plus a near-empty report)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pdf_samples import LONG_NAME, chart_renderer, load_fonts, sample_report, tiny_report
from pypdf import PdfReader

from reportgen.builders.base import BuildContext
from reportgen.builders.pdf import linebreak
from reportgen.builders.pdf.builder import EMPTY_NOTE, PdfBuilder
from reportgen.config import Config, Project
from reportgen.report.model import Report

REPO = Path(__file__).resolve().parents[2]
STYLES = ("modern", "gongwen")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([_tool(args[0]), *args[1:]], capture_output=True, text=True,
                          check=False)


@pytest.fixture(scope="module")
def make(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Report, str], Path]:
    fonts = load_fonts()
    project = Project(root=REPO, config=Config(author="河南省乡村振兴局信息中心"))
    cache = tmp_path_factory.mktemp("cache")
    context = BuildContext(project=project, cache_dir=cache)
    builder = PdfBuilder(fonts=fonts, charts=chart_renderer(fonts, cache))
    out = tmp_path_factory.mktemp("pdf")

    def build(report: Report, name: str) -> Path:
        dest = out / f"{name}.pdf"
        builder.build(report, context, dest)
        return dest

    return build


@pytest.fixture(scope="module")
def built(make: Callable[[Report, str], Path]) -> dict[str, Path]:
    out = {style: make(sample_report(style), f"sample-{style}") for style in STYLES}
    out.update({f"tiny-{s}": make(tiny_report(s), f"tiny-{s}") for s in STYLES})
    return out


def _text(pdf: Path) -> str:
    result = _run("pdftotext", "-enc", "UTF-8", str(pdf), "-")
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("name", [*STYLES, "tiny-modern", "tiny-gongwen"])
def test_qpdf_check_passes(built: dict[str, Path], name: str) -> None:
    result = _run("qpdf", "--check", str(built[name]))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


@pytest.mark.parametrize("name", [*STYLES, "tiny-modern"])
def test_fonts_embedded_subset_truetype_no_base14(built: dict[str, Path], name: str) -> None:
    result = _run("pdffonts", str(built[name]))
    assert result.returncode == 0 and result.stderr == "", result.stderr
    rows = result.stdout.splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        assert "TrueType" in row and "Type 3" not in row, row
        emb, sub = row.split()[-5:-3]
        assert (emb, sub) == ("yes", "yes"), row
        assert not re.search(r"Helvetica|Times|Courier|Symbol|Zapf", row), row


def test_chinese_text_and_escaped_data_are_extractable(built: dict[str, Path]) -> None:
    for style in STYLES:
        text = _text(built[style])
        assert "718.6" in text and "建档立卡贫困人口" in text
        assert "A&B <测试> 比例<5%" in text  # escaped markup printed literally
        assert "x<y & y>z" in text  # a quote with markup characters, in the appendix
        assert "帮扶力量（无数据" not in text  # empty sections are not printed
        assert "数据来源" in text and "指标说明" in text and "数据核查" in text
        flat = re.sub(r"\s", "", text)  # the data-check entry, all Chinese, markup escaped
        assert "大于其总量建档立卡贫困人口&<核对>12万人" in flat
        # the fix and the data rows are for the staff (validate, citations.json), not the brief
        assert "处理建议" not in flat and "data/" not in flat and ".csv" not in flat


def test_long_names_wrap_inside_the_page(built: dict[str, Path]) -> None:
    text = re.sub(r"\s", "", _text(built["modern"]))
    assert LONG_NAME in text  # wrapped across lines, nothing cut


def test_metadata_title_author_subject_language(built: dict[str, Path]) -> None:
    info = _run("pdfinfo", str(built["modern"])).stdout
    assert re.search(r"^Title:\s+河南省脱贫攻坚数据简报$", info, re.M)
    assert re.search(r"^Author:\s+河南省乡村振兴局信息中心$", info, re.M)
    assert re.search(r"^Subject:\s+\S", info, re.M)
    assert re.search(r"^Keywords:\s+.*脱贫攻坚", info, re.M)
    assert "CreationDate:" in info and "2021" in info
    reader = PdfReader(built["modern"])
    assert reader.root_object["/Lang"] == "zh-CN"
    assert reader.metadata is not None and reader.metadata["/Creator"] == "reportgen"
    assert reader.pdf_header == "%PDF-1.4"


def test_outline_lists_sections_and_appendices_on_their_pages(built: dict[str, Path]) -> None:
    for style, annex in (("modern", "附录一"), ("gongwen", "附件1")):
        reader = PdfReader(built[style])
        titles = [str(item.title) for item in reader.outline if not isinstance(item, list)]
        assert titles[:2] == ["一、核心指标", "二、减贫成效"]
        assert any(t.startswith(annex) and t.endswith("数据来源") for t in titles)
        assert not any("无数据" in t for t in titles)
        pages = [reader.get_destination_page_number(item) or 0 for item in reader.outline
                 if not isinstance(item, list)]
        assert pages == sorted(pages) and pages[-1] > 0


def test_page_numbers_modern_of_total_gongwen_dashes(built: dict[str, Path]) -> None:
    modern = PdfReader(built["modern"])
    total = len(modern.pages)
    for index, page in enumerate(modern.pages, start=1):
        assert f"第 {index} 页 / 共 {total} 页" in page.extract_text()
    gongwen = PdfReader(built["gongwen"])
    for index, page in enumerate(gongwen.pages, start=1):
        assert f"— {index} —" in page.extract_text()


def test_charts_are_vector_not_images(built: dict[str, Path]) -> None:
    for style in STYLES:
        reader = PdfReader(built[style])
        images = [img for page in reader.pages for img in page.images]
        assert images == []
        pages = [p for p in reader.pages if "2018—2020年脱贫人口" in p.extract_text()]
        assert len(pages) == 1  # the chart's title is searchable text
        resources: Any = pages[0]["/Resources"]
        fonts = resources["/Font"]
        subtypes = {str(fonts[name].get_object()["/Subtype"]) for name in fonts}
        assert subtypes == {"/TrueType"}  # the brief's own fonts, no chart-private copy


def test_each_face_is_subset_once_for_text_and_charts(built: dict[str, Path]) -> None:
    """reportlab writes one subset per face, split in 256-glyph parts AAAAAA, AAAAAB, …;
    a chart bringing its own copy would add another prefix or a CID TrueType font."""
    for style in STYLES:
        rows = _run("pdffonts", str(built[style])).stdout.splitlines()[2:]
        assert rows and not any("CID TrueType" in row for row in rows)
        parts: dict[str, list[str]] = {}
        for row in rows:
            prefix, face = row.split()[0].split("+", 1)
            parts.setdefault(face, []).append(prefix)
        for face, prefixes in parts.items():
            expected = [f"AAAAA{chr(ord('A') + i)}" for i in range(len(prefixes))]
            assert sorted(prefixes) == expected, (face, prefixes)


def test_no_line_starts_with_closing_punctuation(built: dict[str, Path]) -> None:
    for style in STYLES:
        lines = [line.strip() for line in _text(built[style]).splitlines()]
        lines = [line for line in lines if not re.fullmatch(r"—\s*\d+\s*—", line)]  # — 1 —
        starts = [line for line in lines if line and line[0] in linebreak.CANNOT_START]
        assert starts == []


def test_same_inputs_give_identical_bytes(make: Callable[[Report, str], Path],
                                          built: dict[str, Path]) -> None:
    for style in STYLES:
        again = make(sample_report(style), f"again-{style}")
        assert again.read_bytes() == built[style].read_bytes()


def test_the_story_is_laid_out_once(make: Callable[[Report, str], Path],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from reportgen.builders.pdf import builder

    calls = []
    real = builder.story

    def counted(*args: Any, **kw: Any) -> Any:
        calls.append(args[0].title)
        return real(*args, **kw)

    monkeypatch.setattr(builder, "story", counted)
    reader = PdfReader(make(sample_report("modern"), "once"))
    assert calls == ["河南省脱贫攻坚数据简报"]
    total = len(reader.pages)
    assert f"第 {total} 页 / 共 {total} 页" in reader.pages[-1].extract_text()


def test_near_empty_report_is_one_page_with_a_note(built: dict[str, Path]) -> None:
    for style in STYLES:
        reader = PdfReader(built[f"tiny-{style}"])
        assert len(reader.pages) == 1
        text = reader.pages[0].extract_text()
        assert EMPTY_NOTE in text and "数据来源" not in text and "核心指标" not in text


def test_data_check_appendix_is_omitted_without_warnings(
        make: Callable[[Report, str], Path]) -> None:
    from dataclasses import replace

    pdf = make(replace(sample_report("modern", charts=False), checks=()), "no-checks")
    text = _text(pdf)
    assert "数据核查" not in text and "指标说明" in text


@pytest.mark.slow
def test_every_page_renders_with_pdftoppm(built: dict[str, Path], tmp_path: Path) -> None:
    for name in ("modern", "gongwen"):
        result = _run("pdftoppm", "-r", "30", "-png", str(built[name]), str(tmp_path / name))
        assert result.returncode == 0 and result.stderr == "", result.stderr
        pngs = sorted(tmp_path.glob(f"{name}-*.png"))
        assert len(pngs) == len(PdfReader(built[name]).pages)
        assert all(p.stat().st_size > 1000 for p in pngs)

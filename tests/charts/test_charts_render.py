"""Every chart kind rendered with the shipped fonts: no warning, embedded subset TrueType,
deterministic bytes, searchable text. pdffonts/pdftotext are the real poppler clients."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from reportgen.charts.render_mpl import render_pdf, render_png
from reportgen.charts.samples import sample_specs
from reportgen.charts.spec import ChartSpec, Series
from reportgen.charts.theme import suggested_height_mm
from reportgen.errors import BuildError
from reportgen.fonts.registry import FontRegistry

SPECS = {spec.id: spec for spec in sample_specs()}
KINDS = {"bar", "line", "grouped_bar", "hbar", "stacked_bar", "donut", "progress", "kpi"}


@pytest.fixture(scope="module")
def registry() -> FontRegistry:
    return FontRegistry.load(None)


class RenderedPdfs:
    """Each sample rendered at most once per module (warnings are errors: a missing glyph
    fails the render)."""

    def __init__(self, registry: FontRegistry, folder: Path) -> None:
        self.registry, self.folder = registry, folder
        self.done: dict[str, Path] = {}

    def __getitem__(self, chart_id: str) -> Path:
        if chart_id not in self.done:
            spec = SPECS[chart_id]
            path = self.folder / f"{chart_id}.pdf"
            height = suggested_height_mm(spec.kind, len(spec.categories))
            path.write_bytes(render_pdf(spec, self.registry, height_mm=height))
            self.done[chart_id] = path
        return self.done[chart_id]


@pytest.fixture(scope="module")
def pdfs(registry: FontRegistry, tmp_path_factory: pytest.TempPathFactory) -> RenderedPdfs:
    return RenderedPdfs(registry, tmp_path_factory.mktemp("charts"))


def test_samples_cover_every_kind() -> None:
    assert {s.kind for s in SPECS.values()} == KINDS


def _poppler(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True)


def _check_pdffonts(pdf: Path) -> None:
    result = _poppler("pdffonts", str(pdf))
    assert result.stderr == ""
    rows = result.stdout.splitlines()[2:]
    assert rows, "no fonts in the chart"
    for row in rows:
        assert "CID TrueType" in row and "Type 3" not in row, row
        assert "+ReportgenSansSC-" in row, row  # our file, not a system font
        emb, sub, uni = row.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row


def test_pdf_fonts_are_embedded_subset_cid_truetype(pdfs: RenderedPdfs) -> None:
    _check_pdffonts(pdfs["s-bar"])
    _check_pdffonts(pdfs["s-donut"])


@pytest.mark.slow
@pytest.mark.parametrize("chart_id", sorted(SPECS))
def test_pdf_fonts_of_every_sample(pdfs: RenderedPdfs, chart_id: str) -> None:
    _check_pdffonts(pdfs[chart_id])


def test_pdf_text_is_searchable_with_title_labels_and_source(pdfs: RenderedPdfs) -> None:
    text = _poppler("pdftotext", str(pdfs["s-bar"]), "-").stdout
    for expected in ("平顶山市历年脱贫人口", "单位：万人", "4.31", "2018", "来源："):
        assert expected in text
    donut = _poppler("pdftotext", str(pdfs["s-donut"]), "-").stdout
    assert "78.5%" in donut and "合计（万人）" in donut and "1.86万人" in donut


def test_pdf_page_has_the_requested_size(registry: FontRegistry) -> None:
    from pypdf import PdfReader

    data = render_pdf(SPECS["s-kpi"], registry, width_mm=120, height_mm=40)
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 120
    assert round(float(box.height) / 72 * 25.4) == 40


def test_pdf_and_png_are_deterministic(registry: FontRegistry) -> None:
    spec = SPECS["s-line"]
    first = render_pdf(spec, registry)
    assert first == render_pdf(spec, registry)
    assert render_png(spec, registry, dpi=60) == render_png(spec, registry, dpi=60)
    assert b"CreationDate" not in first


@pytest.mark.parametrize("chart_id", sorted(SPECS))
def test_png_preview_has_the_requested_pixels(registry: FontRegistry, chart_id: str) -> None:
    data = render_png(SPECS[chart_id], registry, width_mm=127, height_mm=63.5, dpi=40)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (200, 100)


def test_edge_cases_render_without_warnings(registry: FontRegistry) -> None:
    empty = ChartSpec("e-empty", "bar", "没有数据的图", ("2019", "2020"),
                      (Series("人数", (None, None)),), unit="人")
    negative = ChartSpec("e-neg", "bar", "增减", ("甲", "乙"), (Series("变化", (-3.5, 2.0)),))
    nan = ChartSpec("e-nan", "line", "缺值", ("1", "2", "3"), (Series("x", (1.0, float("nan"),
                                                                            3.0)),))
    no_series = ChartSpec("e-none", "donut", "空", ("a",), ())
    big_kpi = ChartSpec("e-kpi", "kpi", "", ("资金",), (Series("", (123456789.12,)),), unit="元")
    over = ChartSpec("e-over", "progress", "超额完成", ("完成率",), (Series("", (112.5,)),),
                     unit="%", target=100)
    for spec in (empty, negative, nan, no_series, big_kpi, over):
        assert render_png(spec, registry, dpi=40)[:4] == b"\x89PNG"
    text = _poppler_text(render_pdf(empty, registry))
    assert "无数据" in text


def _poppler_text(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")


def test_series_labels_are_printed_as_given(registry: FontRegistry) -> None:
    spec = replace(SPECS["s-bar"], series=(Series("脱贫人口", (4.31, 3.05, 1.12),
                                                  ("4.31万", "3.05万", "1.12万")),))
    text = _poppler_text(render_pdf(spec, registry))
    assert "4.31万" in text and "1.12万" in text


def test_long_names_are_wrapped_not_clipped(registry: FontRegistry) -> None:
    text = _poppler_text(render_pdf(SPECS["s-long-names"], registry)).replace("\n", "")
    for name in SPECS["s-long-names"].categories:
        assert all(ch in text for ch in name)


def test_bad_sizes_and_kinds_are_build_errors(registry: FontRegistry) -> None:
    with pytest.raises(BuildError, match="too small"):
        render_pdf(SPECS["s-bar"], registry, width_mm=30, height_mm=10)
    with pytest.raises(BuildError, match="unknown chart kind"):
        render_png(replace(SPECS["s-bar"], kind="pie"), registry)  # type: ignore[arg-type]
    crowded = replace(SPECS["s-bar"], title="很长的标题" * 40)
    with pytest.raises(BuildError, match="no room"):
        render_png(crowded, registry, height_mm=25)


def test_a_percentage_axis_ends_at_100_unless_a_value_passes_it() -> None:
    from reportgen.charts.mpl_common import percent_top
    from reportgen.charts.spec import ChartSpec as Spec

    rate = Spec("r", "line", "t", ("2016年",), (), unit="%")
    assert percent_top(rate, 100.0, 125.0) == 100.0
    assert percent_top(rate, 130.0, 160.0) == 160.0
    count = Spec("c", "bar", "t", ("2016年",), (), unit="人")
    assert percent_top(count, 100.0, 116.0) == 116.0

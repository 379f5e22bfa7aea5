"""Vector chart embedding: slot sizes, merging with pypdf, broken chart files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from reportgen.builders.pdf.charts import (
    Placement,
    chart_height_mm,
    merge_charts,
    render_checked,
)
from reportgen.charts.spec import ChartSpec, Series
from reportgen.errors import BuildError


def _spec(kind: str, n: int = 3) -> ChartSpec:
    cats = tuple(f"地区{i}" for i in range(n))
    return ChartSpec(id="c", kind=kind, title="t", categories=cats,  # type: ignore[arg-type]
                     series=(Series("s", tuple(float(i) for i in range(n))),))


def _page(width: float, height: float, text: str = "") -> bytes:
    out = io.BytesIO()
    canv = Canvas(out, pagesize=(width, height), invariant=1)
    canv.setFont("Courier", 12)  # base-14 is fine here: a stand-in chart, not a brief
    canv.drawString(10, 10, text)
    canv.showPage()
    canv.save()
    return out.getvalue()


def test_heights_suit_the_kind() -> None:
    width = 166.0
    assert chart_height_mm(_spec("kpi"), width) < chart_height_mm(_spec("donut"), width)
    assert chart_height_mm(_spec("donut"), width) < chart_height_mm(_spec("bar"), width)
    few, many = chart_height_mm(_spec("hbar", 2), width), chart_height_mm(_spec("hbar", 12), width)
    assert few < many <= 0.8 * width


def test_no_placements_leaves_the_bytes_alone() -> None:
    pdf = _page(200, 200)
    assert merge_charts(pdf, []) is pdf


def test_chart_is_stamped_into_its_slot_and_scaled(tmp_path: Path) -> None:
    chart = tmp_path / "chart.pdf"
    chart.write_bytes(_page(100, 50, "CHART-TEXT"))
    out = merge_charts(_page(400, 400, "PAGE"), [Placement(1, 50, 60, 200, 100, chart)])
    page = PdfReader(io.BytesIO(out)).pages[0]
    assert "CHART-TEXT" in page.extract_text() and "PAGE" in page.extract_text()
    assert len(page.images) == 0  # vector content, not a picture
    # the chart's operators sit inside a transform that scales by 2 and moves to (50, 60)
    content = page.get_contents()
    assert content is not None
    cms = [line.split() for line in content.get_data().splitlines() if line.endswith(b" cm")]
    assert [2.0, 0.0, 0.0, 2.0, 50.0, 60.0] in [[float(x) for x in cm[:6]] for cm in cms]


def test_broken_chart_file_is_a_build_error_with_a_hint(tmp_path: Path) -> None:
    chart = tmp_path / "broken.pdf"
    chart.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(BuildError) as info:
        merge_charts(_page(400, 400), [Placement(1, 0, 0, 10, 10, chart)])
    assert "broken.pdf" in info.value.message and "cache" in info.value.hint


def test_renderer_that_returns_no_file_is_a_build_error(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="renderer returned no file"):
        render_checked(lambda spec, w, h: tmp_path / "missing.pdf", _spec("bar"), 100, 50)

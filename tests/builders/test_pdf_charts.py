"""Vector chart embedding: slot sizes, Drawings scaled into their slot, broken files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing, String
from reportlab.pdfgen.canvas import Canvas

from reportgen.builders.pdf.charts import ChartDrawing, chart_height_mm, render_checked
from reportgen.charts.spec import ChartSpec, Series
from reportgen.errors import BuildError


def _spec(kind: str, n: int = 3) -> ChartSpec:
    cats = tuple(f"地区{i}" for i in range(n))
    return ChartSpec(id="c", kind=kind, title="t", categories=cats,  # type: ignore[arg-type]
                     series=(Series("s", tuple(float(i) for i in range(n))),))


def test_heights_suit_the_kind() -> None:
    width = 166.0
    assert chart_height_mm(_spec("kpi"), width) < chart_height_mm(_spec("donut"), width)
    assert chart_height_mm(_spec("donut"), width) < chart_height_mm(_spec("bar"), width)
    few, many = chart_height_mm(_spec("hbar", 2), width), chart_height_mm(_spec("hbar", 12), width)
    assert few < many <= 0.8 * width


def test_drawing_is_scaled_into_its_slot_as_vector_text() -> None:
    drawing = Drawing(100, 50)
    drawing.add(String(10, 10, "CHART-TEXT", fontName="Courier", fontSize=12))
    flowable = ChartDrawing(drawing, 200, 100)
    assert flowable.wrap(500, 500) == (200, 100)
    out = io.BytesIO()
    canv = Canvas(out, pagesize=(400, 400), invariant=1)
    flowable.drawOn(canv, 50, 60)
    canv.showPage()
    canv.save()
    page = PdfReader(io.BytesIO(out.getvalue())).pages[0]
    assert "CHART-TEXT" in page.extract_text()
    assert len(page.images) == 0  # vector content, not a picture
    content = page.get_contents()
    assert content is not None
    cms = [line.split() for line in content.get_data().splitlines() if line.endswith(b" cm")]
    assert [2.0, 0.0, 0.0, 2.0, 0.0, 0.0] in [[float(x) for x in cm[:6]] for cm in cms]


def test_renderer_that_returns_no_file_is_a_build_error(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="renderer returned no file"):
        render_checked(lambda spec, w, h: tmp_path / "missing.svg", _spec("bar"), 100, 50)

"""Charts as VECTOR graphics drawn in the brief's own fonts.

matplotlib draws each chart as SVG with its text left as text; svglib turns it into a
reportlab Drawing whose labels use the fonts the brief registered for its body text
(charts/svg_drawing.py). So the brief embeds one subset per font face for text and charts
together, the chart text stays searchable, and nothing is rasterised or Type 3.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from reportgen.charts.spec import ChartSpec
from reportgen.errors import BuildError

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

# (spec, width_mm, height_mm) -> path of the chart as SVG (text as text)
ChartRenderer = Callable[[ChartSpec, float, float], Path]
# path of a chart SVG -> the Drawing in the registered fonts
DrawingLoader = Callable[[Path], "Drawing"]

POINTS_PER_MM = 72 / 25.4


class ChartDrawing(Flowable):
    """A chart Drawing scaled to exactly ``width × height`` points."""

    def __init__(self, drawing: Drawing, width: float, height: float) -> None:
        super().__init__()
        self.drawing = drawing
        self.width, self.height = width, height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        d = self.drawing
        sx = self.width / float(d.width) if d.width else 1.0
        sy = self.height / float(d.height) if d.height else 1.0
        self.canv.saveState()
        self.canv.scale(sx, sy)
        d.drawOn(self.canv, 0, 0)
        self.canv.restoreState()


def chart_height_mm(spec: ChartSpec, width_mm: float) -> float:
    """A height that suits the kind: bars need room, a single KPI very little."""
    if spec.kind == "hbar":
        return min(max(24 + 9 * len(spec.categories), 0.35 * width_mm), 0.8 * width_mm)
    if spec.kind in ("donut", "progress"):
        return 0.42 * width_mm
    if spec.kind == "kpi":
        return 0.25 * width_mm
    return 0.52 * width_mm


def render_checked(render: ChartRenderer, spec: ChartSpec, width_mm: float,
                   height_mm: float) -> Path:
    path = render(spec, width_mm, height_mm)
    if not path.is_file():
        raise BuildError(f"chart {spec.id!r}: renderer returned no file ({path.name})",
                         hint="delete the .reportgen/cache folder and build again")
    return path

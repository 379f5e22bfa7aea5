"""Charts as VECTOR graphics: matplotlib draws each chart as a one-page PDF, reportlab
leaves an empty slot of the same size, and pypdf stamps the chart page into the slot.

No raster images: the text of the charts stays searchable and sharp at any zoom, and
their fonts stay embedded (TrueType, subset) as matplotlib wrote them.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from reportgen.charts.spec import ChartSpec
from reportgen.errors import BuildError

if TYPE_CHECKING:
    from pypdf import PdfReader

# (spec, width_mm, height_mm) -> path of a one-page vector PDF of the chart
ChartRenderer = Callable[[ChartSpec, float, float], Path]

POINTS_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Placement:
    page: int  # 1-based
    x: float  # lower-left corner on the page, points
    y: float
    width: float
    height: float
    path: Path


@dataclass
class Placements:
    """Where the slots landed; filled while the final pass draws."""

    items: list[Placement] = field(default_factory=list)


class ChartSlot(Flowable):
    """Reserves ``width × height`` points and records where it was drawn."""

    def __init__(self, width: float, height: float, path: Path, sink: Placements) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.path = path
        self.sink = sink

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        self.sink.items.append(
            Placement(self.canv.getPageNumber(), x, y, self.width, self.height, self.path))


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


def merge_charts(pdf: bytes, placements: list[Placement]) -> bytes:
    """Stamp every chart page into its slot; bytes in, bytes out, deterministic."""
    if not placements:
        return pdf
    from pypdf import PdfReader, PdfWriter, Transformation

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.pdf_header = pdf[: pdf.index(b"\n")]  # keep reportlab's version (1.4)
    readers: dict[Path, PdfReader] = {}  # one reader per file: a chart may repeat
    touched: set[int] = set()
    for p in placements:
        if p.path not in readers:
            readers[p.path] = _read_chart(p.path)
        chart = readers[p.path].pages[0]
        box = chart.mediabox
        sx = p.width / float(box.width)
        sy = p.height / float(box.height)
        move = (Transformation().translate(-float(box.left), -float(box.bottom))
                .scale(sx, sy).translate(p.x, p.y))
        page = writer.pages[p.page - 1]
        page.merge_transformed_page(chart, move)
        touched.add(p.page - 1)
    for index in sorted(touched):
        writer.pages[index].compress_content_streams()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _read_chart(path: Path) -> PdfReader:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(path)
        if len(reader.pages) != 1:
            raise PyPdfError(f"{len(reader.pages)} pages instead of one")
    except (PyPdfError, OSError, ValueError) as exc:
        raise BuildError(f"chart file {path.name} cannot be read: {exc}",
                         hint="delete the .reportgen/cache folder and build again") from exc
    return reader

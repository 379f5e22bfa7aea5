"""Big numbers: KPI cards (核心指标) laid out in a grid inside the layout's area."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu

from reportgen.builders.pptx.template import Box
from reportgen.builders.pptx.text import (
    EMU_PER_PT,
    LINE_HEIGHT,
    Measure,
    Style,
    Typefaces,
    fit_text,
    write_runs,
)
from reportgen.report.model import Kpi

CARD_FILL, BAR, NUMBER, LABEL, MUTED = "F2F5F9", "C0392B", "1F4E79", "262626", "7F7F7F"
GAP = 182880  # 0.2 in between cards
PAD = 137160  # 0.15 in inside a card
PER_SLIDE = 8


def grid(count: int) -> tuple[int, int]:
    """(columns, rows): 4 → 4×1, 5–6 → 3×2, 7–8 → 4×2, 1–3 → one row."""
    if count <= 4:
        return count, 1
    columns = math.ceil(count / 2)
    return columns, 2


def cells(box: Box, count: int) -> list[Box]:
    columns, rows = grid(count)
    width = (box.width - GAP * (columns - 1)) // columns
    height = min((box.height - GAP * (rows - 1)) // rows, round(box.height * 0.62))
    top = box.top + (box.height - rows * height - GAP * (rows - 1)) // 2
    return [Box(box.left + (i % columns) * (width + GAP), top + (i // columns) * (height + GAP),
                width, height) for i in range(count)]


def _number_size(number: str, unit: str, width: int, measure: Measure,
                 largest: float) -> float:
    """Largest size (step 2 pt, unit at half size) at which the figure fits one line."""
    size = largest
    while size > 14:
        # the unit is set at half size after a quarter-em gap (CJK/Latin autospace)
        needed = (measure(number) + measure(unit) * 0.5 + 0.25) * size * EMU_PER_PT * 1.08
        if needed <= width:
            break
        size -= 2
    return size


def number_size(box: Box, number: str, unit: str, measure: Measure) -> float:
    """The figure's font size in a card of this size."""
    inner = box.inset(PAD, PAD)
    return _number_size(number, unit, inner.width, measure,
                        min(48.0, inner.height / EMU_PER_PT / 3))


def card(slide: Any, box: Box, faces: Typefaces, measure: Measure, *, number: str,
         unit: str, label: str, sub: str = "", size: float = 0) -> Any:
    """One card: the figure (with its unit) over its label and period, in a tinted box."""
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(box.left), Emu(box.top),
                                   Emu(box.width), Emu(box.height))
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(CARD_FILL)
    shape.line.fill.background()
    shape.shadow.inherit = False
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(box.left), Emu(box.top),
                                 Emu(box.width), Emu(54864))
    bar.fill.solid()
    bar.fill.fore_color.rgb = RGBColor.from_string(BAR)
    bar.line.fill.background()
    bar.shadow.inherit = False
    inner = box.inset(PAD, PAD)
    size = size or number_size(box, number, unit, measure)
    rest = inner.height - round(size * LINE_HEIGHT * EMU_PER_PT)
    texts = [t for t in (label, sub) if t]
    fit = fit_text(texts, inner.width, max(rest, 1), max_pt=18, min_pt=10, measure=measure,
                   space_after=0.2)
    paragraphs: list[list[tuple[str, Style]]] = [[
        (number, Style(size, bold=True, color=NUMBER, align="ctr")),
        (unit, Style(max(size / 2, 10), color=NUMBER)),
    ]]
    for i, text in enumerate(fit.paragraphs):
        small = fit.size_pt if i == 0 else max(fit.size_pt - 3, 9)
        paragraphs.append([(text, Style(small, color=LABEL if i == 0 else MUTED,
                                        align="ctr"))])
    tf = shape.text_frame
    write_runs(tf, paragraphs, faces, space_after=0.2)
    tf.vertical_anchor = MSO_ANCHOR.MIDDLE
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(tf, side, Emu(PAD))
    return shape


def kpi_cards(slide: Any, box: Box, kpis: Sequence[Kpi], faces: Typefaces,
              measure: Measure) -> None:
    boxes = cells(box, len(kpis))
    # one figure size for the whole slide: the largest at which every figure fits
    size = min(number_size(b, k.number_text, k.unit_text, measure)
               for k, b in zip(kpis, boxes, strict=True))
    for kpi, cell in zip(kpis, boxes, strict=True):
        card(slide, cell, faces, measure, number=kpi.number_text, unit=kpi.unit_text,
             label=kpi.label, sub=kpi.period_label, size=size)

"""The 简报 版头 and 版记 of a 公文-style brief (GB/T 9704-2012, 简报 practice).

版头: the 简报 name in red 小标宋, the 期号, then 编印单位 at the left and the full date at
the right above a red rule across the type area. 版记: at the foot of the last page,
报/送/发 lines between rules, then 印发单位 and 印发日期. Every text comes from
``reportgen.toml`` (``brief_*``) or the data: the date is never the clock's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Spacer, Table, TableStyle

from reportgen.builders.pdf.markup import esc
from reportgen.builders.pdf.styles import PdfStyle

if TYPE_CHECKING:
    from reportgen.config import Config
    from reportgen.report.model import Report

RED = colors.HexColor("#C00000")
THICK, THIN = 0.35 * mm, 0.25 * mm  # GB/T 9704 7.4.1: 版记 rules


@dataclass(frozen=True)
class Masthead:
    """What the 版头 and 版记 print (resolved from config and report)."""

    name: str  # 简报 name
    issue: str  # 期号 ("" = none)
    compiler: str  # 编印单位
    date: str  # "2021年2月25日"
    report_to: tuple[str, ...]  # 报
    copy_to: tuple[str, ...]  # 送
    send_to: tuple[str, ...]  # 发
    printer: str  # 印发单位

    @classmethod
    def from_config(cls, config: Config, report: Report) -> Masthead:
        compiler = config.brief_compiler or report.issuer
        return cls(name=config.brief_name, issue=config.brief_issue, compiler=compiler,
                   date=cn_date(config.brief_date or report.date_text),
                   report_to=config.brief_report_to, copy_to=config.brief_copy_to,
                   send_to=config.brief_send_to, printer=config.brief_printer or compiler)

    def distribution(self) -> list[tuple[str, str]]:
        """(label, "甲，乙。") for each 报/送/发 line that has recipients."""
        groups = (("报", self.report_to), ("送", self.copy_to), ("发", self.send_to))
        return [(label, "，".join(names) + "。") for label, names in groups if names]


def cn_date(text: str) -> str:
    """"2021-02-25" → "2021年2月25日"; "2021-02" → "2021年2月"; other text unchanged."""
    match = re.fullmatch(r"\s*(\d{4})(?:[-/.年](\d{1,2}))?(?:[-/.月](\d{1,2}))?日?\s*", text)
    if not match:
        return text
    year, month, day = match.groups()
    return (f"{year}年" + (f"{int(month)}月" if month else "")
            + (f"{int(day)}日" if month and day else ""))


def banner(head: Masthead, st: PdfStyle) -> list[Flowable]:
    """版头: red 简报 name, 期号, 编印单位 | date, red rule."""
    p = st.para
    out: list[Flowable] = [Paragraph(esc(head.name), p["masthead"])]
    if head.issue:
        out.append(Paragraph(esc(head.issue), p["meta"]))
    out += [Spacer(1, 2 * mm), _two_sides(head.compiler, head.date, st),
            HRFlowable(width="100%", thickness=1.0, color=RED, spaceBefore=1 * mm,
                       spaceAfter=p["body"].leading / 2, lineCap="butt")]
    return out


def _two_sides(left: str, right: str, st: PdfStyle, style: str = "meta") -> Table:
    """One line with text at the left and at the right edge of the type area."""
    ps = st.para[style]
    side = ps.clone(f"{style}-side", alignment=0, firstLineIndent=0)
    end = ps.clone(f"{style}-end", alignment=2, firstLineIndent=0)
    half = st.frame_width / 2
    table = Table([[Paragraph(esc(left), side), Paragraph(esc(right), end)]],
                  colWidths=[half, half], hAlign="LEFT")
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), ps.fontName, ps.fontSize)] + [
        (f"{edge}PADDING", (0, 0), (-1, -1), 0) for edge in ("LEFT", "RIGHT", "TOP", "BOTTOM")]))
    return table


class ImprintBlock(Flowable):
    """版记 at the foot of the page it lands on (the last page): takes the rest of it."""

    def __init__(self, parts: list[Flowable], width: float) -> None:
        super().__init__()
        self.parts = parts
        self.block_width = width
        self._heights: list[float] = []
        self._avail = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._heights = [part.wrap(self.block_width, availHeight)[1] for part in self.parts]
        need = sum(self._heights)
        self._avail = max(availHeight, need)
        return self.block_width, self._avail if availHeight >= need else need

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        return []  # never split: the whole 版记 moves to the next page

    def draw(self) -> None:
        y = sum(self._heights)
        for part, height in zip(self.parts, self._heights, strict=True):
            y -= height
            part.drawOn(self.canv, 0, y)


def imprint(head: Masthead, st: PdfStyle) -> list[Flowable]:
    """版记: 报/送/发 lines and 印发单位 + 印发日期 between rules, at the page foot."""
    line = st.para["imprint"]
    indent = line.fontSize  # one character in from both edges (GB/T 9704 7.4.2)
    rows = line.clone("imprint-row", leftIndent=indent, rightIndent=indent,
                      firstLineIndent=0)
    parts: list[Flowable] = [_rule(THICK, st)]
    for label, names in head.distribution():
        parts += [Paragraph(f"{label}：{esc(names)}", rows), _rule(THIN, st)]
    printed = _two_sides(head.printer, f"{head.date}印发", st, "imprint")
    printed.setStyle(TableStyle([("LEFTPADDING", (0, 0), (0, 0), indent),
                                 ("RIGHTPADDING", (1, 0), (1, 0), indent)]))
    parts += [printed, _rule(THICK, st)]
    return [ImprintBlock(parts, st.frame_width)]


def _rule(width: float, st: PdfStyle) -> Flowable:
    # butt caps: reportlab's default round caps reach half the thickness past each end
    return HRFlowable(width=st.frame_width, thickness=width, color=colors.black,
                      spaceBefore=1.5 * mm, spaceAfter=1.5 * mm, lineCap="butt")


"""Document template: page frame, running header, page numbers, outline, fixed dates.

Page numbers "第 X 页 / 共 Y 页" need the total, known only after the last page: each
page draws its footer as a reference to a form XObject that ``FooterCanvas.save`` defines
once the total is known (PDF lets a page use a form defined later), so the story is laid
out once. Deferring ``showPage`` instead (the usual NumberedCanvas trick) would point
every bookmark at page 1.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from reportgen.builders.pdf.styles import PdfStyle


@dataclass(frozen=True)
class DocInfo:
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    creator: str
    date: tuple[int, int, int] | None  # creation date written into the metadata


def pdf_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) from "2021-02-25", "2021年2月", "2019-09", "2020" …; None if none."""
    match = re.search(r"(\d{4})(?:\D{1,2}(\d{1,2}))?(?:\D{1,2}(\d{1,2}))?", text)
    if not match:
        return None
    year, month, day = (int(g) if g else 1 for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return year, month, day


class BriefDoc(BaseDocTemplate):
    """One frame per page; decorations drawn by ``onPage``; outline from headings."""

    def __init__(self, dest: Any, style: PdfStyle, info: DocInfo, **kw: Any) -> None:
        super().__init__(
            dest, pagesize=(style.page_width, style.page_height),
            title=info.title, author=info.author, subject=info.subject,
            keywords=list(info.keywords), creator=info.creator, producer="reportgen (reportlab)",
            invariant=1, lang="zh-CN", displayDocTitle=1,
            initialFontName=style.para["body"].fontName, initialFontSize=10,
            leftMargin=style.left, bottomMargin=style.bottom, **kw,
        )
        self.brief_style = style
        self.brief_info = info
        frame = Frame(style.left, style.bottom, style.frame_width, style.frame_height,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    def afterFlowable(self, flowable: Flowable) -> None:
        outline = getattr(flowable, "outline", None)
        if outline:
            key, title, level = outline
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level, closed=False)

    def _decorate(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        page = canv.getPageNumber()
        st = self.brief_style
        canv.saveState()
        if st.header and page > 1:
            _header(canv, st, self.brief_info.title)
        if st.page_numbers == "dash":
            _dash_number(canv, st, page)
        else:
            _of_total_later(canv, st, page)
        canv.restoreState()


def _header(canv: Canvas, st: PdfStyle, title: str) -> None:
    ps = st.para["header"]
    y = st.bottom + st.frame_height + 8 * mm
    canv.setFont(ps.fontName, ps.fontSize)
    canv.setFillColor(ps.textColor)
    canv.drawString(st.left, y, _fit(title, ps.fontName, ps.fontSize, st.frame_width))
    canv.setStrokeColor(st.rule)
    canv.setLineWidth(0.5)
    canv.line(st.left, y - 3, st.left + st.frame_width, y - 3)


def _of_total(canv: Canvas, st: PdfStyle, page: int, total: int | None) -> None:
    ps = st.para["header"]
    text = f"第 {page} 页 / 共 {total if total else page} 页"
    canv.setFont(ps.fontName, ps.fontSize + 1)
    canv.setFillColor(ps.textColor)
    canv.drawCentredString(st.left + st.frame_width / 2, st.bottom - 12 * mm, text)


def _of_total_later(canv: Canvas, st: PdfStyle, page: int) -> None:
    """"第 X 页 / 共 Y 页" drawn by the canvas at save, when Y is known."""
    if not isinstance(canv, FooterCanvas):
        raise TypeError("BriefDoc needs a FooterCanvas: build it with "
                        "canvasmaker=canvas_maker(...)")
    canv.draw_at_save(f"PageOf{page}", lambda form, total: _of_total(form, st, page, total))


def _dash_number(canv: Canvas, st: PdfStyle, page: int) -> None:
    """GB/T 9704 7.5: 4号 Arabic numerals between dashes, 7 mm below the type area;
    odd pages right, even pages left, each one character in from the edge."""
    ps = st.para["header"]
    text = f"— {page} —"
    canv.setFont(ps.fontName, ps.fontSize)
    canv.setFillColor(ps.textColor)
    y = st.bottom - 7 * mm - ps.fontSize
    if page % 2:
        canv.drawRightString(st.left + st.frame_width - ps.fontSize, y, text)
    else:
        canv.drawString(st.left + ps.fontSize, y, text)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten a running-header text with "…" so it never runs past the frame."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


class FooterCanvas(Canvas):
    """Canvas that draws what needs the page total (footers) at ``save``.

    ``draw_at_save(name, draw)`` puts the form XObject ``name`` on the current page;
    ``save`` defines each form with ``draw(canvas, total)`` in the page's coordinates,
    then writes the file. Nothing deferred ⇒ a plain ``Canvas.save``.
    """

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._at_save: dict[str, Callable[[Canvas, int], None]] = {}

    def draw_at_save(self, name: str, draw: Callable[[Canvas, int], None]) -> None:
        self.doForm(name)
        self._at_save[name] = draw

    def save(self) -> None:
        if len(self._code):  # as Canvas.save: a page still open is finished first
            self.showPage()
        total = self.getPageNumber() - 1
        for name, draw in self._at_save.items():
            self.beginForm(name)
            draw(self, total)
            self.endForm()
        super().save()


class NoSaveCanvas(Canvas):
    """Canvas for the bundle's counting pass: lays out pages, writes nothing."""

    def save(self) -> None:
        return None


def canvas_maker(date: tuple[int, int, int] | None,
                 base: type[Canvas] = FooterCanvas) -> Callable[..., Canvas]:
    """Canvas factory for ``doc.build``: fixed creation date, outline shown on open."""

    def make(*args: Any, **kw: Any) -> Canvas:
        canv = base(*args, **kw)
        if date:
            stamp = "D:{:04d}{:02d}{:02d}000000+00'00'".format(*date)
            canv.setDateFormatter(lambda *_: stamp)
        canv.showOutline()
        # /Lang and the charts' alpha (matplotlib ExtGState) are PDF 1.4 features
        canv._doc.ensureMinPdfVersion("transparency")
        return canv

    return make

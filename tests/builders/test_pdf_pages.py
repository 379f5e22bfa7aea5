"""The page decorations of builders/pdf/pages.py: "第 X 页 / 共 Y 页" filled in at save
(one layout pass), bookmarks on the pages their headings land on, same bytes twice."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pdf_samples import load_fonts
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph

from reportgen.builders.pdf.blocks import Heading
from reportgen.builders.pdf.pages import BriefDoc, DocInfo, FooterCanvas, canvas_maker
from reportgen.builders.pdf.styles import PdfStyle, make_style

INFO = DocInfo(title="测试简报", author="测试", subject="测试", keywords=(), creator="reportgen",
               date=(2021, 2, 25))
PAGES = 3


@pytest.fixture(scope="module")
def modern() -> PdfStyle:
    return make_style("modern", load_fonts().register_reportlab())


def _story(st: PdfStyle) -> list[Flowable]:
    out: list[Flowable] = []
    for n in range(1, PAGES + 1):
        out += [PageBreak()] if n > 1 else []
        out += [Heading(f"第{n}节", st.para["h1"], f"s{n}", f"第{n}节"),
                Paragraph("正文" * 40, st.para["body"])]
    return out


def _build(st: PdfStyle) -> bytes:
    out = io.BytesIO()
    BriefDoc(out, st, INFO).build(_story(st), canvasmaker=canvas_maker(INFO.date))
    return out.getvalue()


def test_of_total_footer_on_every_page_from_a_form_defined_at_save(modern: PdfStyle) -> None:
    reader = PdfReader(io.BytesIO(_build(modern)))
    assert len(reader.pages) == PAGES
    for number, page in enumerate(reader.pages, start=1):
        assert f"第 {number} 页 / 共 {PAGES} 页" in page.extract_text()
        xobjects = page["/Resources"]["/XObject"]  # type: ignore[index]
        assert list(xobjects) == [f"/FormXob.PageOf{number}"]


def test_bookmarks_point_at_the_pages_their_headings_land_on(modern: PdfStyle) -> None:
    reader = PdfReader(io.BytesIO(_build(modern)))
    entries = [(str(item.title), reader.get_destination_page_number(item))
               for item in reader.outline if not isinstance(item, list)]
    assert entries == [(f"第{n}节", n - 1) for n in range(1, PAGES + 1)]


def test_same_story_same_bytes(modern: PdfStyle) -> None:
    assert _build(modern) == _build(modern)


def test_dash_numbers_need_no_forms(modern: PdfStyle) -> None:
    gongwen = make_style("gongwen", load_fonts().register_reportlab())
    reader = PdfReader(io.BytesIO(_build(gongwen)))
    for number, page in enumerate(reader.pages, start=1):
        assert f"— {number} —" in page.extract_text()
        assert "/XObject" not in page["/Resources"]  # type: ignore[operator]


def test_footer_canvas_draws_each_deferred_form_once_with_the_total() -> None:
    seen: list[tuple[str, int]] = []
    out = io.BytesIO()
    canv = FooterCanvas(out, invariant=1)
    for number in (1, 2):
        canv.draw_at_save(f"n{number}",
                          lambda c, total, n=number: seen.append((f"n{n}", total)))
        canv.showPage()
    assert seen == []
    canv.save()
    assert seen == [("n1", 2), ("n2", 2)]
    assert len(PdfReader(io.BytesIO(out.getvalue())).pages) == 2


def test_footer_canvas_without_deferred_forms_writes_what_canvas_writes() -> None:
    files = []
    for kind in (Canvas, FooterCanvas):
        out = io.BytesIO()
        canv = kind(out, invariant=1)
        canv.drawString(72, 72, "x")
        canv.save()
        files.append(out.getvalue())
    assert files[0] == files[1]


def test_brief_doc_refuses_a_canvas_that_cannot_defer(modern: PdfStyle) -> None:
    with pytest.raises(TypeError, match="FooterCanvas"):
        BriefDoc(io.BytesIO(), modern, INFO).build(_story(modern), canvasmaker=Canvas)


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="needs qpdf")
def test_qpdf_accepts_forms_defined_after_the_pages(modern: PdfStyle, tmp_path: Path) -> None:
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(_build(modern))
    check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True,
                           check=False)
    assert check.returncode == 0, check.stdout + check.stderr

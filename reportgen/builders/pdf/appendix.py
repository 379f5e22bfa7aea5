"""Appendices: 数据来源 (sources and numbered citations), 指标说明, 数据核查.

modern: "附录一　数据来源" … as top-level headings after a page break.
gongwen: a 附件 list after the 落款, then each 附件N on a new page (GB/T 9704 8.x):
"附件N" in 黑体 at the top left, its title centred.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph

from reportgen.builders.pdf.blocks import Heading, heading
from reportgen.builders.pdf.markup import cn_number, esc
from reportgen.builders.pdf.styles import PdfStyle
from reportgen.builders.pdf.tables import data_table
from reportgen.report.model import Report

APPENDIX_ROOM = 0.5  # share of a page the body must leave free to go on below it
Part = tuple[str, str, Callable[[Report, PdfStyle], list[Flowable]]]  # key, title, body


def appendices(report: Report, st: PdfStyle, closing: list[Flowable]) -> list[Flowable]:
    """The appendices; ``closing`` (the gongwen 落款) goes after the 附件 list."""
    parts = _parts(report)
    if st.name == "gongwen":
        return _gongwen(report, st, parts, closing)
    if not parts:
        return list(closing)
    # a new page only when the last body page is at least half full: no page of the
    # body is left 12–21% full for the appendices' sake
    out: list[Flowable] = [*closing, CondPageBreak(st.frame_height * APPENDIX_ROOM)]
    for i, (key, title, body) in enumerate(parts, start=1):
        text = f"附录{cn_number(i)}　{title}"
        out += heading(esc(text), st, key, text)
        out += body(report, st)
    return out


def _parts(report: Report) -> list[Part]:
    parts: list[Part] = []
    if report.sources or report.citations:
        parts.append(("app-sources", "数据来源", _sources))
    if report.definitions:
        parts.append(("app-definitions", "指标说明", _definitions))
    if report.checks:
        parts.append(("app-checks", "数据核查", _checks))
    return parts


def _gongwen(report: Report, st: PdfStyle, parts: list[Part],
             closing: list[Flowable]) -> list[Flowable]:
    if not parts:
        return list(closing)
    body = st.para["body"]
    # 附件说明: one blank line, two characters in, names aligned after "附件："
    listing = body.clone("annex_list", firstLineIndent=-3 * body.fontSize,
                         leftIndent=5 * body.fontSize, spaceBefore=body.leading)
    names = "<br/>".join(f"{i}．{esc(t)}" for i, (_, t, _) in enumerate(parts, start=1))
    out: list[Flowable] = [Paragraph(f"附件：{names}", listing), *closing]
    annex_head = st.para["h1"].clone("annex_head", firstLineIndent=0)
    for i, (key, title, make) in enumerate(parts, start=1):
        out += [PageBreak(),
                Heading(f"附件{i}", annex_head, key, f"附件{i}　{title}"),
                Paragraph(f"<b>{esc(title)}</b>", st.para["title"])]
        out += make(report, st)
    return out


def _sources(report: Report, st: PdfStyle) -> list[Flowable]:
    out: list[Flowable] = []
    if report.sources:
        out += _sub(st, "（一）资料来源" if report.citations else "资料来源")
        for n, s in enumerate(report.sources, start=1):
            facts = "，".join(esc(x) for x in (s.publisher, s.date) if x)
            text = f"来源{n}　《{esc(s.title)}》" + (f"，{facts}" if facts else "")
            out.append(Paragraph(text + "。", _hanging(st)))
    if report.citations:
        out += _sub(st, "（二）引用说明" if report.sources else "引用说明")
        numbers = {s.id: n for n, s in enumerate(report.sources, start=1)}
        for c in report.citations:
            # "来源2" points into the list above; the title only when it is not listed
            origin = (f"来源{numbers[c.source.id]}" if c.source.id in numbers
                      else f"《{esc(c.source.title)}》")
            # data files and rows are for the table keepers: output/citations.json
            text = f"[{c.number}]　{origin}：{esc(c.shown)}"
            out.append(Paragraph(text, _hanging(st)))
    return out


def _definitions(report: Report, st: PdfStyle) -> list[Flowable]:
    rows = [(d.name, d.unit, d.category, d.description or "—") for d in report.definitions]
    return [data_table(st, ("指标", "单位", "类别", "说明"), rows, weights=(4, 1.4, 2, 6))]


def _checks(report: Report, st: PdfStyle) -> list[Flowable]:
    intro = ("以下数据核查提示涉及本地区，相关数字已按原文刊印，正文中以※标出，"
             "使用时请结合说明核对。")
    out: list[Flowable] = [Paragraph(intro, st.para["body"])]
    for i, f in enumerate(report.checks, start=1):
        # where the rows are and how to fix them is for the staff: `reportgen validate`
        text = f"{i}．{esc(f.reader_message())}"
        out.append(Paragraph(text, _hanging(st)))
    return out


def _sub(st: PdfStyle, text: str) -> list[Flowable]:
    room = st.para["h2"].leading * 2 + 3 * st.para["small"].leading
    return [CondPageBreak(room), Paragraph(esc(text), st.para["h2"])]


def _hanging(st: PdfStyle) -> object:
    """List item style: the number hangs, wrapped lines align with the text."""
    small = st.para["small"]
    return small.clone("hanging", leftIndent=3 * small.fontSize,
                       firstLineIndent=-3 * small.fontSize)

"""The two PDF styles: "modern" (briefing, default) and "gongwen" (GB/T 9704-2012).

A style is page geometry + paragraph styles + colours. Frame widths are a whole number
of body characters because reportlab's TA_JUSTIFY does not stretch CJK lines: ragged
right edges would otherwise show on every line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from reportgen.errors import BuildError

STYLES = ("modern", "gongwen")
FontRoles = dict[str, str]  # role ("sans", "serif", "kai", "fangsong", "title") -> font name


@dataclass(frozen=True)
class PdfStyle:
    name: str
    page_width: float
    page_height: float
    left: float  # frame origin and size, points
    bottom: float
    frame_width: float
    frame_height: float
    chars_per_line: int
    fonts: FontRoles
    para: dict[str, ParagraphStyle]
    accent: colors.Color
    muted: colors.Color
    rule: colors.Color
    header: bool  # running header with the title (modern only; GB/T 9704 has none)
    citation_marks: bool  # superscript [n] marks in the text (a 公文 lists sources in a 附件)
    page_numbers: Literal["of-total", "dash"]  # 第 X 页 / 共 Y 页  or  — X —


def make_style(name: str, fonts: FontRoles) -> PdfStyle:
    if name not in STYLES:
        raise BuildError(f"unknown PDF style {name!r}",
                         hint=f"set style to one of {', '.join(STYLES)} in reportgen.toml")
    roles = _complete_roles(fonts)
    return _gongwen(roles) if name == "gongwen" else _modern(roles)


def _complete_roles(fonts: FontRoles) -> FontRoles:
    """Fill missing roles from the ones present (a project may ship one font only)."""
    if not fonts:
        raise BuildError("no fonts registered for the PDF",
                         hint="put TrueType fonts in fonts/ (see README, Fonts)")
    first = next(iter(fonts.values()))
    serif = fonts.get("serif") or fonts.get("sans") or first
    sans = fonts.get("sans") or serif
    kai = fonts.get("kai") or serif
    return {"serif": serif, "sans": sans, "kai": kai,
            "fangsong": fonts.get("fangsong") or serif, "title": fonts.get("title") or serif}


def _modern(f: FontRoles) -> PdfStyle:
    width, height = A4
    size = 10.5  # 五号
    chars = int((width - 2 * 20 * mm) // size)
    frame_w = chars * size
    accent = colors.HexColor("#1F4E79")
    muted = colors.HexColor("#5B6770")
    body = _ps("body", f["serif"], size, 18, firstLineIndent=2 * size, spaceAfter=4,
               allowWidows=0)
    para = {
        "body": body,
        "title": _ps("title", f["sans"], 24, 32, textColor=accent, spaceAfter=6),
        "subtitle": _ps("subtitle", f["sans"], 14, 20, textColor=muted, spaceAfter=10),
        "meta": _ps("meta", f["sans"], 9, 14, textColor=muted),
        "issuer": _ps("issuer", f["sans"], 10, 14, textColor=accent, spaceAfter=14),
        "h1": _ps("h1", f["sans"], 15, 22, textColor=accent, spaceBefore=14, spaceAfter=8),
        "h2": _ps("h2", f["sans"], 12, 18, textColor=accent, spaceBefore=8, spaceAfter=4),
        "caption": _ps("caption", f["sans"], 10, 15, spaceBefore=6, spaceAfter=2),
        "source": _ps("source", f["serif"], 8.5, 12, textColor=muted, spaceAfter=8),
        "cell": _ps("cell", f["serif"], 9, 13),
        "cell_head": _ps("cell_head", f["sans"], 9, 13, textColor=colors.white),
        "small": _ps("small", f["serif"], 9, 14, spaceAfter=3),
        "kpi_label": _ps("kpi_label", f["sans"], 9, 12, textColor=muted),
        "kpi_number": _ps("kpi_number", f["sans"], 20, 26, textColor=accent),
        "kpi_period": _ps("kpi_period", f["sans"], 8, 11, textColor=muted),
        "empty": _ps("empty", f["serif"], size, 18, textColor=muted),
        "header": _ps("header", f["sans"], 8, 10, textColor=muted),
    }
    return PdfStyle(
        name="modern", page_width=width, page_height=height,
        left=(width - frame_w) / 2, bottom=22 * mm, frame_width=frame_w,
        frame_height=height - 22 * mm - 24 * mm, chars_per_line=chars, fonts=f, para=para,
        accent=accent, muted=muted, rule=colors.HexColor("#C9D3DC"),
        header=True, page_numbers="of-total", citation_marks=True,
    )


def _gongwen(f: FontRoles) -> PdfStyle:
    """GB/T 9704-2012: A4; top margin 37 mm, binding margin 28±1 mm, type area 156×225 mm,
    22 lines × 28 characters, body 仿宋 3号 (16 pt), title 小标宋 2号 (22 pt).

    28 characters of 16 pt are 158 mm, so the binding margin takes its 1 mm tolerance
    (27 mm) and the right margin gives the rest: the line keeps exactly 28 characters.
    """
    width, height = A4
    size, chars = 16.0, 28
    line = 225 * mm / 22  # 22 lines in the type area
    red = colors.HexColor("#C00000")
    body = _ps("body", f["fangsong"], size, line, firstLineIndent=2 * size, allowWidows=0)
    para = {
        "body": body,
        "title": _ps("title", f["title"], 22, line * 1.25, alignment=TA_CENTER,
                     spaceBefore=line / 2, spaceAfter=line / 2),
        "masthead": _ps("masthead", f["title"], 36, 44, alignment=TA_CENTER, textColor=red,
                        spaceAfter=2),
        "imprint": _ps("imprint", f["fangsong"], 14, 20),  # 版记: 4号 仿宋
        "subtitle": _ps("subtitle", f["kai"], size, line, alignment=TA_CENTER),
        "meta": _ps("meta", f["fangsong"], size, line, alignment=TA_CENTER),
        "issuer": _ps("issuer", f["title"], 26, 34, alignment=TA_CENTER, textColor=red),
        "h1": _ps("h1", f["sans"], size, line, firstLineIndent=2 * size),
        "h2": _ps("h2", f["kai"], size, line, firstLineIndent=2 * size),
        "caption": _ps("caption", f["sans"], 14, line, alignment=TA_CENTER),
        "source": _ps("source", f["fangsong"], 12, 18, alignment=TA_LEFT, spaceAfter=6),
        "cell": _ps("cell", f["fangsong"], 12, 16),
        "cell_head": _ps("cell_head", f["sans"], 12, 16),
        "small": _ps("small", f["fangsong"], 14, 22, spaceAfter=2),
        "kpi_label": _ps("kpi_label", f["fangsong"], 12, 16),
        "kpi_number": _ps("kpi_number", f["sans"], 18, 22),
        "kpi_period": _ps("kpi_period", f["fangsong"], 10.5, 14),
        "empty": _ps("empty", f["fangsong"], size, line, firstLineIndent=2 * size),
        "header": _ps("header", f["fangsong"], 14, 16),  # 4号 page numbers
    }
    return PdfStyle(
        name="gongwen", page_width=width, page_height=height,
        left=27 * mm, bottom=height - 37 * mm - 225 * mm, frame_width=chars * size,
        frame_height=225 * mm + 0.5, chars_per_line=chars, fonts=f, para=para,
        accent=red, muted=colors.black, rule=red, header=False, page_numbers="dash",
        citation_marks=False,
    )


def _ps(name: str, font: str, size: float, leading: float, **kw: object) -> ParagraphStyle:
    # wordWrap CJK everywhere: Latin-only strings wrap fine with it, Chinese needs it
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading,
                          wordWrap="CJK", bulletFontName=font, **kw)

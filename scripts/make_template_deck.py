"""Generate templates/deck.pptx: the 16:9 template deck the PPTX builder fills.

python-pptx's default template is 4:3, carries eleven English layouts and a stranger's
name in its core properties, and has no API to delete slides or layouts. We start from
it, set 16:9, keep six layouts renamed to the names the builder looks up, give them our
own placeholders (by name: Title, Subtitle, Meta, Text, Chart, Numbers, Table, Note),
set the theme's East Asian fonts (a:ea) and colours by editing XML, and write the file
reproducibly (same script ⇒ same bytes).

    .venv/bin/python scripts/make_template_deck.py [OUTPUT]

A bureau may replace the file with its own deck: same layout names and placeholder names.
"""

from __future__ import annotations

import io
import re
import sys
from datetime import datetime
from pathlib import Path

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.util import Emu

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reportgen.builders.pptx.repro import normalize_zip, set_core_properties  # noqa: E402
from reportgen.builders.pptx.text import Typefaces, apply_typefaces  # noqa: E402
from reportgen.config import Config  # noqa: E402

INCH = 914400
WIDTH, HEIGHT = 12192000, 6858000  # 13.333 x 7.5 in, 16:9
PRIMARY, ACCENT, GRAY, LINE = "1F4E79", "C0392B", "595959", "BFC8D2"
# Theme accents: the colours native charts use (series 1..6).
ACCENTS = ("1F4E79", "E08A1E", "2E86C1", "5B9B3C", "8E5EA2", "C0392B")
WHEN = datetime(2021, 1, 1)
NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')

Box = tuple[float, float, float, float]  # inches: left, top, width, height


def _xfrm(box: Box) -> str:
    x, y, w, h = (round(v * INCH) for v in box)
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'


def placeholder(sid: int, name: str, ph: str, box: Box, *, size: int = 18,
                color: str = "262626", bold: bool = False, anchor: str = "t",
                algn: str = "l", prompt: str = "") -> str:
    """A layout placeholder: no bullets, no autofit (the builder fits text itself)."""
    b = ' b="1"' if bold else ""
    return (
        f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
        f'<p:spPr>{_xfrm(box)}</p:spPr><p:txBody>'
        f'<a:bodyPr lIns="0" tIns="0" rIns="0" bIns="0" anchor="{anchor}" wrap="square">'
        f'<a:noAutofit/></a:bodyPr><a:lstStyle><a:lvl1pPr marL="0" indent="0" algn="{algn}">'
        f'<a:buNone/><a:defRPr sz="{size * 100}"{b}><a:solidFill><a:srgbClr val="{color}"/>'
        f'</a:solidFill></a:defRPr></a:lvl1pPr></a:lstStyle>'
        f'<a:p><a:r><a:rPr lang="zh-CN"/><a:t>{prompt or name}</a:t></a:r></a:p>'
        f'</p:txBody></p:sp>'
    )


def rect(sid: int, name: str, box: Box, fill: str) -> str:
    return (
        f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"/><p:cNvSpPr/><p:nvPr/>'
        f'</p:nvSpPr><p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill><a:ln><a:noFill/></a:ln>'
        f'</p:spPr></p:sp>'
    )


TITLE_PH = '<p:ph type="title"/>'
SLDNUM = ("Slide Number", '<p:ph type="sldNum" sz="quarter" idx="12"/>',
          (11.7, 7.03, 1.0, 0.34))
NOTE = ("Note", '<p:ph type="body" sz="quarter" idx="15"/>', (0.6, 6.5, 12.1, 0.42))
BAND = ("Band", (0.0, 0.0, 0.42, 7.5), PRIMARY)


def _content(name: str, ph: str, box: Box, size: int = 18) -> list[str]:
    return [
        placeholder(2, "Title", TITLE_PH, (0.75, 0.3, 11.95, 0.9), size=28, bold=True,
                    color=PRIMARY, anchor="ctr", prompt="标题"),
        placeholder(3, name, ph, box, size=size),
        placeholder(4, NOTE[0], NOTE[1], NOTE[2], size=10, color=GRAY, anchor="b",
                    prompt="来源："),
        placeholder(5, SLDNUM[0], SLDNUM[1], SLDNUM[2], size=11, color=GRAY, anchor="ctr",
                    algn="r", prompt="‹#›"),
    ]


def layouts() -> list[tuple[str, bool, list[str]]]:
    """(name, show master shapes, shapes) of the six layouts, in builder order."""
    chart = _content("Chart", '<p:ph type="chart" idx="14"/>', (0.6, 1.35, 7.9, 5.05))
    chart.insert(2, placeholder(6, "Text", '<p:ph type="body" idx="13"/>',
                                (8.85, 1.55, 3.9, 4.75), size=18, prompt="要点"))
    return [
        ("title", False, [
            rect(7, BAND[0], BAND[1], BAND[2]),
            rect(8, "Accent", (1.0, 3.5, 1.6, 0.06), ACCENT),
            placeholder(2, "Title", '<p:ph type="ctrTitle"/>', (1.0, 1.3, 11.3, 2.1),
                        size=40, bold=True, color=PRIMARY, anchor="b", prompt="标题"),
            placeholder(3, "Subtitle", '<p:ph type="subTitle" idx="1"/>',
                        (1.0, 3.75, 11.3, 0.9), size=22, color=GRAY, prompt="副标题"),
            placeholder(4, "Meta", '<p:ph type="body" idx="13"/>', (1.0, 5.0, 11.3, 1.6),
                        size=16, color=GRAY, anchor="b", prompt="时期 / 发布单位 / 日期"),
        ]),
        ("section", False, [
            rect(7, BAND[0], BAND[1], BAND[2]),
            rect(8, "Accent", (1.0, 3.75, 1.6, 0.06), ACCENT),
            placeholder(2, "Title", TITLE_PH, (1.0, 2.0, 11.3, 1.6), size=36, bold=True,
                        color=PRIMARY, anchor="b", prompt="章节标题"),
            placeholder(3, "Text", '<p:ph type="body" idx="13"/>', (1.0, 4.0, 11.3, 2.4),
                        size=20, prompt="要点"),
            placeholder(4, SLDNUM[0], SLDNUM[1], SLDNUM[2], size=11, color=GRAY,
                        anchor="ctr", algn="r", prompt="‹#›"),
        ]),
        ("chart-text", True, chart),
        ("big-numbers", True, _content("Numbers", '<p:ph type="body" idx="16"/>',
                                       (0.6, 1.45, 12.1, 4.95))),
        ("table", True, _content("Table", '<p:ph type="tbl" idx="17"/>',
                                 (0.6, 1.35, 12.1, 5.05))),
        ("sources", True, _content("Text", '<p:ph type="body" idx="13"/>',
                                   (0.6, 1.35, 12.1, 5.1), size=14)),
    ]


def _replace_shapes(sp_tree: object, shapes: list[str]) -> None:
    for child in list(sp_tree)[2:]:  # keep nvGrpSpPr and grpSpPr
        sp_tree.remove(child)  # type: ignore[attr-defined]
    for xml in shapes:
        sp_tree.append(parse_xml(xml))  # type: ignore[attr-defined]


def build_layouts(prs: Presentation) -> None:
    master = prs.slide_master
    keep = list(master.slide_layouts)[: len(layouts())]
    for layout, (name, show_master, shapes) in zip(keep, layouts(), strict=True):
        el = layout._element
        el.cSld.set("name", name)
        el.set("type", {"title": "title", "section": "secHead"}.get(name, "cust"))
        if not show_master:
            el.set("showMasterSp", "0")
        _replace_shapes(el.cSld.spTree, shapes)
    id_list = master._element.get_or_add_sldLayoutIdLst()
    for entry in list(id_list)[len(keep):]:
        rid = entry.rId
        id_list.remove(entry)
        master.part.drop_rel(rid)


def style_master(prs: Presentation) -> None:
    """16:9 geometry for the master's placeholders, title style, accent bar and rule."""
    master = prs.slide_master
    boxes = {"title": (0.75, 0.3, 11.95, 0.9), "body": (0.6, 1.35, 12.1, 5.2),
             "dt": (0.6, 7.03, 3.0, 0.34), "ftr": (4.2, 7.03, 5.0, 0.34),
             "sldNum": SLDNUM[2]}
    for shape in master.placeholders:
        ph_type = shape._element.ph.get("type") or "body"
        x, y, w, h = boxes[ph_type]
        shape.left, shape.top = Emu(round(x * INCH)), Emu(round(y * INCH))
        shape.width, shape.height = Emu(round(w * INCH)), Emu(round(h * INCH))
    tree = master._element.cSld.spTree
    tree.append(parse_xml(rect(20, "Title Bar", (0.45, 0.45, 0.1, 0.6), PRIMARY)))
    tree.append(parse_xml(rect(21, "Footer Rule", (0.6, 6.98, 12.1, 0.015), LINE)))
    title = master._element.find(".//{*}titleStyle/{*}lvl1pPr")
    title.set("algn", "l")
    rpr = title.find("{*}defRPr")
    rpr.set("sz", "2800")
    rpr.set("b", "1")
    for child in list(rpr):
        if child.tag.endswith("solidFill"):
            rpr.remove(child)
    rpr.insert(0, parse_xml(f'<a:solidFill {NS}><a:srgbClr val="{PRIMARY}"/></a:solidFill>'))


def style_theme(prs: Presentation, faces: Typefaces) -> None:
    """Theme fonts with East Asian typefaces, and our accent colours."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    xml = part.blob.decode("utf-8")
    for tag in ("majorFont", "minorFont"):
        xml = re.sub(
            rf"(<a:{tag}>)<a:latin typeface=\"[^\"]*\"/><a:ea typeface=\"[^\"]*\"/>",
            rf'\1<a:latin typeface="{faces.latin}"/><a:ea typeface="{faces.ea}"/>', xml)
    xml = re.sub(r'<a:font script="Hans" typeface="[^"]*"/>',
                 f'<a:font script="Hans" typeface="{faces.ea}"/>', xml)
    for i, rgb in enumerate(ACCENTS, start=1):
        xml = re.sub(rf"(<a:accent{i}>)\s*<a:(?:srgbClr|sysClr)[^/]*/>",
                     rf'\1<a:srgbClr val="{rgb}"/>', xml)
    xml = re.sub(r'<a:theme ([^>]*)name="[^"]*"', r'<a:theme \1name="reportgen"', xml)
    part._blob = xml.encode("utf-8")


def make_template() -> bytes:
    config = Config()
    faces = Typefaces(config.pptx_latin_font, config.pptx_ea_font)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(WIDTH), Emu(HEIGHT)
    build_layouts(prs)
    style_master(prs)
    style_theme(prs, faces)
    for layout in prs.slide_master.slide_layouts:
        apply_typefaces(layout._element, faces)
    set_core_properties(prs, title="reportgen deck template", author="reportgen",
                        subject="16:9 template deck for reportgen", keywords=("reportgen",),
                        when=WHEN)
    buffer = io.BytesIO()
    prs.save(buffer)
    return normalize_zip(buffer.getvalue(), WHEN)


def main(argv: list[str]) -> int:
    dest = Path(argv[0]) if argv else ROOT / "templates" / "deck.pptx"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(make_template())
    print(f"wrote {dest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

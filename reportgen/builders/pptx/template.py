"""The template deck: layouts by NAME, placeholders by name, geometry of content areas.

A bureau may swap in its own deck with the same layout and placeholder names; anything
missing is a TemplateError naming the layout (or placeholder) and the file.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.oxml.ns import qn

from reportgen.errors import TemplateError
from reportgen.paths import inside

TEMPLATE_NAME = "deck.pptx"
# layout name → placeholder names the builder fills (besides "Title")
LAYOUTS: dict[str, tuple[str, ...]] = {
    "title": ("Subtitle", "Meta"),
    "section": ("Text",),
    "chart-text": ("Chart", "Text", "Note"),
    "big-numbers": ("Numbers", "Note"),
    "table": ("Table", "Note"),
    "sources": ("Text",),
}
_HINT = ("use templates/deck.pptx from reportgen (scripts/make_template_deck.py) as a model: "
         "layouts " + ", ".join(LAYOUTS) + " with placeholders named as there")
_BROKEN_HINT = ("restore templates/deck.pptx from version control, regenerate it with "
                "scripts/make_template_deck.py, or delete it to use the shipped deck")
_SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"  # fixed: reproducible output


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    def inset(self, dx: int, dy: int) -> Box:
        return Box(self.left + dx, self.top + dy, self.width - 2 * dx, self.height - 2 * dy)


def template_path(templates_dir: Path) -> Path:
    """The project's templates/deck.pptx, else the one shipped with the repository."""
    own = templates_dir / TEMPLATE_NAME
    if own.is_file():
        return inside(templates_dir.parent, own)  # a link out of the project is refused
    package = Path(__file__).resolve().parents[2]
    # package data of an installed wheel, then the repository's templates/ (editable install)
    for shipped in (package / "defaults" / "templates" / TEMPLATE_NAME,
                    package.parent / "templates" / TEMPLATE_NAME):
        if shipped.is_file():
            return shipped
    raise TemplateError(f"template deck {own} not found",
                        hint="reinstall reportgen (its wheel ships deck.pptx), or put a "
                             "deck.pptx in the project's templates/")


def open_template(path: Path) -> Any:
    """Open the template and check every layout and placeholder the builder needs."""
    try:
        return _checked(Presentation(str(path)), path)
    except TemplateError:
        raise
    except Exception as exc:  # any broken part (zip, XML, content types) of the package
        raise TemplateError(f"template deck {path}: cannot be read "
                            f"({type(exc).__name__}: {exc})", hint=_BROKEN_HINT) from exc


def _checked(prs: Any, path: Path) -> Any:
    if len(prs.slides):
        raise TemplateError(f"template deck {path.name} has {len(prs.slides)} slide(s)",
                            hint="delete every slide from the template; keep the layouts")
    for name, placeholders in LAYOUTS.items():
        layout = find_layout(prs, name, path.name)
        for ph in ("Title", *placeholders):
            layout_placeholder(layout, ph, path.name)
    return prs


def find_layout(prs: Any, name: str, file: str = TEMPLATE_NAME) -> Any:
    for layout in prs.slide_layouts:
        if layout.name == name:
            return layout
    have = ", ".join(repr(lay.name) for lay in prs.slide_layouts)
    raise TemplateError(f"template deck {file}: no slide layout named {name!r} (has {have})",
                        hint=_HINT)


def layout_placeholder(layout: Any, name: str, file: str = TEMPLATE_NAME) -> Any:
    for shape in layout.placeholders:
        if shape.name == name:
            return shape
    if name == "Title":
        for shape in layout.placeholders:
            if shape.placeholder_format.idx == 0:
                return shape
    raise TemplateError(
        f"template deck {file}: layout {layout.name!r} has no placeholder named {name!r}",
        hint=_HINT)


def area(layout: Any, name: str) -> Box:
    shape = layout_placeholder(layout, name)
    return Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height))


def slide_placeholder(slide: Any, name: str) -> Any:
    """The slide's copy of the layout placeholder ``name`` (matched by idx), or None."""
    idx = layout_placeholder(slide.slide_layout, name).placeholder_format.idx
    for shape in slide.placeholders:
        if shape.placeholder_format.idx == idx:
            return shape
    return None


def remove_placeholder(slide: Any, name: str) -> None:
    shape = slide_placeholder(slide, name)
    if shape is not None:
        shape._element.getparent().remove(shape._element)


def add_slide_number(slide: Any) -> None:
    """Copy the layout's slide-number placeholder with a slidenum field (not cloned by
    python-pptx, which skips date/footer/number placeholders)."""
    for shape in slide.slide_layout.placeholders:
        if shape._element.ph.get("type") == "sldNum":
            sp = copy.deepcopy(shape._element)
            sp.spPr.remove_all("a:xfrm")  # inherit the position from the layout
            body = sp.find(qn("p:txBody"))
            for p in body.findall(qn("a:p")):
                body.remove(p)
            body.append(_field_paragraph(slide.part.partname.idx))
            sp.nvSpPr.cNvPr.id = slide.shapes._next_shape_id  # ids unique per slide
            slide.shapes._spTree.append(sp)
            return


def _field_paragraph(number: int) -> Any:
    from pptx.oxml import parse_xml

    return parse_xml(
        '<a:p xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f'<a:fld id="{_SLIDE_NUMBER_FIELD}" type="slidenum"><a:rPr lang="zh-CN"/>'
        f'<a:t>{number}</a:t></a:fld></a:p>')

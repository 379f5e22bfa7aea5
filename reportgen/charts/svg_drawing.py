"""A chart's SVG (text left as text) → a reportlab Drawing in the document's own fonts.

matplotlib writes the chart as SVG with ``svg.fonttype = 'none'``: every label stays a
``<text>`` naming the registry's family. svglib turns it into reportlab shapes, and the
font map below points that family at the TrueType fonts the brief already registered, so
the brief embeds ONE subset per face for its text and all of its charts together.
A label the face cannot draw would print as a box: it is an error here, never a warning.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.errors import BuildError, FontError

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

    from reportgen.fonts.registry import FontRegistry

_HINT_CACHE = "删除 .reportgen/cache 文件夹后重新构建"
_BOLD_WEIGHTS = frozenset({"bold", "bolder", "600", "700", "800", "900"})


class RegistryFontMap:
    """svglib's font map, answered from the registry: family + weight → reportlab name."""

    def __init__(self, registry: FontRegistry) -> None:
        self._registry = registry
        # (family, bold) → (role, name); a role is registered when a label first uses it
        self._names = {
            (family.lower(), bold): (role, registry.reportlab_name(role, bold, register=False))
            for role, family in registry.families.items() for bold in (False, True)
        }
        self.unknown: set[str] = set()

    def find_font(self, font_name: str, weight: str = "normal",
                  style: str = "normal") -> tuple[str, bool]:
        bold = str(weight).strip().lower() in _BOLD_WEIGHTS
        found = self._names.get((font_name.strip().strip("'\"").lower(), bold))
        if found is None:
            self.unknown.add(font_name)
            return "", False
        role, name = found
        self._registry.register_reportlab([role])
        return name, True


def svg_drawing(path: Path, registry: FontRegistry, *, role: str = "sans") -> Drawing:
    """The chart in ``path`` as a Drawing; its labels checked against the ``role`` faces."""
    from reportlab.graphics.shapes import Drawing
    from svglib.svglib import svg2rlg

    fonts = RegistryFontMap(registry)
    try:
        drawing = svg2rlg(str(path), font_map=fonts)
    except Exception as exc:  # lxml and svglib raise many kinds on a damaged file
        raise BuildError(f"图表文件 {path.name} 无法读取：{exc}", hint=_HINT_CACHE) from exc
    if not isinstance(drawing, Drawing) or not (drawing.width > 0 and drawing.height > 0):
        raise BuildError(f"图表文件 {path.name} 无法读取：不是 SVG 图形", hint=_HINT_CACHE)
    if fonts.unknown:
        names = "、".join(sorted(fonts.unknown))
        raise FontError(f"图表文件 {path.name} 使用了未登记的字体：{names}",
                        hint="图表只能使用 fonts/ 中登记的字体；删除 .reportgen/cache 后重新构建")
    _check_glyphs(path, drawing, registry, role)
    # renderPDF sets the initial font before any label: ours, not a non-embedded Helvetica
    drawing.initialFontName = registry.reportlab_name(role)
    return drawing


def _check_glyphs(path: Path, drawing: Drawing, registry: FontRegistry, role: str) -> None:
    text = "".join(label_texts(drawing))
    missing = registry.missing_chars(text, role)
    if missing:
        chars = "、".join(f"“{c}”(U+{ord(c):04X})" for c in missing)
        raise FontError(f"图表文件 {path.name}：{role} 字体缺少字符 {chars}",
                        hint="在数据或模板中替换该字符，或在 fonts/ 中换用包含它的字体"
                        "（python scripts/make_fonts.py）")


def label_texts(drawing: Drawing) -> list[str]:
    """Every text string drawn in ``drawing`` (depth first)."""
    from reportlab.graphics.shapes import Group, String

    out: list[str] = []
    stack: list[object] = [drawing]
    while stack:
        node = stack.pop()
        if isinstance(node, String):
            out.append(node.text)
        elif isinstance(node, Group):
            stack.extend(reversed(node.contents))
    return out

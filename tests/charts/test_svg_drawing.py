"""Chart SVG → reportlab Drawing in the registry's fonts: font mapping, glyph check, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.charts.render_mpl import render_svg
from reportgen.charts.samples import sample_specs
from reportgen.charts.svg_drawing import label_texts, svg_drawing
from reportgen.errors import BuildError, FontError
from reportgen.fonts.registry import FontRegistry

SPECS = {spec.id: spec for spec in sample_specs()}


@pytest.fixture(scope="module")
def registry() -> FontRegistry:
    return FontRegistry.load(None)


def _fonts_of(drawing: object) -> set[str]:
    from reportlab.graphics.shapes import Group, String

    out: set[str] = set()
    stack = [drawing]
    while stack:
        node = stack.pop()
        if isinstance(node, String):
            out.add(node.fontName)
        elif isinstance(node, Group):
            stack.extend(node.contents)
    return out


def test_labels_use_the_registered_faces(registry: FontRegistry, tmp_path: Path) -> None:
    spec = SPECS["s-bar"]
    path = tmp_path / "bar.svg"
    path.write_bytes(render_svg(spec, registry, width_mm=160, height_mm=80))
    drawing = svg_drawing(path, registry)
    assert _fonts_of(drawing) == {registry.reportlab_name("sans"),
                                  registry.reportlab_name("sans", bold=True)}
    assert drawing.initialFontName == registry.reportlab_name("sans")
    assert any(spec.title[:4] in t for t in label_texts(drawing))
    assert abs(drawing.width - 160 * 72 / 25.4) < 0.5


def test_svg_is_deterministic(registry: FontRegistry) -> None:
    spec = SPECS["s-line"]
    assert render_svg(spec, registry) == render_svg(spec, registry)


def test_a_label_the_font_lacks_is_an_error(registry: FontRegistry, tmp_path: Path) -> None:
    path = tmp_path / "odd.svg"
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="100pt" height="50pt">'
        f'<text x="5" y="20" style="font-family: \'{registry.families["sans"]}\'">'
        'A\U0001F600</text></svg>', encoding="utf-8")
    with pytest.raises(FontError, match="U\\+1F600") as info:
        svg_drawing(path, registry)
    assert "odd.svg" in info.value.message


def test_an_unregistered_family_is_an_error(registry: FontRegistry, tmp_path: Path) -> None:
    path = tmp_path / "serif.svg"
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="100pt" height="50pt">'
        '<text x="5" y="20" style="font-family: \'Times\'">A</text></svg>', encoding="utf-8")
    with pytest.raises(FontError, match="Times"):
        svg_drawing(path, registry)


def test_a_damaged_file_is_a_build_error(registry: FontRegistry, tmp_path: Path) -> None:
    path = tmp_path / "broken.svg"
    path.write_text("<svg", encoding="utf-8")
    with pytest.raises(BuildError) as info:
        svg_drawing(path, registry)
    assert "broken.svg" in info.value.message and "cache" in info.value.hint

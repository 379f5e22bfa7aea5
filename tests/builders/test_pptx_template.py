"""The template deck: 16:9, no slides, named layouts, reproducible; clear errors."""

from __future__ import annotations

import importlib.util
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx_deck_sample import city_report

from reportgen.builders.pptx.builder import render_deck
from reportgen.builders.pptx.template import LAYOUTS, layout_placeholder
from reportgen.config import Config, Project
from reportgen.errors import TemplateError

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "templates" / "deck.pptx"


def _project_with_template(tmp_path: Path) -> Path:
    (tmp_path / "templates").mkdir()
    dest = tmp_path / "templates" / "deck.pptx"
    shutil.copy(TEMPLATE, dest)
    return dest


def test_template_is_16_9_without_slides_with_named_layouts() -> None:
    prs = Presentation(str(TEMPLATE))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    assert len(prs.slides) == 0
    assert [lay.name for lay in prs.slide_layouts] == list(LAYOUTS)
    for name, placeholders in LAYOUTS.items():
        layout = prs.slide_layouts.get_by_name(name)
        for ph in ("Title", *placeholders):
            layout_placeholder(layout, ph)


def test_template_theme_names_east_asian_fonts() -> None:
    with zipfile.ZipFile(TEMPLATE) as z:
        theme = z.read("ppt/theme/theme1.xml").decode()
        core = z.read("docProps/core.xml").decode()
    assert theme.count('<a:ea typeface="微软雅黑"/>') == 2  # major and minor fonts
    assert "Steve Canny" not in core


def test_template_script_reproduces_the_committed_file() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_template_deck", REPO / "scripts" / "make_template_deck.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.make_template() == TEMPLATE.read_bytes()


def test_missing_layout_is_a_template_error_naming_it(tmp_path: Path) -> None:
    dest = _project_with_template(tmp_path)
    prs = Presentation(str(dest))
    prs.slide_layouts.get_by_name("chart-text").name = "图表"
    prs.save(str(dest))
    with pytest.raises(TemplateError, match="no slide layout named 'chart-text'") as err:
        render_deck(city_report(), Project(tmp_path, Config()))
    assert "deck.pptx" in str(err.value) and err.value.hint


def test_missing_placeholder_is_a_template_error_naming_it(tmp_path: Path) -> None:
    dest = _project_with_template(tmp_path)
    prs = Presentation(str(dest))
    layout = prs.slide_layouts.get_by_name("big-numbers")
    next(s for s in layout.placeholders if s.name == "Numbers").name = "Content"
    prs.save(str(dest))
    with pytest.raises(TemplateError, match="'big-numbers' has no placeholder named 'Numbers'"):
        render_deck(city_report(), Project(tmp_path, Config()))


def test_template_with_slides_or_garbage_is_rejected(tmp_path: Path) -> None:
    dest = _project_with_template(tmp_path)
    prs = Presentation(str(dest))
    prs.slides.add_slide(prs.slide_layouts[0])
    prs.save(str(dest))
    with pytest.raises(TemplateError, match="has 1 slide"):
        render_deck(city_report(), Project(tmp_path, Config()))
    dest.write_bytes(b"not a zip")
    with pytest.raises(TemplateError, match="cannot be read"):
        render_deck(city_report(), Project(tmp_path, Config()))


def test_typefaces_come_from_the_config(tmp_path: Path) -> None:
    config = Config(pptx_latin_font="Arial", pptx_ea_font="等线")
    data = render_deck(city_report(), Project(REPO, config))
    deck = Presentation(io.BytesIO(data))
    title = deck.slides[0].shapes.title.text_frame.paragraphs[0].runs[0]
    assert title._r.rPr.find("{*}ea").get("typeface") == "等线"
    assert title.font.name == "Arial"

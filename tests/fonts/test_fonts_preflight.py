from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reportgen.config import load_project
from reportgen.data.load import load_dataset
from reportgen.errors import FontError
from reportgen.fonts.preflight import check_dataset, check_texts, excerpt, find_missing
from reportgen.fonts.registry import FontRegistry

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def registry() -> FontRegistry:
    return FontRegistry.load(None)


def test_dataset_character_missing_names_codepoint_file_and_row(
        sample_project: Callable[[str], Path], registry: FontRegistry) -> None:
    project = load_project(sample_project("fonts-missing-glyph"))
    dataset = load_dataset(project)
    with pytest.raises(FontError) as info:
        check_dataset(dataset, registry)
    text = str(info.value)
    assert "U+30EDE 𰻞" in text
    assert "data/observations/doc-a.csv row 3 column quote" in text
    assert "面馆老板等6652户" in text  # the text it occurs in
    assert "kai, sans, serif" in text  # no role has it
    assert "make_fonts.py" in info.value.hint
    assert text.count("U+30EDE") == 1  # one entry per character, places listed under it


def test_every_missing_character_is_listed(registry: FontRegistry) -> None:
    items = [("templates/brief-city.toml line 14", "标题𰻞"),
             ("data/x.csv row 2 column note", "正常文字"),
             ("data/x.csv row 5 column quote", "又一个𠀀字和𰻞")]
    with pytest.raises(FontError) as info:
        check_texts(items, registry)
    text = str(info.value)
    assert "2 character(s)" in text
    assert "U+30EDE" in text and "U+20000 𠀀" in text
    assert "templates/brief-city.toml line 14" in text
    assert "data/x.csv row 5 column quote" in text
    assert "row 2" not in text


def test_clean_texts_pass(registry: FontRegistry) -> None:
    check_texts([("x", "平顶山市2020年脱贫1.12万人，贫困发生率降至0.26%。")], registry)
    check_texts([], registry)


def test_find_missing_reports_roles(registry: FontRegistry) -> None:
    found = find_missing([("o", "a𰻞")], registry, ("sans", "kai"))
    assert [(m.codepoint, m.roles, m.origin) for m in found] == [
        ("U+30EDE", ("sans", "kai"), "o")]


def test_excerpt_shows_context_on_one_line() -> None:
    text = "甲" * 40 + "\n𰻞" + "乙" * 40
    shown = excerpt(text, "𰻞", width=5)
    assert shown.startswith("…“") and shown.endswith("”…")
    assert "𰻞" in shown and "\n" not in shown


def test_repository_data_passes_the_preflight(registry: FontRegistry) -> None:
    dataset = load_dataset(load_project(REPO))
    check_dataset(dataset, registry)

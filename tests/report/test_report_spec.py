"""Report specs: lookup order, validation with file and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from reportdata import make_dataset

from reportgen.config import Config, Project
from reportgen.errors import TemplateError
from reportgen.report.spec import DEFAULTS_DIR, check_against, load_spec, spec_path

REPO = Path(__file__).resolve().parents[2]

GOOD = """title = "{region}简报"

[[kpis]]
indicator = "poverty_exit_persons"
period = "total"

[[sections]]
id = "poverty"
title = "减贫成效"
paragraphs = ["{period}，{scope}脱贫{poverty_exit_persons}。"]

[[sections.charts]]
kind = "bar"
indicators = ["poverty_exit_persons"]
"""


def write(tmp_path: Path, text: str, name: str = "brief-city.toml") -> Path:
    path = tmp_path / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> str:
    with pytest.raises(TemplateError) as info:
        load_spec(write(tmp_path, text))
    return str(info.value)


def test_good_spec_loads(tmp_path: Path) -> None:
    spec = load_spec(write(tmp_path, GOOD))
    assert spec.kpis[0].period == "total"
    assert spec.sections[0].categories == ("减贫成效",)  # defaults to the title
    assert spec.sections[0].charts[0].kind == "bar"
    assert spec.sections[0].charts[0].line == 12


def test_toml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    text = problems(tmp_path, GOOD.replace('period = "total"', "period = total"))
    assert "brief-city.toml" in text and "line 5" in text


@pytest.mark.parametrize(("edit", "expected"), [
    (('period = "total"', 'perod = "total"'), "brief-city.toml:5: unknown key 'perod'"),
    (('kind = "bar"', 'kind = "pie"'), "brief-city.toml:13: unknown chart kind 'pie'"),
    (('period = "total"', 'period = "newest"'), "brief-city.toml:5: unknown period 'newest'"),
    (("{poverty_exit_persons}。", "{poverty_exit_persons@2019年}。"),
     "brief-city.toml:10: placeholder {poverty_exit_persons@2019年}: unknown period selector"),
    (("{scope}脱贫", "{scope},脱贫"), "brief-city.toml:10: ASCII punctuation ,"),
    (('id = "poverty"', 'id = "减贫"'), "brief-city.toml:8: section id '减贫' must be ASCII"),
    (('title = "{region}简报"', 'title = "{region}{poverty_exit_persons}简报"'),
     "brief-city.toml:1: title: {poverty_exit_persons} is not allowed here"),
])
def test_spec_problems_name_the_line(tmp_path: Path, edit: tuple[str, str],
                                     expected: str) -> None:
    assert expected in problems(tmp_path, GOOD.replace(*edit))


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    text = problems(tmp_path, GOOD.replace('kind = "bar"', 'kind = "pie"')
                    .replace('period = "total"', 'perod = "total"'))
    assert "2 problems" in text and ":5:" in text and ":13:" in text
    assert "Hint:" in text


def test_missing_required_key(tmp_path: Path) -> None:
    assert "brief-city.toml:3: missing required key 'indicator'" in problems(
        tmp_path, GOOD.replace('indicator = "poverty_exit_persons"\nperiod', "period"))


def test_unknown_indicator_and_category_are_errors_against_the_data(tmp_path: Path) -> None:
    text = GOOD.replace("{poverty_exit_persons}。", "{poverty_exits}。").replace(
        'title = "减贫成效"', 'title = "减贫成效"\ncategories = ["扶贫"]')
    spec = load_spec(write(tmp_path, text))
    with pytest.raises(TemplateError) as info:
        check_against(spec, make_dataset([]))
    text = str(info.value)
    assert "brief-city.toml:11: unknown indicator 'poverty_exits'" in text
    assert "brief-city.toml:10: unknown category '扶贫'" in text


def test_lookup_order_code_then_level_then_shipped(tiny_project: Callable[[str], Project]
                                                   ) -> None:
    project = tiny_project("report-tiny")
    region = make_dataset([]).regions["410400"]
    assert spec_path(project, region) == project.templates_dir / "brief-city.toml"
    override = write(project.root, GOOD, "brief-410400.toml")
    assert spec_path(project, region) == override
    bare = Project(root=project.root / "nothing", config=Config())
    assert spec_path(bare, region) == DEFAULTS_DIR / "brief-city.toml"


def test_missing_spec_is_a_template_error(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    region = make_dataset([]).regions["410400"]
    monkeypatch.setattr("reportgen.report.spec.DEFAULTS_DIR", tmp_path / "none")
    with pytest.raises(TemplateError, match="no report spec for 平顶山市"):
        spec_path(Project(root=tmp_path, config=Config()), region)


@pytest.mark.parametrize("level", ["province", "city", "county"])
def test_shipped_defaults_name_no_indicator_so_they_fit_any_data(level: str) -> None:
    spec = load_spec(DEFAULTS_DIR / f"brief-{level}.toml")
    assert not spec.kpis and not spec.sections and spec.auto_sections
    assert spec.comparison is None or not spec.comparison.indicators
    check_against(spec, make_dataset([]))  # any indicator list: nothing unknown

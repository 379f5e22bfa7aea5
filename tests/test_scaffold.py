"""``reportgen init``: a new project that validates and builds with the default specs;
a project's own spec that names an unknown indicator is a ``validate`` error."""

from __future__ import annotations

import ast
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from reportgen.cli import main
from reportgen.config import load_project
from reportgen.data.load import load_valid_dataset
from reportgen.report.resolve import resolve_report
from reportgen.scaffold import starter_files

REPO = Path(__file__).resolve().parents[1]


def test_init_writes_the_starter_and_refuses_to_overwrite(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    target = tmp_path / "bureau"
    assert main(["init", str(target)]) == 0
    assert "reportgen -C" in capsys.readouterr().out
    assert sorted(p.relative_to(target) for p in target.rglob("*") if p.is_file()) == \
        starter_files()
    (target / "data" / "regions.csv").write_text("code,name,level,parent_code\n",
                                                 encoding="utf-8")
    assert main(["init", str(target)]) == 2
    err = capsys.readouterr().err
    assert "data/regions.csv" in err and "nothing was changed" in err
    # the user's edit survived the refused init
    assert (target / "data" / "regions.csv").read_text(encoding="utf-8").count("\n") == 1


def test_starter_validates_clean_and_uses_the_headline_column(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path)]) == 0
    assert main(["-C", str(tmp_path), "validate", "--format", "json"]) == 0
    project = load_project(tmp_path)
    dataset = load_valid_dataset(project)
    report = resolve_report(dataset, project, "990000")
    labels = [k.label for k in report.kpis]
    assert labels == ["脱贫人口", "贫困村出列", "财政专项扶贫资金"]
    # a sum of rows written in 万 prints in 万 (12.5万 + 8.3万)
    assert report.kpis[0].number_text + report.kpis[0].unit_text == "20.8万人"
    # every category with data is in a section (a thin one joins its neighbour); the
    # province compares its cities
    titles = [s.title for s in report.sections]
    assert any("减贫成效" in t for t in titles) and any("资金投入" in t for t in titles)
    assert any("对比" in t for t in titles)


def test_without_headline_marks_the_first_indicator_of_each_category_leads(
        tmp_path: Path) -> None:
    assert main(["init", str(tmp_path)]) == 0
    table = tmp_path / "data" / "indicators" / "core.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(",1\n", ",\n"),
                     encoding="utf-8")
    project = load_project(tmp_path)
    report = resolve_report(load_valid_dataset(project), project, "990000")
    assert [k.label for k in report.kpis] == ["脱贫人口", "财政专项扶贫资金"]


def test_bad_headline_value_is_a_located_error(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path)]) == 0
    table = tmp_path / "data" / "indicators" / "core.csv"
    lines = table.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1][:-1] + "maybe"
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["-C", str(tmp_path), "validate"]) == 1
    out = capsys.readouterr().out
    assert "data/indicators/core.csv" in out and "第2行" in out and "headline" in out


def test_own_spec_with_a_misspelled_indicator_fails_validate_with_file_and_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path)]) == 0
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "brief-city.toml").write_text(
        'title = "{region}简报"\n\n[[kpis]]\nindicator = "poverty_exit_person"\n\n'
        '[[sections]]\nid = "a"\ntitle = "成效"\ncategories = ["减贫成果"]\n',
        encoding="utf-8")
    capsys.readouterr()
    assert main(["-C", str(tmp_path), "validate", "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    problems = "\n".join(payload["spec_problems"])
    assert "brief-city.toml:4: unknown indicator 'poverty_exit_person'" in problems
    assert "brief-city.toml:9: unknown category '减贫成果'" in problems
    assert payload["errors"] == 1  # one spec file, reported once for both cities


def test_missing_project_folder_names_the_path(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    assert main(["-C", str(tmp_path / "nope"), "validate"]) == 2
    err = capsys.readouterr().err
    assert "nope" in err and "does not exist" in err and "reportgen init" in err


@pytest.mark.slow
def test_non_editable_install_inits_and_builds_in_an_empty_folder(tmp_path: Path) -> None:
    """A wheel-style install (no clone, no copied files) carries fonts, deck and specs.

    reportgen is built and installed from a copy of the repository into a fresh virtual
    environment; its dependencies are borrowed from the development environment (a ``.pth``
    file, added after the install) instead of being downloaded and installed again, and
    ``pip check`` confirms they satisfy what the wheel declares. That every module reportgen
    imports is declared is checked by ``test_every_third_party_import_is_declared``."""
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False, system_site_packages=False)
    python = env_dir / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python)]  # our pip, into that venv
    source = tmp_path / "src"  # install from a copy: no build artefacts left in the repo
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "output", ".reportgen", "*.egg-info", "build", "__pycache__"))
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run([*pip, "install", "-q", "--no-deps", str(source)],
                   check=True, env=env, timeout=900)
    _borrow_dependencies(python)
    checked = subprocess.run([*pip, "check"], capture_output=True, text=True, env=env,
                             timeout=300)
    assert "reportgen" not in checked.stdout, checked.stdout  # its requirements are met
    where = subprocess.run([str(python), "-c", "import reportgen; print(reportgen.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path)
    assert Path(where.stdout.strip()).is_relative_to(env_dir)  # the wheel, not the clone
    project = tmp_path / "empty"
    project.mkdir()
    reportgen = env_dir / "bin" / "reportgen"
    run = {"cwd": project, "env": env, "capture_output": True, "text": True, "timeout": 600}
    assert subprocess.run([str(reportgen), "init"], **run).returncode == 0  # type: ignore[call-overload]
    built = subprocess.run([str(reportgen), "build"], **run)  # type: ignore[call-overload]
    assert built.returncode == 0, built.stderr
    pdf = project / "output" / "990100-示例市.pdf"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    assert "Reportgen" in fonts and "Type 3" not in fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "示例市" in text and re.search(r"5\.3\s*万人", text), text
    deck = Presentation(str(project / "output" / "990100-示例市.pptx"))
    assert len(deck.slides) >= 3
    assert zipfile.is_zipfile(project / "output" / "990000-示例省.pptx")
    assert not (project / "fonts").exists() and not (project / "templates").exists()
    assert sys.executable != str(python)


def _borrow_dependencies(python: Path) -> None:
    """Make the development environment's packages importable by ``python`` (after
    reportgen is installed there, so pip never sees the editable install)."""
    site = subprocess.run([str(python), "-c", "import sysconfig; "
                           "print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site, "_reportgen_test_dependencies.pth").write_text(
        "\n".join(sorted(ours)) + "\n", encoding="utf-8")


def _distribution(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0]).lower()


def test_every_third_party_import_is_declared() -> None:
    """Every module reportgen imports is the standard library, reportgen itself, or comes
    from a distribution listed in pyproject.toml's dependencies."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {_distribution(d) for d in pyproject["project"]["dependencies"]}
    owners = importlib.metadata.packages_distributions()
    undeclared: dict[str, str] = {}
    for path in sorted((REPO / "reportgen").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for top in {name.split(".")[0] for name in names}:
                if top in sys.stdlib_module_names or top == "reportgen":
                    continue
                if not {_distribution(d) for d in owners.get(top, [])} & declared:
                    undeclared[top] = str(path.relative_to(REPO))
    assert undeclared == {}

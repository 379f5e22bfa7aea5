"""The change report of real builds, and ``reportgen changes``."""

from __future__ import annotations

from pathlib import Path

import pytest
from publishhelp import make_project, set_value

from reportgen.cli import main

pytestmark = pytest.mark.slow


def run(root: Path, *args: str) -> int:
    return main(["-C", str(root), *args])


def test_one_row_edit_report_names_row_values_outputs_and_sentences(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    assert run(root, "build") == 0
    set_value(root, "411200", "poverty_incidence", "2.23")
    assert run(root, "build") == 0
    capsys.readouterr()
    assert run(root, "changes") == 0
    text = capsys.readouterr().out
    assert ("修改：三门峡市 贫困发生率（截至2018年底）：2.22% → 2.23%；来源：测试用小型数据；"
            "data/observations/mini.csv 第16行") in text
    assert "411200-三门峡市.pdf（三门峡市）：原因：data changed" in text
    assert "411200-三门峡市.pptx（三门峡市）：原因：data changed" in text
    assert "410400-平顶山市" not in text
    # the deck names the file: the sentence is in a slide's notes, not on its face
    assert ("三门峡市 · 减贫成效 · 文字：原为“截至2018年底，全市贫困发生率为2.22%。”，"
            "现为“截至2018年底，全市贫困发生率为2.23%。”（411200-三门峡市.pdf 第1页、"
            "411200-三门峡市.pptx") in text
    html = (root / "output" / "changes" / "latest.html").read_text(encoding="utf-8")
    assert "2.22% → 2.23%" in html and html.startswith("<!DOCTYPE html>")
    assert run(root, "changes", "--list") == 0
    listed = capsys.readouterr().out.split()
    assert len(listed) == 2  # the first build and the edit
    first = Path(listed[0]).stem
    assert run(root, "changes", "--id", first) == 0
    assert "首次构建" in capsys.readouterr().out


def test_noop_and_forced_identical_rebuilds_write_no_report(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    assert run(root, "build") == 0
    assert run(root, "build") == 0
    assert run(root, "build", "--force") == 0  # same bytes: nothing changed for a reader
    assert len(list((root / "output" / "changes").glob("2*.md"))) == 1


def test_new_warning_appears_in_the_report(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    assert run(root, "build") == 0
    # more deep-poor villages than poor villages: the part_of rule warns
    set_value(root, "411200", "deep_poor_villages", "400")
    assert run(root, "build") == 0
    capsys.readouterr()
    assert run(root, "changes") == 0
    text = capsys.readouterr().out
    assert "## 数据核查结果的变化" in text and "新出现：" in text
    set_value(root, "411200", "deep_poor_villages", "232")
    assert run(root, "build") == 0
    capsys.readouterr()
    assert run(root, "changes") == 0
    assert "已消除：" in capsys.readouterr().out


def test_changes_without_any_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, "changes") == 1
    assert "没有这份变更说明" in capsys.readouterr().err

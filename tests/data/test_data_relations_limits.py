"""Indicator relations must compare like with like; printed names have length limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from datahelp import make_project, run_cli, tree_hash

HEADER = ("id,name,unit,category,aggregate,part_of,at_most,numerator,denominator,growth_of,"
          "description\n")
BASE = ("poverty_population_registered,建档立卡贫困人口,人,减贫成效,stock,,,,,,存量\n"
        "poverty_households_registered,建档立卡贫困户,户,减贫成效,stock,,"
        "poverty_population_registered,,,,存量\n")


def validate(tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: str) -> str:
    root = make_project(tmp_path / "p", {"data/indicators/core.csv": HEADER + BASE + extra})
    before = tree_hash(root / "data")
    code, text = run_cli(capsys, root, "validate")
    assert code == 1 and "Traceback" not in text, text
    assert tree_hash(root / "data") == before
    return text


@pytest.mark.parametrize(("extra", "needle"), [
    ("funds,资金,元,资金投入,sum,poverty_population_registered,,,,,x\n",
     "第4行 part_of列：错误：part_of 关系两端单位不可比：本指标单位为“元”，"
     "“poverty_population_registered”的单位为“人”"),
    ("hh_part,部分户,户,减贫成效,stock,poverty_population_registered,,,,,x\n",
     "part_of 关系两端单位不可比：本指标单位为“户”"),
    ("funds,资金,元,资金投入,sum,,,,,,x\n"
     "per,比率,%,减贫成效,none,,,funds,poverty_population_registered,,x\n",
     "第5行 denominator列：错误：denominator 关系两端单位不可比：比率的分子“funds”单位为“元”"),
])
def test_relations_between_figures_that_cannot_be_compared_are_errors(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: str, needle: str) -> None:
    assert needle in validate(tmp_path, capsys, extra)


def test_households_at_most_persons_and_shares_of_counts_are_fine(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extra = ("share,户占比,%,减贫成效,none,,,poverty_households_registered,"
             "poverty_population_registered,,x\n")
    root = make_project(tmp_path / "p")
    table = root / "data" / "indicators" / "core.csv"
    table.write_text(table.read_text(encoding="utf-8") + extra, encoding="utf-8")
    code, text = run_cli(capsys, root, "validate")
    assert code == 0 and "关系" not in text, text


def test_a_part_of_cycle_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                     ) -> None:
    extra = ("a_part,甲,人,减贫成效,stock,b_part,,,,,x\n"
             "b_part,乙,人,减贫成效,stock,a_part,,,,,x\n")
    text = validate(tmp_path, capsys, extra)
    assert "part_of 关系成环：a_part → b_part → a_part" in text
    assert text.count("关系成环") == 1  # one cycle, said once


@pytest.mark.parametrize(("file", "content", "needle"), [
    ("data/indicators/core.csv", HEADER + BASE.replace("建档立卡贫困户", "户" * 61),
     "name 列有61个字符，超过上限60"),
    ("data/indicators/core.csv", HEADER + BASE.replace("减贫成效,stock,,poverty",
                                                      "类" * 31 + ",stock,,poverty"),
     "category 列有31个字符，超过上限30"),
])
def test_printed_names_longer_than_their_limit_are_located_errors(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], file: str, content: str,
        needle: str) -> None:
    root = make_project(tmp_path / "p", {file: content})
    code, text = run_cli(capsys, root, "validate")
    assert code == 1 and "data/indicators/core.csv 第3行" in text and needle in text, text

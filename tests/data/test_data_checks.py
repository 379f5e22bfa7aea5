"""data/checks.csv: declared ratio and difference rules, and the nested-period rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from datahelp import make_project, observations, run_cli

from reportgen.config import load_project
from reportgen.data.load import load_dataset

HEADER = "id,kind,indicator,left,right,region,min,max,match,note\n"
OBS_FILE = "data/observations/extra.csv"


def findings(tmp_path: Path, checks: str, *rows: str) -> list[tuple[str, str, tuple[int, ...]]]:
    files = {"data/checks.csv": HEADER + checks}
    if rows:
        files[OBS_FILE] = observations(*rows)
    root = make_project(tmp_path / "p", files)
    dataset = load_dataset(load_project(root))
    return [(f.code, f.message, tuple(r for _, r in f.rows)) for f in dataset.findings]


def codes(found: list[tuple[str, str, tuple[int, ...]]]) -> list[str]:
    return [code for code, _, _ in found]


def test_ratio_within_bounds_is_silent_and_outside_names_both_rows(tmp_path: Path) -> None:
    ok = findings(tmp_path / "a", "pph,ratio,poverty_population_registered,"
                  "poverty_households_registered,,,1.8,5,,每户人数一般在1.8至5人之间\n")
    assert "check-ratio" not in codes(ok)
    bad = findings(tmp_path / "b", "pph,ratio,poverty_population_registered,"
                   "poverty_households_registered,,,3.5,5,,每户人数一般在3.5至5人之间\n")
    [(_, message, rows)] = [f for f in bad if f[0] == "check-ratio"]
    assert rows == (2, 3)
    assert "汝州市 建档立卡贫困人口（截至2019年底）22713人 ÷" in message
    assert "= 3.41，按规则 pph 应在3.5至5之间" in message and "每户人数" in message


def test_ratio_against_the_parent_region(tmp_path: Path) -> None:
    rule = ("share,ratio,poverty_population_registered,poverty_population_registered,,parent,"
            ",0.4,,县不超过市的四成\n")
    [(_, message, rows)] = [f for f in findings(tmp_path, rule) if f[0] == "check-ratio"]
    assert "平顶山市 建档立卡贫困人口（截至2019年底）5.1万人" in message
    assert rows == (2, 4) and "不大于0.4" in message


def test_difference_holds_within_the_written_rounding(tmp_path: Path) -> None:
    rule = ("gap,difference,remaining_poor_persons,poverty_population_registered,"
            "poverty_exit_persons,,,,,未脱贫 = 建档立卡 − 脱贫\n")
    # 2600 vs 22713 − 8000 = 14713 (same end date 2019-12-31): broken
    broken = [f for f in findings(tmp_path / "a", rule) if f[0] == "check-difference"]
    assert len(broken) == 1 and "= 14713人，相差12113人" in broken[0][1]
    assert "至少相差" in broken[0][1]  # the written digits' rounding is taken off
    # 1.5万 (slack ±500) vs 22713 − 8000 = 14713: holds
    fine = findings(tmp_path / "b", rule.replace("remaining_poor_persons", "poor_left"),
                    "410482,poor_left,2019-12-31,1.5,万人,doc-a,尚有1.5万人,,")
    assert "check-difference" not in codes(fine)


def test_a_sub_period_flow_never_exceeds_its_period(tmp_path: Path) -> None:
    found = findings(tmp_path, "",
                     "410482,poverty_exit_persons,2019-05/2019-09,9000,人,doc-a,"
                     "5月以来脱贫9000人,,")
    [(_, message, rows)] = [f for f in found if f[0] == "subperiod-exceeds-period"]
    assert "汝州市 脱贫人口（2019年5—9月）9000人 大于包含它的时期的 （2019年）8000人" in message
    assert set(rows) == {2, 6}  # extra.csv row 2 vs doc-a.csv row 6 (2019: 8000)


@pytest.mark.parametrize(("row", "column", "needle"), [
    ("r,share,a,b,,,,1,,", "kind", "未知的规则类型“share”"),
    ("r,ratio,nope,poverty_households_registered,,,,1,,", "indicator", "未知指标“nope”"),
    ("r,ratio,poverty_population_registered,rural_population,,,x,1,,", "min",
     "min 列“x”不是数字"),
    ("r,ratio,poverty_population_registered,rural_population,,,,,,", "min",
     "min 和 max 都为空"),
    ("r,difference,poverty_population_registered,rural_population,,,,,,", "right",
     "缺少减数指标"),
    ("r,ratio,poverty_population_registered,rural_population,,up,,1,,", "region",
     "region 列“up”无法识别"),
])
def test_a_bad_rule_is_a_located_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       row: str, column: str, needle: str) -> None:
    root = make_project(tmp_path / "p", {"data/checks.csv": HEADER + row + "\n"})
    code, out = run_cli(capsys, root, "validate")
    assert code == 1
    assert f"data/checks.csv 第2行 {column}列" in out and needle in out, out


def test_no_checks_table_is_fine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    code, out = run_cli(capsys, root, "validate")
    assert code == 0 and "checks" not in out, out


def test_a_declared_check_doubts_the_figure_it_checks_not_its_references(tmp_path: Path
                                                                         ) -> None:
    """The rule's `indicator` is marked ※; the reference figures are named, never marked."""
    rule = ("pph,ratio,poverty_population_registered,poverty_households_registered,,,3.5,5,,\n")
    root = make_project(tmp_path / "p", {"data/checks.csv": HEADER + rule})
    dataset = load_dataset(load_project(root))
    [finding] = [f for f in dataset.findings if f.code == "check-ratio"]
    assert [r for _, r in finding.rows] == [2, 3]
    assert [r for _, r in finding.marked_rows] == [2]
    assert finding.to_dict()["doubted"] == [{"file": finding.rows[0][0], "row": 2}]



def test_the_printed_message_leaves_rows_and_rule_ids_to_the_staff(tmp_path: Path) -> None:
    rule = ("pph,ratio,poverty_population_registered,poverty_households_registered,,,3.5,5,,\n")
    root = make_project(tmp_path / "p", {"data/checks.csv": HEADER + rule})
    [finding] = [f for f in load_dataset(load_project(root)).findings if f.code == "check-ratio"]
    assert "第2行" in finding.message and "pph" in finding.message
    printed = finding.reader_message()
    assert "第2行" not in printed and "pph" not in printed and "data/" not in printed
    assert "= 3.41，按规则应在3.5至5之间" in printed

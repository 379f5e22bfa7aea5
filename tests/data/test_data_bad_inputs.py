"""Bad inputs through the CLI: exit code, message naming file/row/column, tree untouched."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from datahelp import OBS, make_project, observations, run_cli, tree_hash

GOOD = "410482,poverty_exit_persons,2019,8000,人,doc-a,2019年脱贫8000人,,"


def check_rejected(capsys: pytest.CaptureFixture[str], root: Path, where: str,
                   *needles: str) -> str:
    """validate exits 1, names ``where`` and every needle; export refuses; nothing changed."""
    before = tree_hash(root)
    code, out = run_cli(capsys, root, "validate")
    assert code == 1, out
    assert where in out, out
    for needle in needles:
        assert needle in out, out
    code, err = run_cli(capsys, root, "data", "export", "--format", "csv")
    assert code == 1 and "error" in err
    assert tree_hash(root) == before
    return out


CASES = {
    "non-numeric": (GOOD.replace(",8000,人,", ",约5万,人,"), "value列",
                    ("错误：数值“约5万”不是数字",
                     "提示：只填数字（5），单位写在 unit 列（万人），“约”写入 qualifier 列")),
    "negative-count": (GOOD.replace(",8000,", ",-8000,"), "value列",
                       ("脱贫人口不能为负数，此处为-8000",)),
    "fractional-count": (GOOD.replace(",8000,人,", ",1.23456,万人,"), "value列",
                         ("以人计数，但数值折算后为12345.6人",)),
    "unknown-region": (GOOD.replace("410482", "419999"), "region_code列",
                       ("未知地区代码“419999”", "（原文“2019年脱贫8000人”）")),
    "bad-region-code": (GOOD.replace("410482", "41048"), "region_code列",
                        ("地区代码“41048”不是6位数字",)),
    "unknown-unit": (GOOD.replace(",人,doc", ",人口,doc"), "unit列",
                     ("无法识别的单位“人口”",)),
    "wrong-unit": (GOOD.replace(",人,doc", ",万元,doc"), "unit列",
                   ("单位“万元”折算为元，但该指标的单位是人",)),
    "unknown-indicator": (GOOD.replace("poverty_exit_persons", "exits"),
                          "indicator_id列", ("未知指标“exits”",)),
    "unknown-source": (GOOD.replace("doc-a", "doc-z"), "source_id列", ("未知来源“doc-z”",)),
    "bad-period": (GOOD.replace(",2019,", ",2019年,"), "period列",
                   ("时期“2019年”无法识别", "cumulative:2020")),
    "percent-range": ("410482,poverty_incidence,2019-12-31,126,%,doc-a,贫困发生率0.26%,,",
                      "value列", ("贫困发生率为126%，超出0–100",)),
    "bad-flag": (GOOD + "conflict", "flag列", ("无法识别的标记“conflict”", "source-conflict")),
    "empty-quote": (GOOD.replace("2019年脱贫8000人", ""), "quote列", ("quote 列为空",)),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_observation_row(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                             case: str) -> None:
    row, column, needles = CASES[case]
    root = make_project(tmp_path / "p", {"data/observations/extra.csv": observations(row)})
    check_rejected(capsys, root, f"data/observations/extra.csv 第2行 {column}：错误：",
                   *needles)


def test_malformed_csv_names_row_and_column(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    bad = '410482,poverty_exit_persons,2019,8000,人,doc-a,"2019年脱贫8000人,,'
    root = make_project(tmp_path / "p", {OBS: observations(GOOD, bad, GOOD)})
    check_rejected(capsys, root, f"{OBS} 第3行 quote列：错误：CSV 格式错误：引号未闭合")


def test_text_after_a_closing_quote_is_named(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    bad = '410482,poverty_exit_persons,2019,8000,人,doc-a,"2019年"脱贫8000人,,'
    root = make_project(tmp_path / "p", {OBS: observations(GOOD, bad)})
    check_rejected(capsys, root, f"{OBS} 第3行 quote列：错误：CSV 格式错误：右引号后还有文字",
                   '提示：含逗号或引号的单元格须用英文双引号括起（"..."）')


def test_row_with_more_cells_than_header(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p", {OBS: observations(GOOD, GOOD + ",extra")})
    check_rejected(capsys, root, f"{OBS} 第3行：错误：", "该行有10个单元格，而表头只有9列")


def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p", {OBS: b""})
    check_rejected(capsys, root, f"{OBS}：错误：observations 表是空的（没有表头行）")


def test_header_only_regions_is_an_error(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p", {"data/regions.csv": "code,name,level,parent_code\n"})
    check_rejected(capsys, root, "data/regions.csv：错误：regions 表只有表头，没有数据行")


def test_missing_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = observations(GOOD).replace(",quote,", ",quot,")
    root = make_project(tmp_path / "p", {OBS: text})
    out = check_rejected(capsys, root, f"{OBS} 第1行 quote列：错误：缺少列：quote",
                         "现有列：region_code、indicator_id")
    assert "未知列" not in out  # the missing column is the error that matters


def test_conflicting_duplicates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = GOOD.replace(",8000,", ",8100,")
    root = make_project(tmp_path / "p", {"data/observations/extra.csv": observations(other)})
    check_rejected(capsys, root, "data/observations/extra.csv 第2行 value列：错误：",
                   "410482 poverty_exit_persons 2019 有多个不同数值：",
                   f"{OBS} 第6行 8000人（doc-a “2019年脱贫8000人”）",
                   "data/observations/extra.csv 第2行 8100人")


def test_flagged_duplicates_are_a_warning(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    clean = (Path(__file__).parents[1] / "projects/data-clean" / OBS).read_text("utf-8")
    flagged = clean.replace("2019年脱贫8000人,,", "2019年脱贫8000人,,source-conflict")
    other = GOOD.replace(",8000,", ",8100,") + "source-conflict"
    root = make_project(tmp_path / "p", {OBS: flagged,
                                         "data/observations/extra.csv": observations(other)})
    code, out = run_cli(capsys, root, "validate")
    assert code == 0, out
    assert "警告：410482 poverty_exit_persons 2019 各来源数值不一致：" in out, out
    assert f"{OBS} 第6行 8000人" in out and "extra.csv 第2行 8100人" in out


def test_identical_duplicate_from_another_source_is_fine(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p", {"data/observations/extra.csv": observations(GOOD)})
    code, out = run_cli(capsys, root, "validate")
    assert code == 0 and "0个警告" in out, out


def test_xlsx_with_title_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["汝州市脱贫攻坚数据表"])
    sheet.append([])
    sheet.append(["region_code", "indicator_id", "period", "value", "unit", "source_id",
                  "quote"])
    sheet.append([410482, "poverty_exit_persons", 2019, 8000, "人", "doc-a", "2019年脱贫8000人"])
    workbook.save(root / "data/observations/extra.xlsx")
    check_rejected(capsys, root, "data/observations/extra.xlsx 第1行：错误：",
                   "第1行不是表头；表头在第3行")


def test_indicator_and_region_table_errors(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    regions = (Path(__file__).parents[1] / "projects/data-clean/data/regions.csv").read_text()
    root = make_project(tmp_path / "p", {
        "data/regions.csv": regions + "410423,鲁山县,county,410499\n410424,某县,town,410400\n",
        "data/indicators/more.csv": "id,name,unit,category,aggregate,part_of\n"
        "Bad-Id,坏,人,x,sum,\nok_id,好,万人,x,sum,\nok_two,好,人,,total,nothing\n",
    })
    out = check_rejected(capsys, root, "data/regions.csv 第6行 parent_code列：错误："
                         "鲁山县（410423）的上级地区“410499”不在 regions 表中",
                         "data/regions.csv 第7行 level列：错误：级别“town”",
                         "data/indicators/more.csv 第2行 id列：错误：指标 id“Bad-Id”",
                         "data/indicators/more.csv 第3行 unit列：错误：单位“万人”不是基本单位",
                         "data/indicators/more.csv 第4行 category列：错误：category 列为空",
                         "data/indicators/more.csv 第4行 aggregate列：错误：aggregate“total”",
                         "data/indicators/more.csv 第4行 part_of列：错误：part_of 列的指标"
                         "“nothing”未定义")
    assert out.count("错误：") == 7, out


@pytest.mark.parametrize(("row", "needle"), [
    (GOOD.replace(",2019,", ",2019-12-31,"), "脱贫人口是流量指标（aggregate=sum），时期却是时点"),
    (GOOD.replace("poverty_exit_persons,2019,", "remaining_poor_persons,cumulative:2019,"),
     "未脱贫人口是存量指标（aggregate=stock），时期却是累计"),
])
def test_period_kind_that_does_not_fit_the_indicator_is_a_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], row: str, needle: str) -> None:
    root = make_project(tmp_path / "p", {"data/observations/extra.csv": observations(row)})
    code, out = run_cli(capsys, root, "validate")
    assert code == 0, out
    assert "data/observations/extra.csv 第2行 period列：警告：" + needle in out, out


@pytest.mark.parametrize("name", ["平顶山/../../data/x", "平顶\n山市", "平顶\u200b山市",
                                  "平" * 200])
def test_region_name_that_cannot_be_a_file_name_is_an_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    from datahelp import make_project, run_cli, tree_hash

    regions = ("code,name,level,parent_code\n410000,河南省,province,\n"
               f'410400,"{name}",city,410000\n')
    root = make_project(tmp_path / "p", {"data/regions.csv": regions})
    before = tree_hash(root)
    code, out = run_cli(capsys, root, "validate")
    assert code == 1
    assert "data/regions.csv 第3行 name列：错误：地区名称" in out and "不能用作文件名" in out
    assert "\u200b" not in out and "Traceback" not in out
    assert tree_hash(root) == before


def test_a_refused_region_is_not_reported_again_from_its_children(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datahelp import make_project, run_cli

    regions = ("code,name,level,parent_code\n410000,河南省,province,\n"
               "410400,平顶山市/../..,city,410000\n410482,汝州市,county,410400\n"
               "410422,叶县,county,410499\n")
    root = make_project(tmp_path / "p", {"data/regions.csv": regions})
    code, out = run_cli(capsys, root, "validate")
    assert code == 1
    assert "data/regions.csv 第3行 name列：错误：地区名称" in out
    assert "汝州市（410482）的上级地区" not in out  # its parent's row has the error
    assert "叶县（410422）的上级地区“410499”不在 regions 表中" in out  # a real gap still is

"""Issue 13, second attack: periods and region codes follow the one digit policy."""

from __future__ import annotations

from pathlib import Path

import pytest
from datahelp import OBS, observations, validate_guarded

GOOD = "410482,poverty_exit_persons,2019,8000,人,doc-a,2019年脱贫8000人,,"
REGIONS = "data/regions.csv"
REGIONS_HEAD = "code,name,level,parent_code\n410000,河南省,province,\n410400,平顶山市,city,410000\n"


def test_full_width_period_is_normalised_so_a_contradicting_duplicate_is_caught(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = GOOD.replace(",2019,", ",２０１９,").replace(",8000,", ",9000,")
    code, out = validate_guarded(capsys, tmp_path, {OBS: observations(GOOD, other)})
    assert code == 1, out
    assert "410482 poverty_exit_persons 2019 有多个不同数值" in out, out


@pytest.mark.parametrize("period", ["٢٠١٩", "𝟐𝟎𝟏𝟗", "cumulative:٢٠٢٠", "2019-٠٥"])
def test_other_scripts_digits_in_period_are_located_errors(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], period: str) -> None:
    code, out = validate_guarded(capsys, tmp_path,
                          {OBS: observations(GOOD.replace(",2019,", f",{period},"))})
    assert code == 1, out
    assert "doc-a.csv 第2行 period列" in out and "非 ASCII 数字" in out, out


def test_arabic_indic_region_code_is_an_error_in_both_tables(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    regions = REGIONS_HEAD + "٤١٠٤٨٢,汝州市,county,410400\n"
    code, out = validate_guarded(capsys, tmp_path, {
        REGIONS: regions, OBS: observations(GOOD.replace("410482", "٤١٠٤٨٢"))})
    assert code == 1, out
    assert "regions.csv 第4行 code列" in out and "不是6位数字" in out, out
    assert "doc-a.csv 第2行 region_code列" in out, out


def test_full_width_region_code_is_converted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    regions = REGIONS_HEAD + "４１０４８２,汝州市,county,４１０４００\n410422,叶县,county,410400\n"
    code, out = validate_guarded(capsys, tmp_path, {REGIONS: regions, OBS: observations(GOOD)})
    assert code == 0, out


def test_bad_parent_code_is_located_at_its_cell(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    regions = REGIONS_HEAD + "410482,汝州市,county,٤١٠٤٠٠\n"
    code, out = validate_guarded(capsys, tmp_path, {REGIONS: regions, OBS: observations(GOOD)})
    assert code == 1, out
    assert "regions.csv 第4行 parent_code列" in out, out


def test_region_refused_for_its_name_is_reported_once_not_per_observation(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    regions = REGIONS_HEAD + "410482,../汝州市,county,410400\n410422,叶县,county,410400\n"
    rows = [GOOD, GOOD.replace("2019,", "2018,"), GOOD.replace("2019,", "2017,")]
    code, out = validate_guarded(capsys, tmp_path, {REGIONS: regions, OBS: observations(*rows)})
    assert code == 1, out
    assert "regions.csv 第4行 name列" in out, out
    assert "未知地区代码" not in out, out
    assert out.count("在 regions 表中有错误") == 1 and "3行数据未读取" in out, out


def test_nfd_region_name_is_read_as_nfc(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    regions = REGIONS_HEAD + "410482,e\u0301市,county,410400\n410422,叶县,county,410400\n"
    _, out = validate_guarded(capsys, tmp_path, {REGIONS: regions, OBS: observations(GOOD)})
    assert "路径分隔符" not in out, out

"""Issue 13, second attack: mixed encodings, BOMs and over-long CSV cells."""

from __future__ import annotations

from pathlib import Path

import pytest
from datahelp import validate_guarded

REGIONS = "data/regions.csv"
HEAD = "code,name,level,parent_code\n"


def test_utf8_file_with_one_gbk_line_is_an_error_naming_the_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = ((HEAD + "410000,河南省,province,\n410400,平顶山市,city,410000\n").encode()
           + "410482,汝州市,county,410400\n".encode("gbk")
           + "410422,叶县,county,410400\n".encode())
    code, out = validate_guarded(capsys, tmp_path, {REGIONS: raw})
    assert code == 1, out
    assert "regions.csv 第4行" in out and "不是 UTF-8" in out and "另存为 UTF-8" in out, out
    assert "骞" not in out  # no mojibake of the UTF-8 lines


def test_whole_gbk_file_is_still_read(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    text = (HEAD + "410000,河南省,province,\n410400,平顶山市,city,410000\n"
            "410482,汝州市,county,410400\n410422,叶县,county,410400\n")
    code, out = validate_guarded(capsys, tmp_path, {REGIONS: text.encode("gbk")})
    assert code == 0, out


def test_two_boms_are_both_dropped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = ("\ufeff\ufeff" + HEAD + "410000,河南省,province,\n410400,平顶山市,city,410000\n"
            "410482,汝州市,county,410400\n410422,叶县,county,410400\n")
    code, out = validate_guarded(capsys, tmp_path, {REGIONS: text})
    assert code == 0, out
    assert "\ufeff" not in out


def test_over_long_csv_cell_names_row_and_column_not_a_quote(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (HEAD + "410000,河南省,province,\n410400,平顶山市,city,410000\n"
            "410482," + "样" * 200_000 + ",county,410400\n410422,叶县,county,410400\n")
    code, out = validate_guarded(capsys, tmp_path, {REGIONS: text})
    assert code == 1, out
    assert "regions.csv 第4行 name列" in out and "单元格过长（200000个字符" in out, out
    assert "引号未闭合" not in out

"""Provenance: quotes occur in their documents and hold their values."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from datahelp import OBS, make_project, observations, run_cli

from reportgen.data.provenance import chinese_number, numbers_in

GOOD = "410482,poverty_exit_persons,2019,8000,人,doc-a,2019年脱贫8000人,,"


@pytest.fixture(autouse=True)
def _no_env_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REPORTGEN_SOURCES_DIR", raising=False)


def test_quote_not_in_document_is_an_error(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    row = GOOD.replace("2019年脱贫8000人", "2019年共脱贫8000人")
    root = make_project(tmp_path / "p", {"data/observations/extra.csv": observations(row)})
    code, out = run_cli(capsys, root, "validate")
    assert code == 1
    assert ("data/observations/extra.csv 第2行 quote列：错误："
            "引文“2019年共脱贫8000人”在 a.txt（doc-a）中找不到") in out
    assert "提示：从 a.txt 中原样复制该句" in out


def test_quote_matches_across_line_breaks_and_punctuation_width(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a.txt breaks the line after "8000人，" and uses a full-width comma.
    row = "410482,poverty_exit_persons,2019,8000,人,doc-a,\"脱贫8000人, 2018—2019年\",,"
    root = make_project(tmp_path / "p", {"data/observations/extra.csv": observations(row)})
    code, out = run_cli(capsys, root, "validate")
    assert code == 0 and "0个警告" in out, out


def test_value_missing_from_quote_is_a_warning(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    row = "410400,remaining_poor_persons,2019-12-31,2600,人,doc-a,平顶山市建档立卡贫困人口,,"
    root = make_project(tmp_path / "p", {"data/observations/extra.csv": observations(row)})
    code, out = run_cli(capsys, root, "validate")
    assert code == 0
    assert ("data/observations/extra.csv 第2行 value列：警告：数值“2600人”未出现在其引文"
            "“平顶山市建档立卡贫困人口”中") in out


def test_missing_document_is_an_error(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    (root / "sources/a.txt").unlink()
    code, out = run_cli(capsys, root, "validate")
    assert code == 1
    assert "data/sources.csv 第2行 file列：错误：来源 doc-a 的文件“a.txt”不在来源文件夹中" in out


def test_absent_sources_folder_skips_with_one_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p", {OBS: observations(GOOD.replace("8000人", "8001人"))})
    (root / "sources/a.txt").unlink()
    (root / "sources").rmdir()
    code, out = run_cli(capsys, root, "validate")
    assert code == 0, out
    assert out.count("警告：") == 1 and "reportgen.toml：警告：未核对引文：来源文件夹" in out


def test_environment_variable_overrides_sources_dir(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path / "p")
    monkeypatch.setenv("REPORTGEN_SOURCES_DIR", str(tmp_path / "nowhere"))
    code, out = run_cli(capsys, root, "validate")
    assert code == 0 and "未核对引文：来源文件夹" in out and "nowhere 不存在" in out


def test_numbers_in_quotes() -> None:
    found = numbers_in("全省718.6万人、9536个村，六十三个贫困村，近百万名干部，1,234户")
    for number in ("718.6", "7186000", "9536", "63", "1000000", "1234"):
        assert Decimal(number) in found
    assert Decimal("718") not in found


def test_chinese_numbers() -> None:
    assert chinese_number("六十三") == 63
    assert chinese_number("十二") == 12
    assert chinese_number("一万二千") == 12000
    assert chinese_number("三亿五千万") == 350_000_000
    assert chinese_number("二〇一九") == 2019
    assert chinese_number("万") is None


@pytest.mark.parametrize("name", ["../../../../etc/passwd", "/etc/passwd", "../reportgen.toml"])
def test_document_outside_the_sources_folder_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    sources = "id,title,publisher,date,file\ndoc-a,测试来源：汝州脱贫,测试媒体,2020," + name + "\n"
    root = make_project(tmp_path / "p", {"data/sources.csv": sources})
    code, out = run_cli(capsys, root, "validate")
    assert code == 1
    assert "data/sources.csv 第2行 file列：错误：来源 doc-a 的文件" in out
    assert "不在来源文件夹之内" in out and "Traceback" not in out
    assert "quote-not-found" not in out and "找不到" not in out

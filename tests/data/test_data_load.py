"""Locating tables, load_valid_dataset, and keeping the load path light."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from datahelp import OBS, SAMPLES, make_project, observations, run_cli

from reportgen.config import load_project
from reportgen.data.load import load_dataset, load_valid_dataset
from reportgen.errors import DataError


def test_clean_dataset_contents() -> None:
    dataset = load_valid_dataset(load_project(SAMPLES / "data-clean"))
    assert len(dataset.regions) == 4 and len(dataset.indicators) == 8
    assert dataset.findings == []
    first = dataset.observations[0]
    assert first.location is not None and (first.location.file, first.location.row) == (OBS, 2)
    pds = next(o for o in dataset.observations if o.region_code == "410400")
    assert (str(pds.value), pds.unit, pds.value_written, pds.unit_written) == (
        "51000", "人", "5.1", "万人")


def test_load_valid_dataset_raises_with_the_errors(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"data/observations/x.csv": observations(
        "410482,nope,2019,1,人,doc-a,q,,", "410482,poverty_exit_persons,2019,x,人,doc-a,q,,")})
    with pytest.raises(DataError) as info:
        load_valid_dataset(load_project(root))
    assert [f.code for f in info.value.findings] == ["unknown-indicator", "not-a-number"]
    assert str(info.value).startswith("数据表中有2个错误")


def test_every_problem_of_a_row_is_reported(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"data/observations/x.csv": observations(
        "419999,poverty_exit_persons,2019年,-5,人口,doc-z,2019年脱贫8000人,,maybe")})
    findings = load_dataset(load_project(root)).findings
    assert sorted((f.code, f.column) for f in findings) == [
        ("bad-flag", "flag"), ("bad-period", "period"), ("negative-value", "value"),
        ("unknown-region", "region_code"), ("unknown-source", "source_id"),
        ("unknown-unit", "unit")]
    assert all(f.row == 2 and f.file == "data/observations/x.csv" for f in findings)


def test_lock_files_are_ignored_and_old_sheets_warned(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p", {"data/observations/~$doc-a.xlsx": b"lock",
                                         "data/observations/old.xls": b"\xd0\xcf"})
    code, out = run_cli(capsys, root, "validate")
    assert code == 0, out
    assert "data/observations/old.xls：警告：未读取 old.xls（只读取 .csv 和 .xlsx 文件）" in out
    assert "~$" not in out


def test_single_file_tables_and_duplicates(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    (root / "data/observations/doc-a.csv").rename(root / "data/observations.csv")
    (root / "data/observations").rmdir()
    code, out = run_cli(capsys, root, "validate")
    assert code == 0 and "共12条数据" in out, out
    (root / "data/regions.xlsx").write_bytes(b"")
    code, out = run_cli(capsys, root, "validate")
    assert code == 1 and "data/regions.csv 和 data/regions.xlsx 同时存在" in out


def test_missing_tables(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    (root / "data/regions.csv").unlink()
    (root / OBS).unlink()
    findings = {f.code: f for f in load_dataset(load_project(root)).findings}
    assert findings["missing-regions"].is_error
    assert findings["missing-regions"].format() == (
        "data/regions.csv：错误：缺少 regions 表（data/regions.csv）\n"
        "  提示：新建该表，表头为 code,name,level,parent_code")
    assert not findings["missing-observations"].is_error
    assert findings["missing-observations"].message == (
        "缺少 observations 表（data/observations.csv 或 data/observations/*.csv）")


def test_where_without_a_file_names_the_project(tmp_path: Path) -> None:
    findings = load_dataset(load_project(tmp_path)).findings
    assert [f.format() for f in findings] == [
        "项目目录：错误：项目中没有 data/ 文件夹\n"
        "  提示：在项目目录中运行 reportgen，或用 -C DIR 指定项目目录"]


def test_validate_json_keeps_english_keys(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p", {"data/observations/x.csv": observations(
        "410482,poverty_exit_persons,2019,约5万,人,doc-a,2019年脱贫8000人,,")})
    code, out = run_cli(capsys, root, "validate", "--format", "json")
    payload = json.loads(out)
    assert code == 1 and (payload["errors"], payload["warnings"]) == (1, 0)
    finding = payload["findings"][0]
    assert {k: finding[k] for k in ("severity", "code", "file", "row", "column")} == {
        "severity": "error", "code": "not-a-number", "file": "data/observations/x.csv",
        "row": 2, "column": "value"}
    assert finding["message"] == "数值“约5万”不是数字（原文“2019年脱贫8000人”）"


def test_validate_imports_neither_pandas_nor_openpyxl() -> None:
    """No-op builds load the data: that path must stay light for CSV projects."""
    code = (
        "import sys; from reportgen.config import load_project; "
        "from reportgen.data.load import load_dataset; "
        f"d = load_dataset(load_project({str(SAMPLES / 'data-clean')!r})); "
        "assert len(d.observations) == 12; "
        "print(sorted(m for m in ('pandas', 'openpyxl', 'numpy') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"

"""``reportgen data export``: csv to stdout / file, xlsx, exact values, refusal on errors."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from datahelp import OBS, make_project, observations, run_cli, tree_hash

from reportgen.data.export import COLUMNS

REQUIRED = ("region_code", "region_name", "indicator_id", "indicator_name", "period", "value",
            "unit", "source_id", "quote")


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    capsys.readouterr()
    from reportgen.cli import main

    assert main(["-C", str(root), "data", "export"]) == 0
    out = capsys.readouterr().out
    assert not out.startswith("\ufeff")  # plain UTF-8 on stdout
    rows = _rows(out)
    assert len(rows) == 12 and set(REQUIRED) <= set(rows[0])
    pds = next(r for r in rows if r["region_code"] == "410400")
    assert (pds["region_name"], pds["value"], pds["unit"], pds["value_written"],
            pds["unit_written"], pds["period_label"]) == ("平顶山市", "51000", "人", "5.1",
                                                          "万人", "截至2019年底")
    rate = next(r for r in rows if r["indicator_id"] == "poverty_incidence")
    assert rate["value"] == "0.26" and rate["source_title"] == "测试来源：汝州脱贫"


def test_csv_file_has_bom_and_is_sorted(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    dest = tmp_path / "out.csv"
    code, _ = run_cli(capsys, root, "data", "export", "-o", str(dest))
    assert code == 0
    raw = dest.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = _rows(raw.decode("utf-8-sig"))
    keys = [(r["region_code"], r["indicator_id"]) for r in rows]
    assert keys == sorted(keys)
    assert list(rows[0]) == list(COLUMNS)


def test_xlsx_reads_back_exactly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    row = "410482,poverty_exit_persons,2017,0.3,万人,doc-a,2019年脱贫8000人,,"  # 3000 exactly
    root = make_project(tmp_path / "p", {"data/observations/extra.csv": observations(row)})
    dest = tmp_path / "out.xlsx"
    code, out = run_cli(capsys, root, "data", "export", "--format", "xlsx", "-o", str(dest))
    assert code == 0, out
    sheet = openpyxl.load_workbook(dest).worksheets[0]
    table = list(sheet.iter_rows(values_only=True))
    assert table[0] == COLUMNS
    records = [dict(zip(COLUMNS, r, strict=True)) for r in table[1:]]
    assert len(records) == 13
    values = {(r["region_code"], r["indicator_id"], r["period"]): r["value"] for r in records}
    assert values[("410482", "poverty_incidence", "2019-12-31")] == pytest.approx(0.26)
    assert Decimal(str(values[("410482", "poverty_exit_persons", "2017")])) == 3000
    assert values[("410400", "poverty_population_registered", "2019-12-31")] == 51000


def test_xlsx_needs_an_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    code, out = run_cli(capsys, root, "data", "export", "--format", "xlsx")
    assert code == 2 and "-o FILE.xlsx" in out


def test_export_refuses_data_with_errors(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p", {OBS: observations(
        "410482,poverty_exit_persons,2019,-1,人,doc-a,2019年脱贫8000人,,")})
    dest = tmp_path / "out.csv"
    before = tree_hash(root)
    code, out = run_cli(capsys, root, "data", "export", "-o", str(dest))
    assert code == 1 and "数据表中有1个错误" in out
    assert "value列：错误：脱贫人口不能为负数，此处为-1" in out
    assert not dest.exists() and tree_hash(root) == before

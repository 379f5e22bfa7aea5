"""Issue 13: `data export` neutralises formula-leading cells; bad -o is a located error."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from datahelp import OBS, make_project, observations, run_cli

from reportgen.data.export import neutralise

GOOD = "410482,poverty_exit_persons,2019,8000,人,doc-a,2019年脱贫8000人,,"
HOSTILE = {
    "quote": '"=HYPERLINK(""http://evil.example"",""点击"")"',
    "note": "@SUM(A1:A9)",
}


def _project(tmp_path: Path) -> Path:
    rows = (GOOD.replace(",2019年脱贫8000人,,", f",{HOSTILE['quote']},{HOSTILE['note']},"),
            GOOD.replace("2019", "2018").replace(",2018年脱贫8000人,,",
                                                 ",+1+cmd|' /C calc'!A0,-2+3,"))
    # provenance off: the hostile quotes are not in the source text
    return make_project(tmp_path / "p", {OBS: observations(*rows), "reportgen.toml": ""})


@pytest.mark.parametrize(("cell", "expected"), [
    ("=1+2", "'=1+2"), ("+1", "+1"), ("-3.2", "-3.2"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("普通文字", "普通文字"), ("", ""),
])
def test_neutralise(cell: str, expected: str) -> None:
    assert neutralise(cell) == expected


def test_csv_export_neutralises_formula_cells(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path)
    code, out = run_cli(capsys, root, "data", "export", "--format", "csv")
    assert code == 0, out
    rows = list(csv.DictReader(io.StringIO(out)))
    quotes = {r["quote"] for r in rows}
    assert "'=HYPERLINK(\"http://evil.example\",\"点击\")" in quotes
    assert "'+1+cmd|' /C calc'!A0" in quotes
    assert {r["note"] for r in rows} == {"'@SUM(A1:A9)", "'-2+3"}
    assert {r["value"] for r in rows} == {"8000"}


def test_xlsx_export_writes_strings_never_formulas(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path)
    target = tmp_path / "out.xlsx"
    code, out = run_cli(capsys, root, "data", "export", "--format", "xlsx", "-o", str(target))
    assert code == 0, out
    sheet = openpyxl.load_workbook(target).worksheets[0]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    header = [c.value for c in sheet[1]]
    values = [row[header.index("value")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert values == [8000, 8000]  # numbers stay numbers
    assert any(c.value == "'@SUM(A1:A9)" for c in cells)


def test_export_to_a_folder_is_a_usage_error(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path)
    code, out = run_cli(capsys, root, "data", "export", "-o", str(tmp_path))
    assert code == 2, out
    assert "it is a folder" in out and "Traceback" not in out

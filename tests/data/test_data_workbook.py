"""Issue 13, second attack: damaged, hostile or huge workbooks are located errors."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from datahelp import OBS, OBS_HEADER, validate_guarded

XLSX = "data/observations/obs.xlsx"
ROW = ["410482", "poverty_exit_persons", "2019", 8000, "人", "doc-a", "2019年脱贫8000人"]


def _book(edit: dict[str, bytes | None] | None = None, **cells: object) -> bytes:
    """A one-sheet observations workbook; ``edit`` replaces (None: drops) zip parts."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(OBS_HEADER.strip().split(","))
    sheet.append(ROW)
    for ref, value in cells.items():
        sheet[ref] = value
    buffer = io.BytesIO()
    book.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if edit and info.filename in edit:
                if edit[info.filename] is None:
                    continue
                data = edit[info.filename] or b""
            dst.writestr(info, data)
    return out.getvalue()


def _sheet_xml() -> bytes:
    with zipfile.ZipFile(io.BytesIO(_book())) as z:
        return z.read("xl/worksheets/sheet1.xml")


DTD = (b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>'
       + _sheet_xml().split(b"?>")[-1])


@pytest.mark.parametrize("edit", [
    {"xl/worksheets/sheet1.xml": _sheet_xml()[:200]},  # truncated sheet XML
    {"xl/workbook.xml": b"<notxml"},
    {"xl/worksheets/sheet1.xml": None},  # missing sheet
    {"xl/styles.xml": b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                      b'2006/main"><numFmts><numFmt numFmtId="a" formatCode="0"/></numFmts>'
                      b'</styleSheet>'},
    {"xl/worksheets/sheet1.xml": DTD},
], ids=["truncated", "workbook", "missing-sheet", "numfmt", "doctype"])
def test_damaged_workbook_is_one_error_naming_the_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], edit: dict[str, bytes | None]) -> None:
    code, out = validate_guarded(capsys, tmp_path, {OBS: OBS_HEADER, XLSX: _book(edit)})
    assert code == 1, out
    assert "data/observations/obs.xlsx：错误：" in out, out
    assert "Excel 工作簿" in out and "提示" in out.split("obs.xlsx：错误：")[1], out
    if "doctype" in str(edit):
        assert "DOCTYPE" in out


def test_workbook_with_only_a_chartsheet_is_a_located_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = openpyxl.Workbook()
    book.create_chartsheet()
    book.remove(book.worksheets[0])
    buffer = io.BytesIO()
    book.save(buffer)
    code, out = validate_guarded(capsys, tmp_path, {OBS: OBS_HEADER, XLSX: buffer.getvalue()})
    assert code == 1, out
    assert "data/observations/obs.xlsx：错误：" in out, out


def test_far_away_cell_is_refused_quickly(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, out = validate_guarded(capsys, tmp_path,
                                 {OBS: OBS_HEADER, XLSX: _book(XFD1048576="x")})
    assert code == 1, out
    assert "obs.xlsx 第1048576行" in out and "超过上限" in out, out


def test_formula_without_cached_value_says_so(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, out = validate_guarded(capsys, tmp_path, {OBS: OBS_HEADER, XLSX: _book(D2="=4000*2")})
    assert code == 1, out
    assert "obs.xlsx 第2行 value列" in out and "公式单元格没有计算结果" in out, out
    assert "value 列为空" not in out


@pytest.mark.parametrize(("fmt", "expected"), [("yyyy", "2019"), ('yyyy"年"', "2019"),
                                               ("yyyy-mm", "2019-01"),
                                               ("yyyy-mm-dd", "2019-01-01")])
def test_date_period_is_read_as_its_number_format_shows_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, expected: str) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(OBS_HEADER.strip().split(","))
    sheet.append(ROW)
    sheet["C2"] = datetime(2019, 1, 1)
    sheet["C2"].number_format = fmt
    buffer = io.BytesIO()
    book.save(buffer)
    root = tmp_path / "x"
    root.mkdir()
    from reportgen.data.read import read_table

    path = root / "obs.xlsx"
    path.write_bytes(buffer.getvalue())
    table, findings = read_table(path, "obs.xlsx")
    assert table is not None and not findings
    assert table.rows[1].cells[2] == expected

"""Reading tables: encodings, CSV quirks, XLSX cells as typed."""

from __future__ import annotations

import codecs
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from datahelp import OBS, make_project, observations, run_cli, tree_hash

from reportgen.data.read import cell_text, decode_bytes, quote_problem_field, read_table

CLEAN = Path(__file__).resolve().parents[1] / "projects" / "data-clean"


def _reencode(root: Path, encoding: str, bom: bytes = b"", tabs: bool = False) -> None:
    for path in (root / "data").rglob("*.csv"):
        text = path.read_text("utf-8")
        path.write_bytes(bom + (text.replace(",", "\t") if tabs else text).encode(encoding))


def test_clean_gbk_project_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    _reencode(root, "gbk")
    before = tree_hash(root)
    code, out = run_cli(capsys, root, "validate")
    assert code == 0, out
    assert "共12条数据，0个错误，0个警告" in out
    assert tree_hash(root) == before


def test_gbk_file_with_unknown_region_shows_chinese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    row = "419999,poverty_exit_persons,2019,8000,人,doc-a,2019年脱贫8000人,约数,"
    root = make_project(tmp_path / "p", {OBS: observations(row).encode("gbk")})
    before = tree_hash(root)
    code, out = run_cli(capsys, root, "validate")
    assert code == 1
    assert f"{OBS} 第2行 region_code列：错误：未知地区代码“419999”" in out
    assert "“2019年脱贫8000人”" in out  # decoded from GBK, not mojibake
    assert out.count("错误：") == 1, out
    assert tree_hash(root) == before


@pytest.mark.parametrize("encoding,bom", [
    ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("gb18030", b""),
    ("gbk", codecs.BOM_UTF8), ("gb18030", "\ufeff".encode("gb18030")),
])
def test_bom_and_unicode_text_read_fine(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        encoding: str, bom: bytes) -> None:
    root = make_project(tmp_path / "p")
    _reencode(root, encoding, bom)
    code, out = run_cli(capsys, root, "validate")
    assert code == 0 and "0个错误，0个警告" in out, out


def test_excel_unicode_text_is_utf16_with_tabs(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    _reencode(root, "utf-16-le", codecs.BOM_UTF16_LE, tabs=True)
    code, out = run_cli(capsys, root, "validate")
    assert code == 0 and "共12条数据，0个错误，0个警告" in out, out


def test_crlf_whitespace_and_blank_rows(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("a,b\r\n\r\n 1 , 二 \r\n,\r\n3,4\r\n".encode())
    table, findings = read_table(path, "t.csv")
    assert findings == [] and table is not None
    assert [(r.number, r.cells) for r in table.rows] == [(1, ["a", "b"]), (3, ["1", "二"]),
                                                         (5, ["3", "4"])]


def test_undecodable_bytes_name_offset_and_line() -> None:
    text, findings = decode_bytes(b"a,b\n1,2\n\xff\xff\xff", "data/x.csv")
    assert text is None
    assert findings[0].row == 3 and "第8字节（第3行）" in findings[0].message
    assert "CSV UTF-8" in findings[0].hint


def test_gbk_decodes_correctly() -> None:
    text, findings = decode_bytes("汝州市,贫困发生率".encode("gbk"), "x.csv")
    assert (text, findings) == ("汝州市,贫困发生率", [])


@pytest.mark.parametrize("value,fmt,expected", [
    (0.1 + 0.2, "General", "0.3"),
    (22713.0, "General", "22713"),
    (410482, "General", "410482"),
    (0.0026, "0.00%", "0.26"),
    (1.5e-7, "General", "0.00000015"),
    (datetime(2018, 12, 31), "yyyy-mm-dd", "2018-12-31"),
    (datetime(2019, 9, 1), "yyyy-mm", "2019-09"),
    (date(2019, 9, 27), "yyyy/m/d", "2019-09-27"),
    (None, "General", ""),
    ("  文本 ", "@", "文本"),
])
def test_xlsx_cells_read_as_typed(value: object, fmt: str, expected: str) -> None:
    assert cell_text(value, fmt) == expected


def test_xlsx_table(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["code", "value"])
    sheet.append([410482, 0.1 + 0.2])
    sheet.append([None, None])
    sheet.append([410400, 12.0])
    workbook.save(tmp_path / "t.xlsx")
    table, findings = read_table(tmp_path / "t.xlsx", "t.xlsx")
    assert findings == [] and table is not None
    assert [(r.number, r.cells) for r in table.rows] == [
        (1, ["code", "value"]), (2, ["410482", "0.3"]), (4, ["410400", "12"])]


def test_broken_xlsx_is_a_finding(tmp_path: Path) -> None:
    (tmp_path / "t.xlsx").write_bytes(b"not a zip")
    table, findings = read_table(tmp_path / "t.xlsx", "data/t.xlsx")
    assert table is None and findings[0].code == "bad-xlsx" and findings[0].file == "data/t.xlsx"
    assert findings[0].message.startswith("无法读取该 Excel 工作簿（不是 zip 格式")


def test_xlsx_project_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The whole observations table as .xlsx (numbers typed as numbers) reads the same."""
    root = make_project(tmp_path / "p")
    csv_path = root / OBS
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for line in csv_path.read_text("utf-8").splitlines():
        cells = line.split(",")
        sheet.append([float(c) if c.replace(".", "").isdigit() else c for c in cells])
    workbook.save(root / "data/observations/doc-a.xlsx")
    csv_path.unlink()
    code, out = run_cli(capsys, root, "validate")
    assert code == 0 and "共12条数据，0个错误，0个警告" in out, out


@pytest.mark.parametrize("lines,field", [
    (['a,"b,c', "d"], 1),  # never closed
    (['a,"b"x,c'], 1),  # text after the closing quote
    (['x,"ok""",y,"bad'], 3),  # a doubled quote is not a closing one
    (['a\t"b'], 1),
    (["a,b\"c,d"], None),  # a quote inside an unquoted cell is literal
])
def test_quote_problem_field(lines: list[str], field: int | None) -> None:
    delimiter = "\t" if "\t" in lines[0] else ","
    assert quote_problem_field(lines, delimiter) == field


@pytest.mark.parametrize("text", [
    "a,b\r\nc,\"d\ne\"\r\n", "x\ry\rz", "a\n\nb", "", "a,b", "a\r", "\n\r\n\r",
    "\"q\r\nq\",1\n2\u2028,3\x85\n",  # U+2028 and NEL are not line ends for CSV
])
def test_physical_lines_split_like_stringio(text: str) -> None:
    import csv
    import io

    from reportgen.data.read import physical_lines

    assert list(physical_lines(text)) == list(io.StringIO(text, newline=""))
    assert list(csv.reader(physical_lines(text))) == list(csv.reader(io.StringIO(text,
                                                                                 newline="")))

"""The one way an .xlsx is opened: guarded, bounded, every failure a finding naming the file.

Before openpyxl sees the file, its zip parts are checked: none may decompress beyond
``MAX_XLSX_MEMBER_BYTES`` and no XML part may declare a DOCTYPE or entity (never resolved,
refused outright). Whatever openpyxl, zipfile or the XML parser raise while opening or
reading becomes one ``bad-xlsx`` finding. A sheet is read only within ``MAX_COLUMNS``
columns and ``MAX_CELLS`` cells, so a single far-away cell (XFD1048576) cannot make the
reader walk sixteen billion empty cells.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportgen.data.collect import error
from reportgen.data.findings import Finding
from reportgen.text.escape import escape_text

MAX_XLSX_MEMBER_BYTES = 100 * 1024 * 1024  # uncompressed size of one part of the workbook
MAX_COLUMNS = 1_000
MAX_CELLS = 5_000_000  # rows × columns of a sheet's used range
_HINT = "在 Excel/WPS 中打开并另存为 .xlsx"
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_CHUNK = 1 << 20


class WorkbookProblem(Exception):
    """A workbook that cannot be read; carries the finding (caught in this layer only)."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def _member_problem(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str | None:
    if info.file_size > MAX_XLSX_MEMBER_BYTES:
        mib = info.file_size // (1024 * 1024)
        return (f"Excel 工作簿中的 {escape_text(info.filename)} 解压后为{mib} MiB，"
                f"超过上限{MAX_XLSX_MEMBER_BYTES // (1024 * 1024)} MiB")
    if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
        return None
    tail = b""
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            if _DTD.search(tail + chunk):
                return (f"Excel 工作簿中的 {escape_text(info.filename)} 含 DOCTYPE/实体声明，"
                        "为安全起见不读取")
            tail = chunk[-16:]
    return None


def check_archive(path: Path, rel: str) -> Finding | None:
    """Refuse oversized parts and DOCTYPE/ENTITY declarations before openpyxl reads them."""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if (problem := _member_problem(archive, info)) is not None:
                    code = "xlsx-too-large" if "MiB" in problem else "bad-xlsx"
                    return error(code, problem, hint="删除多余内容后" + _HINT, file=rel)
    except (zipfile.BadZipFile, OSError, zlib.error, EOFError, NotImplementedError):
        return None  # openpyxl reports it below, with the usual message
    return None


# Everything openpyxl, zipfile and the XML parsers raise on a damaged workbook
# (ElementTree's and lxml's parse errors are SyntaxErrors).
READ_ERRORS = (zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError,
               IndexError, OSError, SyntaxError, EOFError, zlib.error, NotImplementedError)


def bad_xlsx(rel: str, exc: BaseException) -> Finding:
    detail = ("不是 zip 格式，可能是改了扩展名的 .xls 或其他文件"
              if isinstance(exc, zipfile.BadZipFile)
              else f"{type(exc).__name__}: {escape_text(str(exc), 120)}")
    return error("bad-xlsx", f"无法读取该 Excel 工作簿（{detail}）",
                 hint="在 Excel/WPS 中打开并重新保存为 .xlsx", file=rel)


@contextmanager
def opened(path: Path, rel: str, *, read_only: bool, data_only: bool = True) -> Iterator[Any]:
    """The workbook, closed afterwards; ``WorkbookProblem`` for anything unreadable inside."""
    import openpyxl  # deferred: heavy, needed only for Excel tables
    from openpyxl.utils.exceptions import InvalidFileException

    if (refused := check_archive(path, rel)) is not None:
        raise WorkbookProblem(refused)
    try:
        workbook = openpyxl.load_workbook(path, read_only=read_only, data_only=data_only)
    except (InvalidFileException, *READ_ERRORS) as exc:
        raise WorkbookProblem(bad_xlsx(rel, exc)) from None
    try:
        yield workbook
    except READ_ERRORS as exc:  # read-only sheets are parsed while iterating
        raise WorkbookProblem(bad_xlsx(rel, exc)) from None
    finally:
        workbook.close()


def worksheets(workbook: Any, rel: str) -> list[Any]:
    sheets = list(workbook.worksheets)
    if not sheets:
        raise WorkbookProblem(error("bad-xlsx", "Excel 工作簿中没有工作表（只有图表页）",
                                    hint="把数据放在第一个工作表中，并另存为 .xlsx", file=rel))
    return sheets


def too_wide(rel: str, sheet: str, row: int, column: int) -> Finding:
    return error("sheet-too-large",
                 f"工作表“{escape_text(sheet, 40)}”的内容延伸到第{row}行第{column}列，"
                 f"超过上限（{MAX_COLUMNS}列、共{MAX_CELLS}个单元格）",
                 hint="删除数据区域之外的行和列（含只设了格式的单元格）后另存", file=rel,
                 row=row)


def check_extent(ws: Any, rel: str) -> None:
    """Refuse a sheet whose used range is beyond the caps (normal, not read-only, mode)."""
    rows, columns = ws.max_row, ws.max_column
    if columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
        raise WorkbookProblem(too_wide(rel, ws.title, rows, columns))


# ---------------------------------------------------------------- cell text


def cell_text(value: Any, number_format: str = "General") -> str:
    """The text a person typed into (and sees in) an Excel cell, from openpyxl's value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        number = Decimal(f"{value:.15g}")  # 15 significant digits: what Excel shows
        if number_format.endswith("%"):
            number *= 100
        return _plain(number)
    if isinstance(value, datetime):
        if value.time() == time(0):
            return _date_text(value.date(), number_format)
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return _date_text(value, number_format)
    return str(value).strip()


def _plain(number: Decimal) -> str:
    """Fixed-point text without exponent or trailing zeros: 0.3, 22713, 1200000."""
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f")


def _date_text(day: date, number_format: str) -> str:
    """The date as its number format shows it: yyyy → 2019, yyyy-mm → 2019-09, else a day."""
    codes = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", number_format).lower()
    if "d" in codes or ("y" not in codes and "m" not in codes):
        return day.isoformat()
    if "m" in codes:  # Excel turns a typed "2019-09" into 2019-09-01 shown as yyyy-mm
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"

"""Read one CSV or XLSX table into text cells with spreadsheet row numbers.

Cells come back as the text a person typed: stripped, numbers without float noise,
dates as ISO. Fully empty rows are skipped. Problems become findings, never exceptions.
openpyxl is imported only when an XLSX file is read (no-op builds stay light).
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.data.cells import check_cells
from reportgen.data.collect import error
from reportgen.data.findings import Finding
from reportgen.data.workbook import (
    MAX_CELLS,
    MAX_COLUMNS,
    WorkbookProblem,
    cell_text,
    opened,
    too_wide,
    worksheets,
)
from reportgen.text.escape import escape_text

TABLE_SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class RawRow:
    number: int  # spreadsheet row number (first row = 1)
    cells: list[str]


@dataclass(frozen=True)
class RawTable:
    file: str  # path relative to the project, with forward slashes
    rows: list[RawRow]  # non-empty rows only, in file order


def read_table(path: Path, rel: str) -> tuple[RawTable | None, list[Finding]]:
    """Read ``path`` (named ``rel`` in findings); None when it cannot be read at all."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return screen_cells(*_read_csv(path, rel))
    if suffix == ".xlsx":
        return screen_cells(*_read_xlsx(path, rel))
    return None, [error("unsupported-file", f"不读取 {path.suffix} 文件",
                        hint="将表格另存为 .csv（UTF-8）或 .xlsx", file=rel)]


def screen_cells(table: RawTable | None, findings: list[Finding]
                 ) -> tuple[RawTable | None, list[Finding]]:
    """Drop rows with an oversized cell or a control character, each an error finding."""
    if table is None:
        return None, findings
    header = table.rows[0].cells if table.rows and table.rows[0].number == 1 else []
    kept: list[RawRow] = []
    for row in table.rows:
        problems = check_cells(table.file, row.number, row.cells, header)
        findings.extend(problems)
        if not problems:
            kept.append(row)
    return RawTable(table.file, kept), findings


def unreadable(rel: str, exc: OSError) -> Finding:
    return error("unreadable-file", f"无法读取该文件（{escape_text(exc.strerror or str(exc))}）",
                 hint="检查文件权限，或删除该文件", file=rel)


# ---------------------------------------------------------------- CSV


def decode_bytes(raw: bytes, rel: str) -> tuple[str | None, list[Finding]]:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (covers GBK/GB2312).

    A file that is UTF-8 except for some lines (a GBK line pasted in) is an error naming
    those lines, never silently read as another codec. Leading BOMs (even two) are dropped.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16").lstrip("\ufeff"), []
        except UnicodeDecodeError as exc:
            return None, [_decode_error(raw, exc, rel, "UTF-16")]
    try:
        return raw.decode("utf-8").lstrip("\ufeff"), []
    except UnicodeDecodeError as utf8_exc:
        if (mixed := _mixed_utf8(raw, rel)) is not None:
            return None, [mixed]
        try:
            # Excel/WPS on Chinese Windows save "ANSI" = GBK; GB18030 is its superset.
            # Some tools put a UTF-8 or a GB18030 BOM in front of GBK text: drop either.
            body = raw.removeprefix(codecs.BOM_UTF8)
            return body.decode("gb18030").lstrip("\ufeff"), []
        except UnicodeDecodeError:
            return None, [_decode_error(raw, utf8_exc, rel, "UTF-8、GB18030/GBK")]


MAX_LINES_NAMED = 5


def _mixed_utf8(raw: bytes, rel: str) -> Finding | None:
    """An error when some lines are non-ASCII UTF-8 and others are not UTF-8 at all."""
    good_non_ascii, bad = False, []
    for number, line in enumerate(raw.removeprefix(codecs.BOM_UTF8).split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(number)
            continue
        good_non_ascii = good_non_ascii or not line.isascii()
    if not good_non_ascii:
        return None  # no line is UTF-8 Chinese: a GBK file, read as such
    named = "、".join(f"第{n}行" for n in bad[:MAX_LINES_NAMED])
    more = f"等{len(bad)}行" if len(bad) > MAX_LINES_NAMED else ""
    return error("mixed-encoding",
                 f"文件是 UTF-8 编码，但{named}{more}不是 UTF-8（可能是从 GBK 文件粘贴来的），"
                 "未按其他编码猜测读取",
                 hint="在 Excel/WPS 或文本编辑器中改正这些行的文字，并将文件另存为 UTF-8"
                 "（“CSV UTF-8”）",
                 file=rel, row=bad[0])


def _decode_error(raw: bytes, exc: UnicodeDecodeError, rel: str, tried: str) -> Finding:
    line = raw.count(b"\n", 0, exc.start) + 1
    return error("bad-encoding",
                 f"无法按 {tried} 编码读取文件：第{exc.start}字节（第{line}行）为 "
                 f"{raw[exc.start:exc.start + 1]!r}",
                 hint="用 Excel/WPS 打开，另存为“CSV UTF-8”（或 .xlsx）",
                 file=rel, row=line)


def csv_text(path: Path, rel: str) -> tuple[str | None, str, list[Finding]]:
    """A CSV file's text, its delimiter and the findings of decoding it (text None: unread)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, ",", [unreadable(rel, exc)]
    text, findings = decode_bytes(raw, rel)
    if text is None:
        return None, ",", findings
    first_line = text.split("\n", 1)[0]
    # Excel's "Unicode text" (UTF-16) is tab-separated: accept tabs when the header has no comma.
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    return text, delimiter, findings


def _read_csv(path: Path, rel: str) -> tuple[RawTable | None, list[Finding]]:
    text, delimiter, findings = csv_text(path, rel)
    if text is None:
        return None, findings
    reader = csv.reader(physical_lines(text), delimiter=delimiter, strict=True)
    rows: list[RawRow] = []
    number, start_line = 0, 1
    try:
        for number, record in enumerate(long_fields(reader, text), start=1):
            start_line = reader.line_num + 1  # physical line where the next record starts
            cells = [cell.strip() for cell in record]
            if any(cells):
                rows.append(RawRow(number, cells))
    except csv.Error as exc:
        lines = text.splitlines()[start_line - 1:]
        return None, [_malformed(rel, number + 1, str(exc), rows, lines, delimiter)]
    return RawTable(rel, rows), findings


# A physical line as io.StringIO(text, newline="") splits them: ends on \n, \r\n or \r.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def physical_lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one at a time, ends kept, for ``csv.reader``.

    Not io.StringIO: it copies the text into a 4-byte-per-character buffer, which for a
    million-row table was the largest single allocation of ``validate``.
    """
    return (match.group() for match in _LINE.finditer(text))


def long_fields(reader: Iterator[list[str]], text: str) -> Iterator[list[str]]:
    """Records of ``reader`` with the csv module's field limit lifted to the file's size.

    An over-long cell then reaches the cell check (an error naming row and column) instead
    of failing as a quoting error; the file is in memory already, so nothing grows.
    """
    old = csv.field_size_limit(max(len(text) + 1, 131_072))
    try:
        yield from reader
    finally:
        csv.field_size_limit(old)


def _malformed(rel: str, row: int, problem: str, rows: list[RawRow], lines: list[str],
               delimiter: str) -> Finding:
    """Row ``row`` (starting at ``lines[0]``) broke the CSV reader: point at the cell."""
    field = quote_problem_field(lines, delimiter)
    header = rows[0].cells if rows and rows[0].number == 1 else []
    column = header[field] if field is not None and field < len(header) else None
    return error("malformed-csv", f"CSV 格式错误：{_csv_problem(problem)}",
                 hint='含逗号或引号的单元格须用英文双引号括起（"..."），其中的引号写两遍（""）',
                 file=rel, row=row, column=column)


def _csv_problem(problem: str) -> str:
    """The csv module's English complaint, said in Chinese."""
    if "expected after" in problem:
        return "右引号后还有文字"
    if "end of data" in problem or "field limit" in problem:
        return "引号未闭合"
    return f"引号未闭合，或右引号后还有文字（{problem}）"


def quote_problem_field(lines: list[str], delimiter: str = ",") -> int | None:
    """Index of the field whose quoting breaks the record starting at ``lines[0]``."""
    text = "\n".join(lines)
    field, i, opened = 0, 0, None
    while i < len(text):
        ch = text[i]
        if opened is None:
            if ch == '"' and (i == 0 or text[i - 1] in delimiter + "\n"):
                opened = field
            elif ch == delimiter:
                field += 1
            elif ch == "\n":
                return None  # the record ended cleanly: nothing to point at
        elif ch == '"':
            if text[i + 1:i + 2] == '"':
                i += 1  # doubled quote inside a quoted cell
            elif text[i + 1:i + 2] not in (delimiter, "\n", ""):
                return opened  # text after the closing quote
            else:
                opened = None
        i += 1
    return opened  # still inside quotes at the end of the file


# ---------------------------------------------------------------- XLSX


def _read_xlsx(path: Path, rel: str) -> tuple[RawTable | None, list[Finding]]:
    """The first sheet, read lazily (read-only mode) within the size caps."""
    try:
        with opened(path, rel, read_only=True) as book:
            sheet = worksheets(book, rel)[0]
            sheet.reset_dimensions()  # a declared A1:XFD1048576 must not pad every row
            rows = list(_sheet_rows(sheet, rel))
        formulas = _formulas_without_value(path, rel, rows)
    except WorkbookProblem as problem:
        return None, [problem.finding]
    return _drop_formula_rows(RawTable(rel, rows), formulas)


def _sheet_rows(sheet: Any, rel: str) -> Iterator[RawRow]:
    cells_read = 0
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        texts = [cell_text(c.value, getattr(c, "number_format", "General")) for c in cells]
        while texts and not texts[-1]:
            texts.pop()
        cells_read += len(cells)
        if len(texts) > MAX_COLUMNS or cells_read > MAX_CELLS:
            raise WorkbookProblem(too_wide(rel, sheet.title, number, len(texts)))
        if texts:
            yield RawRow(number, texts)


def _formulas_without_value(path: Path, rel: str, rows: list[RawRow]) -> set[tuple[int, int]]:
    """(row, column index) of formula cells without a cached result (they read as empty)."""
    texts = {row.number: row.cells for row in rows}
    found: set[tuple[int, int]] = set()
    with opened(path, rel, read_only=True, data_only=False) as book:
        sheet = worksheets(book, rel)[0]
        sheet.reset_dimensions()
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            typed = texts.get(number, [])
            for i, cell in enumerate(cells[:MAX_COLUMNS]):
                formula = isinstance(cell.value, str) and cell.value.startswith("=")
                if formula and not (typed[i] if i < len(typed) else ""):
                    found.add((number, i))
    return found


def _drop_formula_rows(table: RawTable, formulas: set[tuple[int, int]]
                       ) -> tuple[RawTable, list[Finding]]:
    if not formulas:
        return table, []
    header = table.rows[0].cells if table.rows and table.rows[0].number == 1 else []
    findings = [error("formula-without-value", "公式单元格没有计算结果",
                      hint="请在 Excel/WPS 中打开并保存（保存时会写入公式的计算结果），"
                      "或把公式改为数值", file=table.file, row=number,
                      column=header[i] if i < len(header) else f"第{i + 1}列")
                for number, i in sorted(formulas)]
    bad_rows = {number for number, _ in formulas}
    return RawTable(table.file, [r for r in table.rows if r.number not in bad_rows]), findings

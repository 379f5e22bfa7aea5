"""One wide table → observation rows, new indicators, new regions and its source row.

Every figure cites its cell (``2020年!C5``); a 合计/总计 row is never a region: it is
compared with the sum of the rows above (a warning beyond the rounding of the digits).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl.utils import get_column_letter

from reportgen.data.collect import error, quoted, warning
from reportgen.data.findings import Finding
from reportgen.data.grid import Sheet
from reportgen.data.importer.headers import Header, unit_line, year_in
from reportgen.data.importer.layout import EMPTY_MARKS, Layout, find_layout
from reportgen.data.importer.options import ImportOptions
from reportgen.data.importer.regionbook import Place, RegionBook, clean_label, is_total
from reportgen.data.model import Indicator
from reportgen.data.units import UnitError, parse_number, parse_unit

RATE_UNITS = frozenset({"%", "百分点", "元/人", "元/户", "元/亩", "倍"})


@dataclass
class ImportResult:
    observations: list[dict[str, str]] = field(default_factory=list)
    indicators: dict[str, dict[str, str]] = field(default_factory=dict)  # new, by id
    regions: dict[str, Place] = field(default_factory=dict)  # new, by code
    findings: list[Finding] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)  # sheets imported
    title: str = ""

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]


@dataclass(frozen=True)
class Context:
    file: str  # the table's file name, as cited in sources.csv
    book: RegionBook
    indicators: dict[str, Indicator]  # the project's
    options: ImportOptions
    source_id: str


def source_id_for(data: bytes) -> str:
    """A stable source id from the table's bytes: table-3f2a9c1b."""
    return "table-" + hashlib.sha256(data).hexdigest()[:8]


def indicator_id_for(name: str) -> str:
    """A stable ASCII id from the Chinese name, no transliteration needed: ind_5b1e03a2."""
    return "ind_" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]


def convert(sheets: list[Sheet], ctx: Context) -> ImportResult:
    result = ImportResult()
    wanted = ctx.options.sheets
    for name in wanted:
        if name not in [s.name for s in sheets]:
            result.findings.append(error("unknown-sheet", f"没有工作表{quoted(name)}",
                                         hint="可用的工作表：" + "、".join(s.name for s in sheets),
                                         file=ctx.file))
    for sheet in sheets:
        if wanted and sheet.name not in wanted:
            continue
        cells = sheet.filled()
        layout = find_layout(cells, ctx.book, list(ctx.options.header_rows) or None)
        if layout is None or not layout.columns:
            continue  # an instruction sheet, a chart: nothing to import
        result.sheets.append(sheet.name)
        result.title = result.title or (layout.titles[0] if layout.titles else "")
        _convert_sheet(sheet, cells, layout, ctx, result)
    if not result.sheets and not result.errors:
        result.findings.append(error("no-table", "没有找到地区为行、指标为列的表格",
                                     hint="第一列写地区名称（鲁山县），表头写指标和单位"
                                     "（贫困人口（万人））；或用 --header-rows 指定表头行",
                                     file=ctx.file))
    return result


def _where(ctx: Context, sheet: Sheet) -> str:
    return f"{ctx.file}（工作表“{sheet.name}”）" if sheet.name else ctx.file


def _convert_sheet(sheet: Sheet, cells: dict[tuple[int, int], str], layout: Layout,
                   ctx: Context, result: ImportResult) -> None:
    where = _where(ctx, sheet)
    sheet_unit = next((u for t in layout.titles if (u := unit_line(t))), "")
    sheet_year = (ctx.options.year or year_in(sheet.name)
                  or next((y for t in layout.titles if (y := year_in(t))), ""))
    places: dict[int, Place] = {}
    totals: list[int] = []
    for row in layout.data_rows:
        label = cells[(row, layout.label_col)]
        if is_total(label):
            totals.append(row)
            continue
        if not any((row, col) in cells for col in layout.columns):
            continue  # a note below the table (注：…, 填报单位：…), no figures
        place = _place(label, row, layout, ctx, where, result)
        if place is not None:
            places[row] = place
    for col, header in layout.columns.items():
        column = f"{get_column_letter(col)}（{header.text}）"
        ident, unit = _indicator(header, sheet_unit, ctx, result, where, column,
                                 layout.header_rows)
        year = header.year or sheet_year
        if not year:
            result.findings.append(error(
                "no-year", f"无法确定列{quoted(header.text)}的年份", file=where,
                row=layout.header_rows[-1] if layout.header_rows else None, column=column,
                hint="在表头或工作表名称中写明年份（2020年），或用 --year 2020 指定"))
        if ident is None or not year:
            continue
        values = _figures(sheet, cells, places, col, ident, unit, year, ctx, where, column,
                          result)
        aggregate = result.indicators.get(ident, {}).get("aggregate") or (
            ctx.indicators[ident].aggregate if ident in ctx.indicators else "none")
        if aggregate != "none":
            for row in totals:
                _check_total(cells.get((row, col), ""), values, where, row, column, result)


def _place(label: str, row: int, layout: Layout, ctx: Context, where: str,
           result: ImportResult) -> Place | None:
    name = clean_label(label)
    mapped = ctx.options.regions.get(name) or ctx.options.regions.get(label)
    if mapped:
        chain = ctx.book.chain(mapped)
        place, problem, hint = (chain[0], "", "") if chain else (
            None, f"映射文件为“{name}”指定的代码 {mapped} 不在地区表中", "改正映射文件中的代码")
    else:
        place, problem, hint = ctx.book.resolve(label)
    if place is None:
        code = "ambiguous-region" if "有" in problem and "个：" in problem else "unknown-region"
        result.findings.append(error(code, problem, hint=hint, file=where, row=row,
                                     column=get_column_letter(layout.label_col)))
        return None
    for ancestor in ctx.book.chain(place.code):
        if ancestor.code in ctx.book.project:
            break
        result.regions[ancestor.code] = ancestor
    return place


def _indicator(header: Header, sheet_unit: str, ctx: Context, result: ImportResult,
               where: str, column: str, header_rows: list[int]) -> tuple[str | None, str]:
    """(indicator id, unit as written) of a column; None with an error finding."""
    row = header_rows[-1] if header_rows else None
    unit = header.unit or ctx.options.units.get(header.name, "") or sheet_unit
    known = next((i for i in ctx.indicators.values() if i.name == header.name), None)
    ident = ctx.options.indicators.get(header.name) or (known.id if known else "")
    if not unit and ident in ctx.indicators:
        unit = ctx.indicators[ident].unit
    if not unit:
        result.findings.append(error(
            "header-without-unit", f"列{quoted(header.text)}的表头没有写单位", file=where,
            row=row, column=column,
            hint=f"表头写成“{header.name}（万人）”，或在映射文件 [units] 中写 "
            f'"{header.name}" = "人"'))
        return None, ""
    try:
        base = parse_unit(unit)[1]
    except UnitError as exc:
        result.findings.append(error("unknown-unit", f"列{quoted(header.text)}的单位：{exc}",
                                     file=where, row=row, column=column,
                                     hint="表头括号中写单位，如 万人、户、个、亿元、%"))
        return None, ""
    ident = ident or indicator_id_for(header.name)
    if ident not in ctx.indicators and ident not in result.indicators:
        aggregate = ctx.options.aggregate.get(header.name) or (
            "none" if base in RATE_UNITS else "stock")
        result.indicators[ident] = {
            "id": ident, "name": header.name, "unit": base, "category": ctx.options.category,
            "aggregate": aggregate, "description": f"由 {ctx.file} 导入"}
    return ident, unit


def _figures(sheet: Sheet, cells: dict[tuple[int, int], str], places: dict[int, Place],
             col: int, ident: str, unit: str, year: str, ctx: Context, where: str,
             column: str, result: ImportResult) -> list[str]:
    written: list[str] = []
    for row, place in places.items():
        text = cells.get((row, col), "")
        if not text or text in EMPTY_MARKS:
            continue
        try:
            parse_number(text)
        except UnitError as exc:
            result.findings.append(error("not-a-number", f"{place.name}的{quoted(text)}："
                                         f"{exc}", file=where, row=row, column=column,
                                         hint="单元格只写数字；单位写在表头"))
            continue
        written.append(text)
        cell = f"{get_column_letter(col)}{row}"
        result.observations.append({
            "region_code": place.code, "indicator_id": ident, "period": year,
            "value": text, "unit": unit, "source_id": ctx.source_id, "quote": "",
            "cell": f"{sheet.name}!{cell}" if sheet.name else cell, "note": ""})
    return written


def _check_total(total: str, parts: list[str], where: str, row: int, column: str,
                 result: ImportResult) -> None:
    if not total or total in EMPTY_MARKS or not parts:
        return
    try:
        stated = parse_number(total)
    except UnitError:
        return
    added = sum((parse_number(p) for p in parts), Decimal(0))
    slack = sum((_half_digit(p) for p in [total, *parts]), Decimal(0))
    if abs(added - stated) > slack:
        result.findings.append(warning(
            "total-mismatch", f"合计行为{total}，而{len(parts)}个地区之和为{added}，"
            f"相差{abs(added - stated)}", file=where, row=row, column=column,
            hint="核对合计行和各地区的数字（合计行不作为地区导入）"))


def _half_digit(text: str) -> Decimal:
    """Rounding slack of a written number: 12.3 → 0.05, 120 → 0.5."""
    exponent = parse_number(text).as_tuple().exponent
    return Decimal(5) * Decimal(10) ** (int(exponent) - 1) if isinstance(exponent, int) \
        else Decimal(0)

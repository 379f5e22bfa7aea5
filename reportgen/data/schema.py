"""The columns of each data table, declared once, and binding raw rows to them.

``bind`` finds the header (row 1), reports missing/unknown/duplicate columns and rows
with more cells than the header, and returns records keyed by column name.
"""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass

from reportgen.data.collect import error, quoted, warning
from reportgen.data.findings import Finding
from reportgen.data.read import RawTable

HEADER_SEARCH_ROWS = 20  # how far down a title block above the header is looked for


# Limits on cells that are printed as names and labels (KPI cards, table cells, slide
# titles): a longer one breaks layouts, so validate refuses it with its place.
NAME_CHARS = 60
LABEL_CHARS = 30
TITLE_CHARS = 200


@dataclass(frozen=True)
class Column:
    name: str
    doc: str
    required: bool = True  # the column must be present in the header
    nonempty: bool = False  # every row must fill it
    alternative: str = ""  # a required column that may be absent when this one is present
    max_chars: int = 0  # printed as a label or name: longer breaks layouts (0 = cell limit)


@dataclass(frozen=True)
class TableSchema:
    name: str  # "regions", "indicators", ...
    columns: tuple[Column, ...]
    rows_required: bool  # a header-only file is an error (else a warning)

    @functools.cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @functools.cached_property
    def positions(self) -> dict[str, int]:
        """Column name → its place in ``Record.cells``."""
        return {name: index for index, name in enumerate(self.names)}

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


REGIONS = TableSchema("regions", (
    Column("code", "6位 GB/T 2260 地区代码", nonempty=True),
    Column("name", "中文名称（河南省）", nonempty=True, max_chars=NAME_CHARS),
    Column("level", "级别：province、city 或 county", nonempty=True),
    Column("parent_code", "上级地区代码；最高一级留空", required=False),
), rows_required=True)

SOURCES = TableSchema("sources", (
    Column("id", "数据行引用的固定 ASCII id", nonempty=True),
    Column("title", "文件标题", nonempty=True, max_chars=TITLE_CHARS),
    Column("publisher", "发布单位", required=False, max_chars=NAME_CHARS),
    Column("date", "发布日期（2019-09-27、2020）", required=False),
    Column("file", "该文件在 sources_dir 中的文件名", nonempty=True),
), rows_required=True)

INDICATORS = TableSchema("indicators", (
    Column("id", "固定的 ASCII snake_case id", nonempty=True),
    Column("name", "中文名称", nonempty=True, max_chars=NAME_CHARS),
    Column("unit", "基本单位（人、户、个、元、% 等）", nonempty=True),
    Column("category", "指标所属类别", nonempty=True, max_chars=LABEL_CHARS),
    Column("aggregate", "sum、stock 或 none", nonempty=True),
    Column("part_of", "其总量指标的 id（数值不大于总量）", required=False),
    Column("at_most", "数值不超过的另一指标的 id", required=False),
    Column("numerator", "比率（%）的分子指标 id", required=False),
    Column("denominator", "比率（%）的分母指标 id", required=False),
    Column("growth_of", "增速（%）所对应指标的 id", required=False),
    Column("description", "一句话说明", required=False),
    Column("headline", "核心指标：填 1（或 是）时默认报告把它列为核心指标", required=False),
), rows_required=True)

OBSERVATIONS = TableSchema("observations", (
    Column("region_code", "regions 表中的地区代码", nonempty=True),
    Column("indicator_id", "indicators 表中的指标 id", nonempty=True),
    Column("period", "时期：2018、2016-2020、2018-12-31、2019-09 或 cumulative:2020",
           nonempty=True),
    Column("value", "数值（只填数字，按来源原样）", nonempty=True),
    Column("unit", "来源中的单位（万人、亿元、%）", nonempty=True),
    Column("source_id", "sources 表中的来源 id", nonempty=True),
    Column("quote", "数值所在的来源原句（原样复制）；来源是统计表时留空，填 cell",
           alternative="cell"),
    Column("cell", "来源是统计表（.xlsx/.csv）时数值所在的单元格：工作表!C5（CSV 写 C5）",
           required=False),
    Column("note", "备注（统计口径、时期的推定依据等）", required=False),
    Column("qualifier", "数字所带的限定词：近、约、余、多、以上、左右、超过、逾、不足；没有则留空",
           required=False, max_chars=LABEL_CHARS),
    Column("period_basis", "stated（来源写明了时期）或 inferred（时期由整理者推定）；留空即 stated",
           required=False),
    Column("period_phrase", "来源中说明时间的原话（五年来、今年5月以来）；没有则留空",
           required=False, max_chars=LABEL_CHARS),
    Column("scope", "数值的范围小于该地区时填写（53个贫困县和10个参照县、市委书记）；全地区留空",
           required=False, max_chars=NAME_CHARS),
    Column("flag", "留空；或填 source-conflict（保留各来源不一致的数值），或 doubtful"
           "（整理者怀疑该数字有误，在 note 写明理由；报告中该数字带 ※）", required=False),
), rows_required=False)

CHECKS = TableSchema("checks", (
    Column("id", "规则的固定 ASCII id", nonempty=True),
    Column("kind", "ratio（比值在 min 与 max 之间）或 difference（indicator = left − right）",
           nonempty=True),
    Column("indicator", "被检查的指标 id", nonempty=True),
    Column("left", "ratio 的分母指标 id；difference 的被减数指标 id", nonempty=True),
    Column("right", "difference 的减数指标 id；ratio 留空", required=False),
    Column("region", "same（同一地区，默认）或 parent（left/right 取上级地区）",
           required=False),
    Column("min", "ratio 的下限（可留空）", required=False),
    Column("max", "ratio 的上限（可留空）", required=False),
    Column("match", "end（时期截止日相同才比较，默认）或 any（任意时期）", required=False),
    Column("note", "一句话说明规则为何成立（写入核查结果）", required=False),
), rows_required=False)

SCHEMAS = {s.name: s for s in (REGIONS, SOURCES, INDICATORS, OBSERVATIONS, CHECKS)}


@dataclass(frozen=True, slots=True)
class Record:
    file: str
    row: int
    # One cell per schema column, in the schema's order; absent columns read as "". A
    # tuple, not a dict per row: a million-row table keeps every record in memory.
    cells: tuple[str, ...]
    positions: dict[str, int]  # the schema's column → index (shared by every record)

    def get(self, column: str) -> str:
        index = self.positions.get(column)
        return "" if index is None else self.cells[index]


def bind(table: RawTable, schema: TableSchema) -> tuple[list[Record], list[Finding]]:
    """Records of ``table`` under ``schema``; no records if the header is unusable."""
    if not table.rows:
        return [], [error("empty-file", f"{schema.name} 表是空的（没有表头行）",
                          hint="第一行须写列名：" + ",".join(schema.names),
                          file=table.file)]
    header_row = table.rows[0]
    header = [cell.strip().lower() for cell in header_row.cells]
    findings = _check_header(table, schema, header)
    if any(f.is_error for f in findings):
        return [], findings
    records: list[Record] = []
    width = len(header)
    # Schema column j is header cell order[j]; a column the header lacks reads the
    # padding "" at index ``width``. One C-level itemgetter call per row.
    order = [header.index(name) if name in header else width for name in schema.names]
    take = operator.itemgetter(*order)
    positions = schema.positions
    # Equal cells share one string (codes, ids, periods and units repeat on every row);
    # map(..., picked, picked) does the lookups in C.
    shared: dict[str, str] = {}
    nonempty = [positions[c.name] for c in schema.columns if c.nonempty]
    limited = [(positions[c.name], c.max_chars) for c in schema.columns if c.max_chars]
    for raw in table.rows[1:]:
        cells = raw.cells
        if len(cells) > width and any(cells[width:]):
            findings.append(error(
                "too-many-cells",
                f"该行有{len(cells)}个单元格，而表头只有{width}列",
                hint="含逗号的单元格须加英文双引号；删除多余的单元格",
                file=table.file, row=raw.number))
            continue
        if len(cells) <= width:
            cells = cells + [""] * (width + 1 - len(cells))
        picked = take(cells)
        values = tuple(map(shared.setdefault, picked, picked))
        record = Record(table.file, raw.number, values, positions)
        records.append(record)
        # Cheap test first: this runs on every row of a million-row table.
        if not all(values[i] for i in nonempty) or any(
                len(values[i]) > limit for i, limit in limited):
            findings.extend(_empty_cells(record, schema))
    findings.extend(_unnamed_columns(table, header))
    if not records:
        make = error if schema.rows_required else warning
        findings.append(make("no-rows", f"{schema.name} 表只有表头，没有数据行",
                             hint="在表头下方添加数据行", file=table.file))
    return records, findings


def _check_header(table: RawTable, schema: TableSchema, header: list[str]) -> list[Finding]:
    first = table.rows[0].number
    missing = [c.name for c in schema.columns if c.required and c.name not in header
               and not (c.alternative and c.alternative in header)]
    if missing:
        found_at = _header_below(table, schema)
        if found_at is not None:
            return [error("title-rows", f"第{first}行不是表头；表头在第{found_at}行，"
                          "请删除表头上方的行",
                          hint="列名必须在第1行", file=table.file, row=first)]
        return [error("missing-column",
                      f"缺少列：{'、'.join(missing)}；现有列："
                      f"{'、'.join(c for c in header if c) or '（无）'}",
                      hint="表头须包含：" + ",".join(schema.names),
                      file=table.file, row=first, column=missing[0])]
    findings: list[Finding] = []
    seen: set[str] = set()
    for name in header:
        if name in seen and name:
            findings.append(error("duplicate-column", f"列{quoted(name)}出现了两次",
                                  hint="删除其中一列", file=table.file, row=first,
                                  column=name))
        seen.add(name)
        if name and name not in schema.names:
            findings.append(warning("unknown-column", f"未知列{quoted(name)}，已忽略",
                                    hint="可用的列：" + ",".join(schema.names),
                                    file=table.file, row=first, column=name))
    return findings


def _unnamed_columns(table: RawTable, header: list[str]) -> list[Finding]:
    """Cells under a header cell left empty are not read: say so once, at the first."""
    unnamed = [i for i, name in enumerate(header) if not name]
    for raw in table.rows[1:] if unnamed else ():
        filled = [i for i in unnamed if i < len(raw.cells) and raw.cells[i]]
        if filled:
            return [warning("unnamed-column",
                            f"第{filled[0] + 1}列没有列名，该列的数据未读取",
                            hint="在第1行为该列填写列名（可用的列：见 README），或删除该列",
                            file=table.file, row=raw.number)]
    return []


def _header_below(table: RawTable, schema: TableSchema) -> int | None:
    for raw in table.rows[1:HEADER_SEARCH_ROWS]:
        names = {cell.strip().lower() for cell in raw.cells}
        if all(name in names for name in schema.required):
            return raw.number
    return None


def _empty_cells(record: Record, schema: TableSchema) -> list[Finding]:
    empty = [error("empty-cell", f"{column.name} 列为空", hint=f"填写{column.doc}",
                   file=record.file, row=record.row, column=column.name)
             for column in schema.columns if column.nonempty and not record.get(column.name)]
    return empty + _long_cells(record, schema)


def _long_cells(record: Record, schema: TableSchema) -> list[Finding]:
    return [error("too-long", f"{column.name} 列有{len(text)}个字符，超过上限{column.max_chars}",
                  hint=f"简短些：{column.name} 会印在卡片、表格和幻灯片标题里；详细说明写进 "
                       "description 或 note",
                  file=record.file, row=record.row, column=column.name)
            for column in schema.columns
            if column.max_chars and len(text := record.get(column.name) or "") > column.max_chars]

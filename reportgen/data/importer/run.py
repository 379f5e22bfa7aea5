"""``reportgen data import FILE``: read, convert, then write NEW files only.

Into the project (default): data/observations/<name>.csv, data/indicators/<name>.csv (new
indicators), data/regions/<name>.csv (new regions), data/sources/<name>.csv (the table as
a source), and a copy of the table in sources_dir, for the provenance check. With ``-o
DIR`` the same files go under DIR (nothing is copied). An existing file is never
overwritten: the import is refused before anything is written.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.config import Project
from reportgen.data.findings import Finding
from reportgen.data.grid import read_sheets
from reportgen.data.importer.convert import Context, ImportResult, convert, source_id_for
from reportgen.data.importer.options import ImportOptions, load_mapping
from reportgen.data.importer.regionbook import RegionBook
from reportgen.data.load import load_dataset
from reportgen.errors import ConfigError, DataError
from reportgen.paths import inside, safe_name

OBS_COLUMNS = ("region_code", "indicator_id", "period", "value", "unit", "source_id",
               "quote", "cell", "note")
IND_COLUMNS = ("id", "name", "unit", "category", "aggregate", "description")


@dataclass
class ImportSummary:
    written: list[Path] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    figures: int = 0
    sheets: list[str] = field(default_factory=list)
    note: str = ""

    def lines(self) -> list[str]:
        """What the command prints: warnings, counts, the files written, the next step."""
        sheets = "、".join(s or "CSV" for s in self.sheets)
        return [*(f.format() for f in self.warnings),
                f"导入{self.figures}个数字（工作表：{sheets}），{len(self.warnings)}个警告；写入：",
                *(f"  {p}" for p in self.written), *([self.note] if self.note else []),
                "下一步：reportgen validate"]


def import_table(project: Project, table: Path, options: ImportOptions,
                 output: Path | None = None, mapping: Path | None = None) -> ImportSummary:
    if mapping is not None:
        options = load_mapping(mapping, options)
    if not table.is_file():
        raise ConfigError(f"{table}: 文件不存在", hint="给出统计表（.xlsx 或 .csv）的路径")
    dataset = load_dataset(project)
    if options.parent and options.parent not in RegionBook(dataset.regions).places:
        raise ConfigError(f"--parent {options.parent}: 不是地区表中的代码",
                          hint="写6位 GB/T 2260 代码，如 410400")
    sheets, findings = read_sheets(table, table.name)
    if sheets is None:
        raise DataError(f"无法读取 {table.name}", findings)
    data = table.read_bytes()
    source_id = options.source_id or source_id_for(data)
    ctx = Context(table.name, RegionBook(dataset.regions, options.parent or None),
                  dataset.indicators, options, source_id)
    result = convert(sheets, ctx)
    if result.errors:
        raise DataError(f"{table.name} 有{len(result.errors)}个问题，未导入任何数据",
                        result.findings, hint="改正表格，或用选项 / 映射文件说明"
                        "（见 README 的 data import）")
    files = _files(project, table, output, result, options, source_id)
    _refuse_unsafe(files, project, output)
    _refuse_existing(files, project, table, output)
    summary = ImportSummary(warnings=result.findings, figures=len(result.observations),
                            sheets=result.sheets)
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_new(path, text.encode("utf-8-sig"))
        summary.written.append(path)
    summary.note = _copy_source(project, table, data, output, summary)
    return summary


def _files(project: Project, table: Path, output: Path | None, result: ImportResult,
           options: ImportOptions, source_id: str) -> dict[Path, str]:
    base = output if output is not None else project.data_dir
    name = safe_name(table.stem) or "import"
    files = {base / "observations" / f"{name}.csv":
             _csv(OBS_COLUMNS, result.observations)}
    if result.indicators:
        files[base / "indicators" / f"{name}.csv"] = _csv(
            IND_COLUMNS, list(result.indicators.values()))
    if result.regions:
        rows = [{"code": p.code, "name": p.name, "level": p.level,
                 "parent_code": p.parent_code} for p in sorted(result.regions.values(),
                                                               key=lambda p: p.code)]
        files[base / "regions" / f"{name}.csv"] = _csv(
            ("code", "name", "level", "parent_code"), rows)
    title = options.title or result.title or table.stem
    files[base / "sources" / f"{name}.csv"] = _csv(
        ("id", "title", "publisher", "date", "file"),
        [{"id": source_id, "title": title, "publisher": "", "date": "", "file": table.name}])
    return files


def _csv(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _refuse_existing(files: dict[Path, str], project: Project, table: Path,
                     output: Path | None) -> None:
    existing = [p for p in files if p.exists() or p.is_symlink()]
    folder = project.sources_path()
    if output is None and folder is not None:
        copy = folder / table.name
        if copy.exists() and copy.resolve() != table.resolve() and \
                copy.read_bytes() != table.read_bytes():
            existing.append(copy)
    if existing:
        raise ConfigError("不覆盖已有的文件：" + "、".join(str(p) for p in existing),
                          hint="这张表可能已经导入过：删除或改名这些文件后再导入，"
                          "或把表格另存为新文件名，或用 -o 写到别的文件夹")


def _refuse_unsafe(files: dict[Path, str], project: Project, output: Path | None) -> None:
    """Into the project: never through a link out of it. With -o: never into templates/
    or fonts/ (reportgen's other inputs)."""
    if output is None:
        for path in files:
            inside(project.root, path.parent if path.parent.exists() else project.data_dir)
        return
    target = output.resolve()
    for folder in (project.templates_dir, project.fonts_dir):
        if target.is_relative_to(folder.resolve()):
            raise ConfigError(f"-o {output}: 在项目的 {folder.name}/ 之内",
                              hint="-o 指定别的文件夹（或不用 -o，写入 data/）")


def _write_new(path: Path, data: bytes) -> None:
    """Create ``path``; fails (never overwrites) if it appeared meanwhile."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _copy_source(project: Project, table: Path, data: bytes, output: Path | None,
                 summary: ImportSummary) -> str:
    folder = project.sources_path()
    if output is not None:
        return "未复制统计表：把它放入 sources_dir，核对时才能读回单元格"
    if folder is None:
        return "reportgen.toml 未设 sources_dir：不核对单元格（设置后把统计表放入该文件夹）"
    copy = folder / table.name
    if copy.exists():
        return ""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(table, copy)
    summary.written.append(copy)
    return ""

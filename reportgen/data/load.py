"""Load a project's data tables into a ``Dataset``, collecting every finding.

Order: read and bind each table → regions, indicators, sources → observations
(per-row checks, duplicates) → declared checks (optional data/checks.csv) → consistency
rules → provenance. Nothing stops early:
``validate`` shows all findings at once; ``load_valid_dataset`` then refuses errors.
Imports nothing heavy (no pandas; openpyxl only for .xlsx tables).
"""

from __future__ import annotations

import contextlib
import gc
import stat
from collections.abc import Iterator
from pathlib import Path

from reportgen.config import Project
from reportgen.data.checks import parse_checks
from reportgen.data.collect import error, warning
from reportgen.data.findings import Finding
from reportgen.data.model import CheckRule, Dataset
from reportgen.data.observations import Tables, parse_observations
from reportgen.data.provenance import check_provenance
from reportgen.data.read import TABLE_SUFFIXES, read_table
from reportgen.data.records import (
    parse_indicators,
    parse_regions,
    parse_sources,
    refused_codes,
)
from reportgen.data.rules import check_consistency
from reportgen.data.schema import (
    CHECKS,
    INDICATORS,
    OBSERVATIONS,
    REGIONS,
    SOURCES,
    Record,
    TableSchema,
    bind,
)
from reportgen.errors import DataError

_OTHER_SHEETS = (".xls", ".xlsm", ".ods", ".et")  # spreadsheets we do not read: say so


def load_dataset(project: Project) -> Dataset:
    """Every table of ``project``, validated; ``Dataset.findings`` lists all problems."""
    with _fewer_collections():
        return _load(project)


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Loading allocates millions of small objects that form no cycles; the cyclic
    collector's default thresholds rescan them again and again (about a fifth of
    ``validate``'s time on a million rows). Collect less often while loading."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], 100_000), old[1], old[2])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _load(project: Project) -> Dataset:
    findings: list[Finding] = []
    if not project.data_dir.is_dir():
        findings.append(error("no-data-folder", "项目中没有 data/ 文件夹",
                              hint="在项目目录中运行 reportgen，或用 -C DIR 指定项目目录"))
        return Dataset({}, {}, {}, [], findings)
    if _outside(project, project.data_dir):
        findings.append(error("link-outside-project", "data/ 是指向项目之外的符号链接，不读取",
                              hint=_LINK_HINT, file="data"))
        return Dataset({}, {}, {}, [], findings)
    region_records = _records(project, REGIONS, findings, single=True, folder=True)
    regions, found = parse_regions(region_records)
    findings.extend(found)
    indicators, found = parse_indicators(_records(project, INDICATORS, findings))
    findings.extend(found)
    sources, found = parse_sources(_records(project, SOURCES, findings, single=True,
                                            folder=True))
    findings.extend(found)
    observations, found = parse_observations(_records(project, OBSERVATIONS, findings),
                                             Tables(regions, indicators, sources,
                                                    refused_codes(region_records, regions)))
    findings.extend(found)
    checks: list[CheckRule] = []
    if table_files(project, CHECKS.name, single=True) or unreadable_entries(
            project, CHECKS.name, single=True):  # optional: no table, no rules
        checks, found = parse_checks(_records(project, CHECKS, findings, single=True),
                                     indicators)
        findings.extend(found)
    dataset = Dataset(regions, indicators, sources, observations, findings, checks)
    findings.extend(check_consistency(dataset))
    findings.extend(check_provenance(project, dataset))
    return dataset


def load_valid_dataset(project: Project) -> Dataset:
    """Like ``load_dataset``, but raise ``DataError`` (listing the errors) if there are any."""
    dataset = load_dataset(project)
    if dataset.errors:
        count = len(dataset.errors)
        raise DataError(f"数据表中有{count}个错误", dataset.errors,
                        hint="改正上面列出的行；`reportgen validate` 会列出全部问题")
    return dataset


def table_files(project: Project, name: str, *, single: bool = False,
                folder: bool = False) -> list[Path]:
    """The files of table ``name``: data/<name>.csv|.xlsx, plus data/<name>/*.csv|*.xlsx
    (``single``: one of the former only, unless ``folder`` adds the latter too)."""
    data = project.data_dir
    files = [data / f"{name}{suffix}" for suffix in TABLE_SUFFIXES]
    found = [f for f in files if f.is_file()]
    subfolder = data / name
    if (folder or not single) and subfolder.is_dir():
        found.extend(sorted(f for f in subfolder.iterdir() if f.is_file() and _is_table(f)))
    return [f for f in found if not _outside(project, f)]  # links out: a finding, never read


_LINK_HINT = "把文件复制进项目的 data/ 文件夹，不要用指向项目之外的符号链接"


def _outside(project: Project, path: Path) -> bool:
    """``path`` resolves (links followed) outside the project folder."""
    try:
        return not path.resolve().is_relative_to(project.root.resolve())
    except (OSError, RuntimeError):  # a link loop: reported by entry_problem
        return False


def unreadable_entries(project: Project, name: str, *, single: bool = False,
                       folder: bool = False) -> list[Finding]:
    """Entries named like tables of ``name`` that are not readable regular files: dangling
    links, link loops, FIFOs, sockets, devices, folders named *.csv. Checked with lstat/stat
    only, so a FIFO is never opened."""
    data = project.data_dir
    candidates = [data / f"{name}{suffix}" for suffix in TABLE_SUFFIXES]
    subfolder = data / name
    if (folder or not single) and subfolder.is_dir():
        with contextlib.suppress(OSError):
            candidates.extend(sorted(f for f in subfolder.iterdir() if _is_table(f)))
    found: list[Finding] = []
    for path in candidates:
        problem = entry_problem(path)
        if problem is None and path.exists() and _outside(project, path):
            found.append(error("link-outside-project",
                               f"{path.name} 是指向项目之外的符号链接，不读取",
                               hint=_LINK_HINT, file=_rel(project, path)))
            continue
        if problem is not None:
            found.append(error("unreadable-file", f"无法读取 {path.name}：{problem}",
                               hint="删除该项，或换成真正的 .csv/.xlsx 文件",
                               file=_rel(project, path)))
    return found


def entry_problem(path: Path) -> str | None:
    """Why ``path`` (if it exists at all) is not a regular file we can read, else None."""
    try:
        link = path.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return exc.strerror or str(exc)
    try:
        mode = path.stat().st_mode
    except OSError as exc:  # dangling link, link loop, permission on the way
        reason = exc.strerror or str(exc)
        return f"符号链接无法解析（{reason}）" if stat.S_ISLNK(link.st_mode) else reason
    if stat.S_ISREG(mode):
        return None  # permission problems are reported when it is read
    if stat.S_ISDIR(mode):
        return "这是一个文件夹，不是表格文件"
    if stat.S_ISFIFO(mode):
        return "这是一个命名管道（FIFO），不是表格文件"
    return "这不是普通文件"


def _is_table(path: Path) -> bool:
    # ~$x.xlsx is Excel's lock file while x.xlsx is open; dot files are editor backups.
    return path.suffix.lower() in TABLE_SUFFIXES and not path.name.startswith(("~$", "."))


def _records(project: Project, schema: TableSchema, findings: list[Finding], *,
             single: bool = False, folder: bool = False) -> list[Record]:
    files = table_files(project, schema.name, single=single, folder=folder)
    findings.extend(_stray_sheets(project, schema.name))
    findings.extend(unreadable_entries(project, schema.name, single=single, folder=folder))
    if not files:
        where = f"data/{schema.name}.csv" + ("" if single else f" 或 data/{schema.name}/*.csv")
        make = warning if schema is OBSERVATIONS else error
        findings.append(make(f"missing-{schema.name}", f"缺少 {schema.name} 表（{where}）",
                             hint=f"新建该表，表头为 {','.join(schema.names)}",
                             file=f"data/{schema.name}.csv"))
        return []
    top = [f for f in files if f.parent == project.data_dir]
    if single and len(top) > 1:
        names = " 和 ".join(_rel(project, f) for f in top)
        findings.append(error("two-tables", f"{names} 同时存在",
                              hint="只保留其中一个", file=_rel(project, top[-1])))
        files = [f for f in files if f not in top[1:]]
    records: list[Record] = []
    for path in files:
        table, found = read_table(path, _rel(project, path))
        findings.extend(found)
        if table is not None:
            bound, found = bind(table, schema)
            records.extend(bound)
            findings.extend(found)
    return records


def _stray_sheets(project: Project, name: str) -> list[Finding]:
    folder = project.data_dir / name
    candidates = [project.data_dir / f"{name}{s}" for s in _OTHER_SHEETS]
    if folder.is_dir():
        candidates.extend(f for f in folder.iterdir() if f.suffix.lower() in _OTHER_SHEETS)
    return [warning("ignored-file", f"未读取 {path.name}（只读取 .csv 和 .xlsx 文件）",
                    hint="另存为 .xlsx 或 CSV UTF-8", file=_rel(project, path))
            for path in sorted(candidates) if path.is_file()]


def _rel(project: Project, path: Path) -> str:
    return path.relative_to(project.data_dir.parent).as_posix()

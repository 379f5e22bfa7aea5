"""What the user tells the importer: command-line options and an optional mapping file.

The mapping file (TOML) holds what a layout cannot say by itself::

    sheets = ["2019年", "2020年"]    # which sheets (default: every sheet with a table)
    header_rows = [3, 4]             # the header rows (default: found)
    year = 2020                      # the year when neither column, sheet nor title says it
    parent = "410400"                # the region the table is about (scopes ambiguous names)
    source_id = "pds-stats-2020"     # the source id (default: from the file's bytes)
    title = "平顶山市脱贫攻坚统计表"   # the source title (default: the table's title row)
    category = "脱贫攻坚"             # category of new indicators (default: 主要指标)
    [indicators]  "贫困人口" = "poor_persons"  # name → id (default: project's, else generated)
    [units]       "贫困村" = "个"             # unit of a header that states none
    [regions]     "新华区" = "410402"         # name → code
    [aggregate]   "贫困人口" = "stock"        # sum / stock / none of a new indicator

(TOML: a Chinese key is written in double quotes.)
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reportgen.errors import ConfigError

_KEYS = {"sheets", "header_rows", "year", "parent", "source_id", "title", "category",
         "indicators", "units", "regions", "aggregate"}


@dataclass(frozen=True)
class ImportOptions:
    sheets: tuple[str, ...] = ()
    header_rows: tuple[int, ...] = ()
    year: str = ""
    parent: str = ""
    source_id: str = ""
    title: str = ""
    category: str = "主要指标"
    indicators: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    regions: dict[str, str] = field(default_factory=dict)
    aggregate: dict[str, str] = field(default_factory=dict)


def load_mapping(path: Path, base: ImportOptions) -> ImportOptions:
    """``base`` (from the command line) completed by the mapping file; options win."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"映射文件 {path} 无法读取：{exc}",
                          hint="映射文件是 UTF-8 的 TOML 文件，见 README 的 data import") from exc
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ConfigError(f"映射文件 {path} 中有未知的键：{'、'.join(unknown)}",
                          hint="可用的键：" + "、".join(sorted(_KEYS)))
    mapped: dict[str, Any] = {}
    for key in ("indicators", "units", "regions", "aggregate"):
        table = data.get(key, {})
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise ConfigError(f"映射文件 {path} 的 [{key}] 须是“名称 = \"文字\"”的表")
        mapped[key] = {**table, **getattr(base, key)}
    for key in ("year", "parent", "source_id", "title", "category"):
        if key in data and not getattr(base, key):
            mapped[key] = str(data[key])
    if "sheets" in data and not base.sheets:
        mapped["sheets"] = tuple(str(s) for s in _as_list(data["sheets"]))
    if "header_rows" in data and not base.header_rows:
        rows = _as_list(data["header_rows"])
        if not all(isinstance(r, int) and r > 0 for r in rows):
            raise ConfigError(f"映射文件 {path} 的 header_rows 须是行号（从1起）的列表")
        mapped["header_rows"] = tuple(rows)
    return replace(base, **mapped)


def _as_list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]

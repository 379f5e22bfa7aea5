"""A column header as bureaus write it → indicator name, unit and year.

"贫困人口（万人）", "贫困人口(万人)", "贫困人口 单位：万人", a unit line "（万人）" in its own
header row, a year row above or below ("2019年", "2019", "2019年底").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNIT_TAIL = re.compile(r"^(.*?)[\s]*[（(]\s*(?:单位[:：]\s*)?([^（）()]{1,10}?)\s*[)）]\s*$")
_UNIT_WORD = re.compile(r"^(.*?)\s*[/／,，]?\s*单位[:：]\s*(\S{1,10})\s*$")
_YEAR = re.compile(r"^((?:19|20|21)\d{2})\s*(?:年|年度|年底|年末)?$")
_YEAR_IN = re.compile(r"((?:19|20|21)\d{2})\s*年")
SKIPPED = frozenset({"序号", "编号", "备注", "说明", "排名", "序"})


@dataclass(frozen=True)
class Header:
    name: str
    unit: str  # "" when the header states none
    year: str  # "" when the header states none
    text: str  # the header as shown in messages


def parse_header(parts: list[str]) -> Header:
    """Parts of one column's header, top row first (merged cells repeat: said once)."""
    unique = [p.strip() for i, p in enumerate(parts) if p.strip() and p not in parts[:i]]
    name_parts: list[str] = []
    unit = year = ""
    for part in unique:
        if (match := _YEAR.match(part)) is not None:
            year = match[1]
            continue
        stem, found = split_unit(part)
        unit = found or unit
        if stem:
            name_parts.append(stem)
    return Header("".join(name_parts), unit, year, " / ".join(unique))


def split_unit(text: str) -> tuple[str, str]:
    """"贫困人口（万人）" → ("贫困人口", "万人"); "（万人）" → ("", "万人")."""
    for pattern in (_UNIT_TAIL, _UNIT_WORD):
        match = pattern.match(text)
        if match is not None:
            return match[1].strip(), match[2].strip()
    return text.strip(), ""


def year_in(text: str) -> str:
    """The year a sheet name or title names: "2020年" / "2020年脱贫攻坚统计表" → "2020"."""
    match = _YEAR_IN.search(text) or _YEAR.match(text.strip())
    return match[1] if match else ""


def unit_line(text: str) -> str:
    """"单位：万人" in a title row: the unit of every column without its own."""
    match = re.search(r"单位[:：]\s*([^\s，,;；)）]{1,10})", text)
    return match[1] if match else ""

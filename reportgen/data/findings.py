"""Validation findings: one problem, where it is, and how to fix it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

# A message names its rows as "（data/observations/x.csv 第12行 vs 第3行）" and a declared
# rule as "规则 some_id" (rulekit.places, rules_declared): both are for the table keepers.
_ROW_PLACES = re.compile(r"（[^（）]*第\d+行[^（）]*）")
_RULE_ID = re.compile(r"(?<=规则) ?[A-Za-z][A-Za-z0-9_]* ?")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        """How the severity is printed for people: 错误 / 警告 (``value`` stays for JSON)."""
        return "错误" if self is Severity.ERROR else "警告"


@dataclass(frozen=True)
class Finding:
    """One validation result. ``row`` is the spreadsheet row (header = row 1)."""

    severity: Severity
    code: str  # stable machine-readable kind, e.g. "unknown-unit", "part-exceeds-whole"
    message: str
    hint: str = ""
    file: str | None = None  # path relative to the project directory
    row: int | None = None
    column: str | None = None
    region_codes: tuple[str, ...] = field(default=())
    indicator_ids: tuple[str, ...] = field(default=())
    rows: tuple[tuple[str, int], ...] = field(default=())  # every data row the finding is about
    # the rows whose figures it casts doubt on (marked ※); empty = all of ``rows``. A declared
    # check doubts the figure it checks, not the reference figures it compares it with.
    doubted: tuple[tuple[str, int], ...] = field(default=())

    @property
    def marked_rows(self) -> tuple[tuple[str, int], ...]:
        return self.doubted or self.rows

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def where(self) -> str:
        """Where it is: "data/observations/x.csv 第12行 value列" (项目目录 without a file)."""
        parts = [self.file or "项目目录"]
        if self.row is not None:
            parts.append(f"第{self.row}行")
        if self.column:
            parts.append(f"{self.column}列")
        return " ".join(parts)

    def reader_message(self) -> str:
        """The message for a printed brief: without data file rows and rule ids, which
        are for the staff who keep the tables (``format``, ``to_dict``)."""
        text = _ROW_PLACES.sub("", self.message)
        return _RULE_ID.sub("", text).replace("按规则 应", "应").replace("  ", " ")

    def format(self) -> str:
        """One finding for the terminal: where, severity, message, and the hint below."""
        text = f"{self.where()}：{self.severity.label}：{self.message}"
        return f"{text}\n  提示：{self.hint}" if self.hint else text

    def to_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "region_codes": list(self.region_codes),
            "indicator_ids": list(self.indicator_ids),
            "rows": [{"file": f, "row": r} for f, r in self.rows],
            "doubted": [{"file": f, "row": r} for f, r in self.marked_rows],
        }

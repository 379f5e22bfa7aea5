"""Line numbers and key checks for TOML specs (tomllib keeps no positions).

``Locator`` finds the line of a table header, a key or a piece of text by scanning the
file: the i-th ``[[sections]]`` value is the i-th ``[[sections]]`` header in the file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from reportgen.errors import TemplateError

Where = tuple[tuple[str, int], ...]  # (("sections", 2),) = the third [[sections]] table
_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-]+)\s*\]\]?\s*(#.*)?$")
_TABLE_LISTS = ("kpis", "sections", "charts", "paragraphs")  # checked by their own code
_TYPE_NAMES = {str: "a string", int: "a whole number", bool: "true or false",
               float: "a number", dict: "a table", list: "a list"}


class Locator:
    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers: dict[str, list[int]] = {}
        self.header_lines: list[int] = []
        for number, line in enumerate(self.lines, start=1):
            match = _HEADER.match(line)
            if match:
                self.headers.setdefault(match[1], []).append(number)
                self.header_lines.append(number)

    def table_line(self, where: Where) -> int:
        if not where:
            return 1
        name, index = where[-1]
        lines = self.headers.get(name, [])
        return lines[index] if index < len(lines) else 0

    def _span(self, where: Where) -> tuple[int, int]:
        start = self.table_line(where) if where else 1
        if where and start == 0:
            return 1, len(self.lines) + 1
        later = [n for n in self.header_lines if n > start]
        end = later[0] if later else len(self.lines) + 1
        if not where:
            end = self.header_lines[0] if self.header_lines else len(self.lines) + 1
        return start, end

    def key_line(self, where: Where, key: str) -> int:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        start, end = self._span(where)
        for number in range(start, end):
            if pattern.match(self.lines[number - 1]):
                return number
        return self.table_line(where) or 1

    def needle_line(self, where: Where, needle: str) -> int:
        start, end = self._span(where)
        for number in range(start, end):
            if needle in self.lines[number - 1]:
                return number
        for number, line in enumerate(self.lines, start=1):
            if needle in line:
                return number
        return self.table_line(where) or 1


class Problems:
    """Every problem of one spec file, raised together as one TemplateError."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[tuple[int, str]] = []

    def add(self, line: int, message: str) -> None:
        if (line, message) not in self.items:
            self.items.append((line, message))

    def raise_if_any(self, hint: str) -> None:
        if not self.items:
            return
        lines = [f"{self.file}:{line}: {message}" for line, message in sorted(self.items)]
        count = len(lines)
        head = f"report spec {self.file} has {count} problem{'s' if count > 1 else ''}:"
        raise TemplateError("\n  ".join([head, *lines]), hint=hint)


def check_table(data: Mapping[str, Any], schema: Mapping[str, type], where: Where,
                loc: Locator, problems: Problems, required: tuple[str, ...] = ()) -> None:
    """Unknown keys, wrong types and missing required keys of one TOML table."""
    for key, value in data.items():
        expected = schema.get(key)
        if expected is None:
            problems.add(loc.key_line(where, key),
                         f"unknown key {key!r} (known: {', '.join(schema)})")
        elif not _is_type(value, expected):
            problems.add(loc.key_line(where, key),
                         f"{key!r} must be {_TYPE_NAMES[expected]}, got {value!r}")
        elif (expected is list and key not in _TABLE_LISTS
              and not all(isinstance(v, str) for v in value)):
            problems.add(loc.key_line(where, key), f"{key!r} must be a list of strings")
    for key in required:
        if key not in data:
            problems.add(loc.table_line(where) or 1, f"missing required key {key!r}")


def _is_type(value: Any, expected: type) -> bool:
    if expected is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)

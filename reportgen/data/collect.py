"""Short constructors for findings, so validation code reads as one line per rule."""

from __future__ import annotations

from collections.abc import Iterable

from reportgen.data.findings import Finding, Severity
from reportgen.text.escape import escape_text


def error(code: str, message: str, *, hint: str = "", file: str | None = None,
          row: int | None = None, column: str | None = None,
          regions: Iterable[str] = (), indicators: Iterable[str] = ()) -> Finding:
    return Finding(Severity.ERROR, code, message, hint, file, row, column,
                   _unique(regions), _unique(indicators))


def warning(code: str, message: str, *, hint: str = "", file: str | None = None,
            row: int | None = None, column: str | None = None,
            regions: Iterable[str] = (), indicators: Iterable[str] = (),
            rows: Iterable[tuple[str, int]] = (),
            doubted: Iterable[tuple[str, int]] = ()) -> Finding:
    return Finding(Severity.WARNING, code, message, hint, file, row, column,
                   _unique(regions), _unique(indicators), tuple(dict.fromkeys(rows)),
                   tuple(dict.fromkeys(doubted)))


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def quoted(text: object) -> str:
    """A cell as the user typed it, in Chinese quotes: “约5万”; control characters escaped
    and long text cut, so a message never echoes a terminal escape or a huge cell."""
    return f"“{escape_text(str(text), 200)}”"


def place(file: str | None, row: int | None) -> str:
    """A row for a message: "data/observations/x.csv 第12行"."""
    if file is None:
        return "位置不详"
    return file if row is None else f"{file} 第{row}行"

"""Period cells: "2018", "2016-2020", "2018-12-31", "2019-09", "cumulative:2020[-11]"."""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date

from reportgen.data.model import Period
from reportgen.text.escape import escape_text
from reportgen.text.strictnum import NumberFormatError, ascii_digits

CAMPAIGN_START = date(2014, 1, 1)  # 精准扶贫 registration began in 2014: start of "cumulative"

_YEAR = re.compile(r"^([0-9]{4})$")
_RANGE = re.compile(r"^([0-9]{4})-([0-9]{4})$")
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?$")
_CUMULATIVE = re.compile(r"^cumulative:(.+)$")
_MONTHS = re.compile(r"^([0-9]{4})-([0-9]{2})/([0-9]{4})-([0-9]{2})$")


class PeriodError(ValueError):
    """A period cell that does not parse; the message lists the accepted forms."""


FORMS = ("2018（年度）、2016-2020（多年）、2019-05/2019-09（月份区间）、"
         "2018-12-31 或 2019-09（时点）、cumulative:2020（累计）")


def _as_of(text: str) -> date | None:
    match = _DATE.match(text)
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    day = int(match[3]) if match[3] else last
    return date(year, month, day) if 1 <= day <= last else None


_DASHES = re.compile(r"\s*[-–—~～至]\s*")


def _canonical(cell: str) -> str:
    """Tolerate what people type in Excel: 2016—2020, 2016~2020, 2018/12/31, 2019.09."""
    text = cell.strip()
    if re.match(r"^[0-9]{4}\s*[-–—~～至]\s*[0-9]{4}$", text):
        return _DASHES.sub("-", text)
    if re.match(r"^[0-9]{4}[-/.][0-9]{1,2}(?:[-/.][0-9]{1,2})?$", text):
        return "-".join(part.zfill(2) for part in re.split(r"[-/.]", text))
    return text


@functools.lru_cache(maxsize=65536)  # pure and immutable (frozen Period); cells repeat
def parse_period(cell: str) -> Period:
    """The period of a cell; digits by the one digit policy (full-width converted)."""
    try:
        ascii_cell = ascii_digits(cell)
    except NumberFormatError as exc:
        raise PeriodError(f"时期{exc}") from None
    check_years(ascii_cell)
    text = _canonical(ascii_cell)
    if match := _YEAR.match(text):
        year = int(match[1])
        return Period(date(year, 12, 31), date(year, 1, 1), "year", text)
    if match := _RANGE.match(text):
        first, last = int(match[1]), int(match[2])
        if first < last:
            return Period(date(last, 12, 31), date(first, 1, 1), "range", text)
    if match := _MONTHS.match(text):
        first_day = _as_of(f"{match[1]}-{match[2]}")
        last_day = _as_of(f"{match[3]}-{match[4]}")
        if first_day is not None and last_day is not None and first_day < last_day:
            return Period(last_day, first_day.replace(day=1), "range", text)
    if (end := _as_of(text)) is not None:
        return Period(end, end, "asof", text)
    if match := _CUMULATIVE.match(text):
        inner = match[1]
        end = date(int(inner), 12, 31) if _YEAR.match(inner) else _as_of(inner)
        if end is not None:
            return Period(end, CAMPAIGN_START, "cumulative", text)
    raise PeriodError(f"时期“{cell}”无法识别，可用的写法：{FORMS}")


FIRST_YEAR, LAST_YEAR = 1949, 2100
_ANY_YEAR = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")


def check_years(cell: str) -> None:
    """Refuse years outside FIRST_YEAR–LAST_YEAR (0000, 9999) before ``date`` sees them."""
    for year in _ANY_YEAR.findall(cell):
        if not FIRST_YEAR <= int(year) <= LAST_YEAR:
            raise PeriodError(f"时期“{escape_text(cell)}”中的年份{year}超出"
                              f"{FIRST_YEAR}–{LAST_YEAR}")
    if len(cell) > 40:
        raise PeriodError(f"时期“{escape_text(cell)}”无法识别，可用的写法：{FORMS}")


def period_label(period: Period) -> str:
    """Chinese label: 2018年, 2016—2020年, 截至2018年底, 截至2019年9月, 累计（截至2020年底）."""
    if period.kind == "year":
        return f"{period.end.year}年"
    if period.kind == "range":
        return _range_label(period)
    end = period.end
    day_written = _DATE.match(period.text.removeprefix("cumulative:"))
    if end.month == 12 and end.day == 31:
        at = f"{end.year}年底"
    elif day_written and day_written[3]:  # 2020-02-29 was written with its day: keep it
        at = f"{end.year}年{end.month}月{end.day}日"
    else:
        at = f"{end.year}年{end.month}月"
    return f"截至{at}" if period.kind == "asof" else f"累计（截至{at}）"


def _range_label(period: Period) -> str:
    """2016—2020年; months: 2019年5—9月, 2019年11月—2020年3月."""
    start, end = period.start, period.end
    if "/" not in period.text:
        return f"{start.year}—{end.year}年"
    if start.year == end.year:
        return f"{start.year}年{start.month}—{end.month}月"
    return f"{start.year}年{start.month}月—{end.year}年{end.month}月"

"""The one strict parser of written numbers: value cells, quotes' figures, formatter input.

Accepted: an optional sign, ASCII digits, thousands separators only in valid groups of
three (``1,234,567``; the Chinese comma ``，`` counts as a separator too), an optional
decimal part. Full-width digits, sign and point (``１２３．５``, typed with a Chinese input
method) are converted explicitly to ASCII; every other non-ASCII digit (Arabic-Indic,
Devanagari, ...) is refused. Refused with a reason: ``2,5`` and ``1,23`` (not a group of
three), ``1_000``, exponents (``1e5``), ``NaN``/``inf``, magnitudes of 10¹⁵ or more and more
than six decimals. Errors are ``NumberFormatError`` (a ``ValueError``), never
``decimal.InvalidOperation``.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from reportgen.text.escape import escape_text

MAX_MAGNITUDE = Decimal(10) ** 15  # |x| must be below this (千万亿)
MAX_DECIMALS = 6
MAX_LENGTH = 40  # characters of a written number; longer text is not a number

# Full-width forms typed with Chinese input methods, converted explicitly.
# Minus signs other than "-" (U+2212 minus, U+FE63 small minus, figure and en dashes) are minus.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９＋－．，\u2212\ufe63\u2012\u2013",
                            "0123456789+-.,----")
_NUMBER = re.compile(r"^[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\.[0-9]+)?$")


class NumberFormatError(ValueError):
    """A written number that is not accepted; the message (Chinese) says why."""


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@functools.lru_cache(maxsize=65536)  # pure; tables repeat the same cells (2020, 410400)
def ascii_digits(text: str) -> str:
    """``text`` with full-width digits made ASCII; any other script's digit is refused.

    The digit policy of every cell read as digits (values, periods, region codes): what a
    Chinese input method types is converted on purpose, nothing else is guessed.
    """
    converted = text.translate(_FULL_WIDTH_DIGITS)
    for ch in converted:
        if ch.isdigit() and not "0" <= ch <= "9":
            raise NumberFormatError(
                f"“{escape_text(text)}”含非 ASCII 数字 {ascii(ch)[1:-1]}，只接受 0–9"
                "（全角数字会自动转换）")
    return converted


def parse_strict(written: str) -> Decimal:
    """The Decimal of ``written``, or ``NumberFormatError`` saying what is wrong with it."""
    try:
        return _parse(written)
    except NumberFormatError as exc:  # messages name the cell escaped, built only on error
        raise NumberFormatError(str(exc).replace("\0", escape_text(written.strip()))) from None


@functools.lru_cache(maxsize=65536)  # pure and immutable (Decimal); errors are not cached
def _parse(written: str) -> Decimal:
    shown = "\0"  # placeholder for the escaped cell, filled in by parse_strict
    if len(written) > 1000 or len(written.strip()) > MAX_LENGTH:
        raise NumberFormatError(f"数值“{shown}”过长，不是数字")
    text = written.strip().translate(_FULL_WIDTH).replace("，", ",")
    if not text or text in "+-":
        raise NumberFormatError(f"数值“{shown}”不是数字")
    if any(ch.isdigit() and not ("0" <= ch <= "9") for ch in text):
        raise NumberFormatError(f"数值“{shown}”含非 ASCII 数字，只接受 0–9（全角数字会自动转换）")
    if "_" in text:
        raise NumberFormatError(f"数值“{shown}”含下划线，数字中不能用 _ 分隔")
    if re.search(r"[eE]", text) and re.fullmatch(r"[+-]?[0-9.,]*[eE][+-]?[0-9]+", text):
        raise NumberFormatError(f"数值“{shown}”是科学计数法，请写出完整数字")
    if not _NUMBER.match(text) or text.endswith(".") or text in ("+.", "-.", "."):
        if "," in text and re.fullmatch(r"[+-]?[0-9,]+(?:\.[0-9]+)?", text):
            raise NumberFormatError(
                f"数值“{shown}”中的千位分隔符位置不对（应每三位一组，如 1,234,567；"
                "小数点请用 .）")
        raise NumberFormatError(f"数值“{shown}”不是数字")
    number = Decimal(text.replace(",", ""))
    if abs(number) >= MAX_MAGNITUDE:
        raise NumberFormatError(f"数值“{shown}”过大（绝对值须小于10的15次方）")
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)  # finite: the pattern admits digits only
    if -exponent > MAX_DECIMALS:
        raise NumberFormatError(f"数值“{shown}”小数位过多（最多{MAX_DECIMALS}位）")
    return number

"""The one Chinese number formatter: text, tables, chart axes and slides all use it.

Rounding is 四舍五入 on ``Decimal`` (never binary-float half-even). Large counts and
amounts are written with 万 (10⁴) or 亿 (10⁸); the unit is chosen after rounding so
that 99,995,000 元 prints "1亿元", never "10000万元". Changes are words (增长/下降,
增加/减少), never a minus sign; rates change in 百分点.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from reportgen.text.strictnum import parse_strict

Number = Decimal | float | int | str

WAN = Decimal(10) ** 4
YI = Decimal(10) ** 8
ONE = Decimal(1)

# Display unit prefix → divisor; largest first, each with the smallest rounded value
# (in that unit) that is written with it: 亿 from 1亿, 万 from 100万 (= 1,000,000).
_SCALES: tuple[tuple[str, Decimal, Decimal], ...] = (
    ("亿", YI, Decimal(1)),
    ("万", WAN, Decimal(100)),
)
_FORCED = {"none": ONE, "万": WAN, "亿": YI}

# Units that are never written with 万/亿: rates, ratios and durations.
UNSCALED_UNITS: frozenset[str] = frozenset(
    {"%", "％", "百分点", "个百分点", "倍", "年", "天", "小时", "岁"}
)
RATE_UNITS: frozenset[str] = frozenset({"%", "％"})
POINT_UNITS: frozenset[str] = frozenset({"百分点", "个百分点"})


def to_decimal(value: Number) -> Decimal:
    """Exact Decimal of a value; floats go through their shortest repr (2.675 stays 2.675)."""
    if isinstance(value, bool):
        raise TypeError("a bool is not a number")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, numbers.Integral):  # int, numpy integers
        number = Decimal(int(value))
    elif isinstance(value, numbers.Real):  # float, numpy floats: shortest repr, exact
        number = Decimal(repr(float(value)))
    elif isinstance(value, str):
        number = parse_strict(value)  # NumberFormatError is a ValueError
    else:
        raise TypeError(f"cannot format {type(value).__name__} {value!r} as a number")
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return number


def round_half_up(value: Number, decimals: int) -> Decimal:
    """四舍五入 to ``decimals`` places: 2.675 → 2.68, 0.005 → 0.01, -2.5 → -3."""
    if decimals < 0:
        raise ValueError(f"decimals must be >= 0, got {decimals}")
    try:
        return to_decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # more digits than the Decimal context holds (≥ 10²⁸)
        raise ValueError(f"{value!r} is too large to round to {decimals} decimals") from None


def format_number(value: Number, decimals: int = 2, *, grouping: bool = False) -> str:
    """Rounded, trailing zeros stripped: "718.6", "43091", "2.22"; grouping adds commas."""
    rounded = round_half_up(value, decimals)
    if rounded.is_zero():
        rounded = abs(rounded)  # never print "-0"
    text = f"{rounded:,f}" if grouping else f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_year(year: int) -> str:
    """Years are never digit-grouped: 2018 → "2018"."""
    return str(int(year))


def format_percent(value: Number, decimals: int = 2) -> str:
    """A value already in percent: 0.26 → "0.26%", 98.910 → "98.91%"."""
    return format_number(value, decimals) + "%"


@dataclass(frozen=True)
class Quantity:
    """A formatted figure: ``number`` in ``unit``, which is the canonical unit ÷ ``scale``."""

    number: str  # "718.6"
    unit: str  # "万人"
    scale: Decimal  # 10000

    def __str__(self) -> str:
        return self.number + self.unit


def is_scalable(unit: str) -> bool:
    """Whether figures in this canonical unit may be written with 万/亿."""
    return unit not in UNSCALED_UNITS


def _auto_scale(magnitude: Decimal, decimals: int) -> tuple[str, Decimal]:
    """The largest scale whose rounded value reaches its threshold (after rounding)."""
    for prefix, divisor, threshold in _SCALES:
        if round_half_up(magnitude / divisor, decimals) >= threshold:
            return prefix, divisor
    return "", ONE


def _scale_for(magnitude: Decimal, unit: str, decimals: int, scale: str) -> tuple[str, Decimal]:
    if scale == "auto":
        return _auto_scale(magnitude, decimals) if is_scalable(unit) else ("", ONE)
    if scale not in _FORCED:
        raise ValueError(f"scale must be 'auto', 'none', '万' or '亿', got {scale!r}")
    if not is_scalable(unit):
        return "", ONE
    divisor = _FORCED[scale]
    return ("" if scale == "none" else scale), divisor


def format_quantity(
    value: Number, unit: str, *, decimals: int = 2, scale: str = "auto"
) -> Quantity:
    """Format a value given in the canonical ``unit`` (人, 户, 元, 个, % ...).

    7186000 人 → 718.6万人; 43091 户 → 43091户; 784376900 元 → 7.84亿元.
    """
    number = to_decimal(value)
    prefix, divisor = _scale_for(abs(number), unit, decimals, scale)
    return Quantity(format_number(number / divisor, decimals), prefix + unit, divisor)


def choose_scale(values: Sequence[Number | None], unit: str, decimals: int = 2
                 ) -> tuple[Decimal, str]:
    """One divisor and display unit for a whole chart series or axis.

    Chosen from the largest magnitude so every value shares one unit:
    [500, 2_000_000] 人 → (10000, "万人").
    """
    present = [abs(to_decimal(v)) for v in values if v is not None]
    if not present or not is_scalable(unit):
        return ONE, unit
    prefix, divisor = _auto_scale(max(present), decimals)
    return divisor, prefix + unit


def format_change(delta: Number, unit: str, *, decimals: int = 2) -> str:
    """A change in words, never a minus sign.

    百分点 → "提高1.2个百分点"; % → "下降3.4%"; counts/amounts → "增加500人", "减少2.5万人".
    A change that rounds to zero is "持平".
    """
    number = to_decimal(delta)
    if round_half_up(number, decimals).is_zero():
        return "持平"
    size = abs(number)
    if unit in POINT_UNITS:  # a rate rises or falls by points: 提高/下降N个百分点
        verb = "提高" if number > 0 else "下降"
        return f"{verb}{format_number(size, decimals)}个百分点"
    if unit in RATE_UNITS:
        verb = "增长" if number > 0 else "下降"
        return f"{verb}{format_percent(size, decimals)}"
    verb = "增加" if number > 0 else "减少"
    return f"{verb}{format_quantity(size, unit, decimals=decimals)}"

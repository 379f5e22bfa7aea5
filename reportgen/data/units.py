"""Units as written in sources (万人, 亿元 ...) converted to canonical units (人, 元 ...).

A written unit is an optional magnitude prefix (万, 亿, 千万 ...) before a base unit;
aliases (名 → 人, ％ → %) map to the canonical base. Conversion is exact (Decimal).
"""

from __future__ import annotations

import functools
from decimal import Decimal

from reportgen.text.strictnum import NumberFormatError, parse_strict

# Counts must be whole, non-negative numbers after conversion.
COUNT_UNITS: frozenset[str] = frozenset({
    "人", "户", "个", "人次", "户次", "支", "所", "座", "套", "间", "家", "项", "条", "次",
    "场", "处", "台", "辆", "笔", "张", "眼", "头", "只", "批", "期", "名额", "篇", "块",
})
MEASURE_UNITS: frozenset[str] = frozenset({
    "元", "%", "百分点", "公里", "米", "亩", "平方米", "立方米", "千瓦", "千伏安", "吨", "倍",
    "年", "天", "小时", "元/人", "元/户", "元/亩", "斤", "公斤",
})
CANONICAL_UNITS: frozenset[str] = COUNT_UNITS | MEASURE_UNITS

ALIASES: dict[str, str] = {
    "名": "人",
    "位": "人",
    "％": "%",
    "个百分点": "百分点",
    "千米": "公里",
    "km": "公里",
    "元/年": "元",
}

PREFIXES: dict[str, Decimal] = {
    "亿": Decimal(10) ** 8,
    "千万": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6,
    "十万": Decimal(10) ** 5,
    "万": Decimal(10) ** 4,
}


class UnitError(ValueError):
    """A unit or value that cannot be converted; the message says why."""


class UnknownUnitError(UnitError):
    """A written unit that is neither canonical, an alias, nor prefix + base."""


@functools.lru_cache(maxsize=4096)  # pure; a table writes a handful of units
def parse_unit(written: str) -> tuple[Decimal, str]:
    """Return (factor, canonical base unit) for a unit as written, e.g. 万人 → (10000, 人)."""
    text = written.strip()
    if text in CANONICAL_UNITS:
        return Decimal(1), text
    if text in ALIASES:
        return Decimal(1), ALIASES[text]
    for prefix, factor in PREFIXES.items():
        if text.startswith(prefix) and len(text) > len(prefix):
            base = text[len(prefix):]
            base = ALIASES.get(base, base)
            if base in CANONICAL_UNITS and base not in ("%", "百分点", "倍"):
                return factor, base
    raise UnknownUnitError(f"无法识别的单位“{written}”")


def parse_number(written: str) -> Decimal:
    """Parse a value cell with the one strict parser (``reportgen.text.strictnum``)."""
    try:
        return parse_strict(written)
    except NumberFormatError as exc:
        raise UnitError(str(exc)) from None


# Keyed by the written text, never by the Decimal: 5 and 5.0 are equal Decimals with
# different precisions. Pure and immutable; the same figures repeat across rows.
@functools.lru_cache(maxsize=65536)
def convert(value_written: str, unit_written: str, canonical: str) -> tuple[Decimal, Decimal]:
    """Convert to the canonical unit; return (value, precision).

    precision is half a unit of the last written digit, in the canonical unit: the
    rounding slack consistency rules allow (2.55万人 → ±50人).
    """
    return convert_number(parse_number(value_written), unit_written, canonical)


def convert_number(number: Decimal, unit_written: str, canonical: str
                   ) -> tuple[Decimal, Decimal]:
    """``convert`` of a number already parsed by ``parse_number``."""
    factor, base = parse_unit(unit_written)
    # 个 is the general classifier: "107个驻村工作队" counts teams (支) just as well.
    if base == "个" and canonical in COUNT_UNITS:
        base = canonical
    if base != canonical:
        raise UnitError(f"单位“{unit_written}”折算为{base}，但该指标的单位是{canonical}")
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)  # finite numbers only, checked above
    precision = (Decimal(10) ** exponent) * factor / 2
    value = number * factor
    # 2.55万 → 25500 (not 2.55E+4): whole numbers as integers, others without trailing 0s.
    whole = value == value.to_integral_value()
    value = value.quantize(Decimal(1)) if whole else value.normalize()
    return value, precision


def is_count_unit(unit: str) -> bool:
    return unit in COUNT_UNITS

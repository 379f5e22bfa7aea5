from __future__ import annotations

from decimal import Decimal

import pytest

from reportgen.text.numbers import (
    Quantity,
    choose_scale,
    format_change,
    format_number,
    format_percent,
    format_quantity,
    format_year,
    round_half_up,
)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (2.675, 2, "2.68"),  # binary float would give 2.67
        ("2.675", 2, "2.68"),
        (0.005, 2, "0.01"),
        (Decimal("0.125"), 2, "0.13"),
        (-2.5, 0, "-3"),  # half away from zero, symmetric
        (1.45, 1, "1.5"),
        (43091, 2, "43091.00"),
    ],
)
def test_round_half_up(value: object, decimals: int, expected: str) -> None:
    assert round_half_up(value, decimals) == Decimal(expected)  # type: ignore[arg-type]
    assert str(round_half_up(value, decimals)) == expected  # type: ignore[arg-type]


def test_round_half_up_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        round_half_up("abc", 2)
    with pytest.raises(ValueError):
        round_half_up(float("nan"), 2)
    with pytest.raises(ValueError):
        round_half_up(1, -1)
    with pytest.raises(TypeError):
        round_half_up(True, 2)


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (718.60, {}, "718.6"),
        (43091, {}, "43091"),
        (Decimal("2.2200"), {}, "2.22"),
        (2.0, {}, "2"),
        (110334, {"grouping": True}, "110,334"),
        (1234567.891, {"grouping": True}, "1,234,567.89"),
        (3.14159, {"decimals": 4}, "3.1416"),
        (3.14159, {"decimals": 0}, "3"),
        (-12.50, {}, "-12.5"),
        (-0.001, {}, "0"),  # never "-0"
        (1e-7, {}, "0"),
        (10, {}, "10"),  # integer zeros are not stripped
        (100.0, {}, "100"),
    ],
)
def test_format_number(value: object, kwargs: dict[str, object], expected: str) -> None:
    assert format_number(value, **kwargs) == expected  # type: ignore[arg-type]


def test_years_are_never_grouped() -> None:
    assert format_year(2018) == "2018"
    assert format_number(2018, grouping=False) == "2018"


@pytest.mark.parametrize(
    ("value", "unit", "expected", "scale"),
    [
        (7186000, "人", "718.6万人", 10000),
        (43091, "户", "43091户", 1),
        (110334, "人", "110334人", 1),
        (999999, "人", "100万人", 10000),  # rounds to 100万: unit chosen after rounding
        (1000000, "人", "100万人", 10000),
        (784376900, "元", "7.84亿元", 10**8),
        (14930000, "元", "1493万元", 10000),
        (99995000, "元", "1亿元", 10**8),  # never "10000万元"
        (99995000, "人", "1亿人", 10**8),
        (100000000, "元", "1亿元", 10**8),
        (Decimal("12345.675"), "元", "12345.68元", 1),
        (-25000000, "人", "-2500万人", 10000),
        (0, "人", "0人", 1),
        (Decimal("98.91"), "%", "98.91%", 1),
        (250000000, "%", "250000000%", 1),  # rates never scale
        (300000000, "百分点", "300000000百分点", 1),
    ],
)
def test_format_quantity_auto(value: object, unit: str, expected: str, scale: int) -> None:
    q = format_quantity(value, unit)  # type: ignore[arg-type]
    assert str(q) == expected
    assert q.scale == Decimal(scale)


def test_quantity_parts() -> None:
    q = format_quantity(7186000, "人")
    assert q == Quantity("718.6", "万人", Decimal(10000))


def test_format_quantity_scale_options_and_decimals() -> None:
    assert str(format_quantity(7186000, "人", scale="none")) == "7186000人"
    assert str(format_quantity(43091, "户", scale="万")) == "4.31万户"
    assert str(format_quantity(43091, "户", scale="万", decimals=1)) == "4.3万户"
    assert str(format_quantity(14930000, "元", scale="亿")) == "0.15亿元"
    assert str(format_quantity(784376900, "元", decimals=1)) == "7.8亿元"
    assert str(format_quantity(784376900, "元", decimals=4)) == "7.8438亿元"
    assert str(format_quantity(12.3456, "%", scale="万")) == "12.35%"  # % never scales
    with pytest.raises(ValueError):
        format_quantity(1, "人", scale="千")


def test_format_percent() -> None:
    assert format_percent(0.26) == "0.26%"
    assert format_percent(Decimal("98.910")) == "98.91%"
    assert format_percent(81.085) == "81.09%"
    assert format_percent(100) == "100%"
    assert format_percent(33.333, decimals=1) == "33.3%"


@pytest.mark.parametrize(
    ("delta", "unit", "expected"),
    [
        (1.2, "百分点", "提高1.2个百分点"),
        (-0.35, "百分点", "下降0.35个百分点"),
        (-3.4, "%", "下降3.4%"),
        (12.5, "%", "增长12.5%"),
        (500, "人", "增加500人"),
        (-25000000, "人", "减少2500万人"),
        (-2500000, "人", "减少250万人"),
        (-784376900, "元", "减少7.84亿元"),
        (0.001, "人", "持平"),
        (0, "%", "持平"),
    ],
)
def test_format_change_has_words_not_minus(delta: float, unit: str, expected: str) -> None:
    text = format_change(delta, unit)
    assert text == expected
    assert "-" not in text and "−" not in text


def test_choose_scale_mixed_magnitudes() -> None:
    assert choose_scale([500, 2_000_000, None], "人") == (Decimal(10000), "万人")
    assert choose_scale([43091, 110334], "人") == (Decimal(1), "人")
    assert choose_scale([14930000, 784376900], "元") == (Decimal(10**8), "亿元")
    assert choose_scale([-300_000_000, 5], "元") == (Decimal(10**8), "亿元")
    assert choose_scale([None, None], "人") == (Decimal(1), "人")
    assert choose_scale([], "户") == (Decimal(1), "户")
    assert choose_scale([0.26, 98.91], "%") == (Decimal(1), "%")
    assert choose_scale([99_995_000], "元") == (Decimal(10**8), "亿元")

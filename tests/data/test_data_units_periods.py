"""Unit conversion and period parsing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from reportgen.data.periods import PeriodError, parse_period, period_label
from reportgen.data.units import (
    UnitError,
    UnknownUnitError,
    convert,
    is_count_unit,
    parse_number,
    parse_unit,
)


@pytest.mark.parametrize("written,canonical,value,precision", [
    ("718.6", "万人", "7186000", "500"),
    ("22713", "人", "22713", "0.5"),
    ("2.55", "万人", "25500", "50"),
    ("16453", "亿元", "1645300000000", "50000000"),
    ("0.26", "%", "0.26", "0.005"),
    ("0.26", "％", "0.26", "0.005"),
    ("8,000", "名", "8000", "0.5"),
    ("1.5", "个百分点", "1.5", "0.05"),
])
def test_convert(written: str, canonical: str, value: str, precision: str) -> None:
    base = parse_unit(canonical)[1]
    got_value, got_precision = convert(written, canonical, base)
    assert (got_value, got_precision) == (Decimal(value), Decimal(precision))
    assert str(got_value) == value  # printed exactly, no exponent


def test_convert_rejects_wrong_dimension_and_unknown_units() -> None:
    with pytest.raises(UnitError, match="单位“万元”折算为元，但该指标的单位是人") as wrong:
        convert("5", "万元", "人")
    assert not isinstance(wrong.value, UnknownUnitError)
    with pytest.raises(UnknownUnitError, match="无法识别的单位“万%”"):
        convert("5", "万%", "%")  # magnitudes never apply to percentages
    with pytest.raises(UnknownUnitError, match="无法识别的单位“人口”"):
        parse_unit("人口")


@pytest.mark.parametrize("text", ["约5万", "5万", "", "NaN", "五"])
def test_parse_number_rejects_text(text: str) -> None:
    with pytest.raises(UnitError):
        parse_number(text)


def test_count_units() -> None:
    assert is_count_unit("人") and is_count_unit("户") and not is_count_unit("元")


@pytest.mark.parametrize("cell,kind,start,end,text,label", [
    ("2018", "year", date(2018, 1, 1), date(2018, 12, 31), "2018", "2018年"),
    ("2016-2020", "range", date(2016, 1, 1), date(2020, 12, 31), "2016-2020", "2016—2020年"),
    ("2016—2020", "range", date(2016, 1, 1), date(2020, 12, 31), "2016-2020", "2016—2020年"),
    ("2018-12-31", "asof", date(2018, 12, 31), date(2018, 12, 31), "2018-12-31",
     "截至2018年底"),
    ("2018/12/31", "asof", date(2018, 12, 31), date(2018, 12, 31), "2018-12-31",
     "截至2018年底"),
    ("2019-09", "asof", date(2019, 9, 30), date(2019, 9, 30), "2019-09", "截至2019年9月"),
    ("2019-9", "asof", date(2019, 9, 30), date(2019, 9, 30), "2019-09", "截至2019年9月"),
    ("2020-02-29", "asof", date(2020, 2, 29), date(2020, 2, 29), "2020-02-29",
     "截至2020年2月29日"),
    ("cumulative:2020", "cumulative", date(2014, 1, 1), date(2020, 12, 31), "cumulative:2020",
     "累计（截至2020年底）"),
    ("cumulative:2020-11", "cumulative", date(2014, 1, 1), date(2020, 11, 30),
     "cumulative:2020-11", "累计（截至2020年11月）"),
])
def test_parse_period(cell: str, kind: str, start: date, end: date, text: str,
                      label: str) -> None:
    period = parse_period(cell)
    assert (period.kind, period.start, period.end, period.text) == (kind, start, end, text)
    assert period_label(period) == label


@pytest.mark.parametrize("cell", ["2018年", "2020-2016", "2019-13", "2019-02-30", "18",
                                  "cumulative:", "cumulative:x", "2018-2018"])
def test_bad_periods_list_the_accepted_forms(cell: str) -> None:
    with pytest.raises(PeriodError, match="cumulative:2020"):
        parse_period(cell)


def test_ge_classifier_counts_any_count_unit_but_not_measures() -> None:
    from reportgen.data.units import UnitError, convert

    assert convert("107", "个", "支")[0] == 107
    assert convert("1.2", "万个", "户")[0] == 12000
    with pytest.raises(UnitError):
        convert("3", "个", "元")


def test_jin_is_a_unit() -> None:
    from reportgen.data.units import convert

    assert convert("130", "万斤", "斤")[0] == 1300000


def test_equal_numbers_written_differently_keep_their_own_precision() -> None:
    # convert is memoised: 5 and 5.0 are equal Decimals, so the key must be the text.
    assert convert("5", "万人", "人") == (Decimal(50000), Decimal(5000))
    assert convert("5.0", "万人", "人") == (Decimal(50000), Decimal("500.0"))
    assert convert("5", "万人", "人")[1] == Decimal(5000)

"""A parent's figure (合计) larger than the sum of ALL its child regions is a warning."""

from __future__ import annotations

from reportgen.data.model import Dataset, Indicator, Location, Observation, Region, Source
from reportgen.data.periods import parse_period
from reportgen.data.rules import check_consistency, expected_children
from reportgen.data.units import convert

REGIONS = {  # 新余市 has two counties in GB/T 2260; 示例省 is not in the table
    "360500": Region("360500", "新余市", "city", None),
    "360502": Region("360502", "渝水区", "county", "360500"),
    "360521": Region("360521", "分宜县", "county", "360500"),
    "990000": Region("990000", "示例省", "province", None),
    "990100": Region("990100", "甲市", "city", "990000"),
}
INDICATORS = {"persons": Indicator("persons", "贫困人口", "人", "c", "stock"),
              "rate": Indicator("rate", "贫困发生率", "%", "c", "none")}
SOURCES = {"s1": Source("s1", "来源一", "p", "2020", "a.txt")}


def _check(*rows: tuple[str, str, str]) -> list[str]:
    observations = []
    for n, (region, indicator, value) in enumerate(rows):
        unit = INDICATORS[indicator].unit
        number, precision = convert(value, unit, unit)
        observations.append(Observation(region, indicator, parse_period("2019"), number, unit,
                                        value, unit, precision, "s1", f"引文{n}",
                                        location=Location("data/x.csv", n + 2)))
    findings = check_consistency(Dataset(REGIONS, INDICATORS, SOURCES, observations))
    return [f"{f.code}: {f.message}" for f in findings]


def test_total_larger_than_all_children_is_flagged() -> None:
    found = _check(("360500", "persons", "1000"), ("360502", "persons", "300"),
                   ("360521", "persons", "400"))
    assert len(found) == 1 and found[0].startswith("parent-exceeds-children: "), found
    assert "大于其全部下级地区之和" in found[0] and "差额300人" in found[0]


def test_within_rounding_missing_child_or_rates_are_not() -> None:
    assert _check(("360500", "persons", "700"), ("360502", "persons", "300"),
                  ("360521", "persons", "400")) == []
    assert _check(("360500", "persons", "1000"), ("360502", "persons", "300")) == []
    assert _check(("360500", "rate", "9"), ("360502", "rate", "3"),
                  ("360521", "rate", "4")) == []
    # a region list the GB/T 2260 table cannot vouch for proves nothing
    assert _check(("990000", "persons", "1000"), ("990100", "persons", "300")) == []


def test_expected_children_come_from_the_gbt2260_table() -> None:
    dataset = Dataset(REGIONS, INDICATORS, SOURCES, [])
    assert expected_children("360500", dataset) == ["360502", "360521"]
    assert expected_children("990000", dataset) == []
    pds = expected_children("410400", dataset)  # 平顶山市: its districts and counties
    assert "410423" in pds and "410482" in pds
    assert "410471" not in pds  # a development zone is not a GB/T 2260 county

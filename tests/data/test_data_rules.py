"""Consistency rules: each one with a case that warns and a case that passes."""

from __future__ import annotations

from typing import Any

from reportgen.data.findings import Finding, Severity
from reportgen.data.model import Dataset, Indicator, Location, Observation, Region, Source
from reportgen.data.periods import parse_period
from reportgen.data.rules import check_consistency
from reportgen.data.units import convert

REGIONS = {
    "410000": Region("410000", "河南省", "province", None),
    "410400": Region("410400", "平顶山市", "city", "410000"),
    "411200": Region("411200", "三门峡市", "city", "410000"),
}
INDICATORS = {i.id: i for i in (
    Indicator("persons", "贫困人口", "人", "c", "stock"),
    Indicator("households", "贫困户", "户", "c", "stock", at_most="persons"),
    Indicator("remaining", "未脱贫人口", "人", "c", "stock", part_of="persons"),
    Indicator("exits", "脱贫人口", "人", "c", "sum"),
    Indicator("rural", "农村人口", "人", "c", "stock"),
    Indicator("incidence", "贫困发生率", "%", "c", "none", numerator="remaining",
              denominator="rural"),
    Indicator("income", "人均收入", "元", "c", "none"),
    Indicator("income_growth", "收入增速", "%", "c", "none", growth_of="income"),
)}
SOURCES = {"s1": Source("s1", "来源一", "p", "2020", "a.txt"),
           "s2": Source("s2", "来源二", "p", "2020", "b.txt")}


class Rows:
    """Observations written like CSV rows; each gets file rows 2, 3, ... in order."""

    def __init__(self) -> None:
        self.rows: list[Observation] = []

    def add(self, indicator: str, period: str, value: str, unit: str = "",
            region: str = "410400", source: str = "s1", flag: str = "", note: str = "") -> Rows:
        canonical = INDICATORS[indicator].unit
        number, precision = convert(value, unit or canonical, canonical)
        self.rows.append(Observation(
            region, indicator, parse_period(period), number, canonical, value,
            unit or canonical, precision, source, f"引文{len(self.rows)}", note, flag,
            Location("data/observations/x.csv", len(self.rows) + 2)))
        return self

    def check(self) -> list[Finding]:
        return check_consistency(Dataset(REGIONS, INDICATORS, SOURCES, self.rows))


def codes(findings: list[Finding]) -> list[str]:
    assert all(f.severity is Severity.WARNING for f in findings)
    return [f.code for f in findings]


def test_part_of_warns_and_names_both_rows() -> None:
    findings = Rows().add("remaining", "2018", "300").add("persons", "2018", "200").check()
    assert codes(findings) == ["part-exceeds-whole"]
    warning: Any = findings[0]
    assert (warning.file, warning.row, warning.column) == ("data/observations/x.csv", 2, "value")
    assert warning.message == ("平顶山市 未脱贫人口（2018年）300人 大于其总量 贫困人口 200人"
                               "（data/observations/x.csv 第2行 vs 第3行），差额100人。")
    assert warning.format().startswith("data/observations/x.csv 第2行 value列：警告：平顶山市")
    assert "\n  提示：部分不应大于总量" in warning.format()
    assert warning.region_codes == ("410400",)
    assert warning.indicator_ids == ("remaining", "persons")


def test_a_part_larger_than_its_whole_marks_both_unless_the_curator_doubts_one() -> None:
    both = Rows().add("remaining", "2018", "300").add("persons", "2018", "200").check()
    assert [r for _, r in both[0].marked_rows] == [2, 3]  # the rule cannot tell which
    one = Rows().add("remaining", "2018", "300").add(
        "persons", "2018", "200", flag="doubtful", note="疑为笔误，应为2000。").check()
    assert codes(one) == ["curator-doubt", "part-exceeds-whole"]
    doubt, rule = one
    assert doubt.message == ("平顶山市 贫困人口（2018年）200人 经整理者核对存疑"
                             "（data/observations/x.csv 第3行）：疑为笔误，应为2000。")
    assert [r for _, r in doubt.marked_rows] == [3] == [r for _, r in rule.marked_rows]
    assert [r for _, r in rule.rows] == [2, 3]  # both figures are still named


def test_a_doubtful_row_without_a_note_says_so() -> None:
    [doubt] = Rows().add("persons", "2018", "200", flag="doubtful").check()
    assert doubt.code == "curator-doubt" and "整理者未写明理由" in doubt.message


def test_part_of_passes_within_rounding_and_on_other_periods() -> None:
    # 2.3万 is 23000 ± 500: it may be 22713 exactly.
    assert Rows().add("remaining", "2018", "2.3", "万人").add("persons", "2018", "22713").check() \
        == []
    assert Rows().add("remaining", "2018", "300").add("persons", "2019", "200").check() == []


def test_stocks_match_asof_end_of_year_but_flows_do_not() -> None:
    stock = Rows().add("remaining", "2018-12-31", "300").add("persons", "2018", "200").check()
    assert codes(stock) == ["part-exceeds-whole"]
    assert "未脱贫人口（截至2018年底）300人 大于其总量 贫困人口（2018年）200人" in stock[0].message
    flows = Rows().add("exits", "2018", "300").add("exits", "2018-12-31", "200").check()
    assert flows == []


def test_at_most() -> None:
    bad = Rows().add("households", "2018", "500").add("persons", "2018", "400").check()
    assert codes(bad) == ["exceeds-at-most"]
    assert "贫困户（2018年）500户 大于 贫困人口 400人" in bad[0].message
    assert Rows().add("households", "2018", "150").add("persons", "2018", "400").check() == []


def test_yearly_parts_covering_a_range_must_add_up() -> None:
    bad = Rows().add("exits", "2018", "100").add("exits", "2019", "100") \
        .add("exits", "2018-2019", "300").check()
    assert codes(bad) == ["parts-total-mismatch"]
    assert bad[0].message == (
        "平顶山市 脱贫人口（2018—2019年）300人，但其中各时期之和 "
        "2018年 100人 + 2019年 100人 = 200人"
        "（data/observations/x.csv 第4行 vs 第2行、第3行），相差100人。")
    good = Rows().add("exits", "2018", "1.2", "万人").add("exits", "2019", "8000") \
        .add("exits", "2018-2019", "2", "万人").check()
    assert good == []


def test_yearly_parts_inside_a_cumulative_total_must_not_exceed_it() -> None:
    bad = Rows().add("exits", "2019", "400").add("exits", "cumulative:2020", "300").check()
    assert codes(bad) == ["parts-exceed-total"]
    assert "脱贫人口（累计（截至2020年底））300人，但其中 2019年 400人 已超过总数" in bad[0].message
    assert "（data/observations/x.csv 第3行 vs 第2行），差额100人。" in bad[0].message
    good = Rows().add("exits", "2019", "200").add("exits", "cumulative:2020", "300").check()
    assert good == []


def test_overlapping_parts_use_single_years() -> None:
    rows = Rows().add("exits", "2018", "100").add("exits", "2018-2019", "150") \
        .add("exits", "2019", "50").add("exits", "2017-2020", "1000").check()
    assert rows == []  # 100 + 50 ≤ 1000 (the 2018-2019 row is not counted twice)


def test_rate_versus_numerator_and_denominator() -> None:
    bad = Rows().add("incidence", "2019-12-31", "0.5").add("remaining", "2019", "2600") \
        .add("rural", "2019", "100", "万人").check()
    assert codes(bad) == ["rate-mismatch"]
    assert ("贫困发生率（截至2019年底）0.5%，但 未脱贫人口（2019年）2600人 ÷ "
            "农村人口（2019年）100万人 × 100 = 0.26%") in bad[0].message
    assert "相差0.24个百分点" in bad[0].message
    good = Rows().add("incidence", "2019-12-31", "0.26").add("remaining", "2019", "2600") \
        .add("rural", "2019", "100", "万人").check()
    assert good == []


def test_growth_accepts_total_or_average_annual() -> None:
    def growth(rate: str) -> list[Finding]:
        return Rows().add("income", "2015", "10000").add("income", "2020", "15000") \
            .add("income_growth", "2016-2020", rate).check()

    assert growth("50") == []  # total growth 2015 → 2020
    assert growth("8.45") == []  # average annual growth over 5 years
    bad = growth("12")
    assert codes(bad) == ["growth-mismatch"]
    assert "收入增速（2016—2020年）12% 与两端数字不符：人均收入（2020年）15000元" in bad[0].message
    assert "较2015年 10000元累计增长50%，5年年均增长8.45%" in bad[0].message


def test_children_must_not_exceed_parent() -> None:
    bad = Rows().add("persons", "2018", "500", region="410000") \
        .add("persons", "2018", "300", region="410400") \
        .add("persons", "2018-12-31", "300", region="411200").check()
    assert codes(bad) == ["children-exceed-parent"]
    assert set(bad[0].region_codes) == {"410000", "410400", "411200"}
    assert bad[0].message == (
        "下级地区 贫困人口（2018年）：平顶山市 300人 + 三门峡市（截至2018年底）300人 = 600人，"
        "大于 河南省 500人（data/observations/x.csv 第3行、第4行 vs 第2行），差额100人。")
    good = Rows().add("persons", "2018", "700", region="410000") \
        .add("persons", "2018", "300", region="410400") \
        .add("persons", "2018", "300", region="411200").check()
    assert good == []
    rates = Rows().add("incidence", "2018", "5", region="410000") \
        .add("incidence", "2018", "9", region="410400").check()
    assert rates == []  # rates (aggregate none) do not add up over regions

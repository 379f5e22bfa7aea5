"""Small Datasets built in code for the report tests (rows as the CSVs would hold)."""

from __future__ import annotations

from collections.abc import Iterable

from reportgen.data.model import Dataset, Indicator, Location, Observation, Region, Source
from reportgen.data.periods import parse_period
from reportgen.data.units import convert

REGIONS = [
    Region("410000", "河南省", "province", None),
    Region("410400", "平顶山市", "city", "410000"),
    Region("411200", "三门峡市", "city", "410000"),
    Region("410482", "汝州市", "county", "410400"),
    Region("410422", "叶县", "county", "410400"),
]
INDICATORS = [
    Indicator("poverty_population_registered", "建档立卡贫困人口", "人", "减贫成效", "stock"),
    Indicator("remaining_poor_persons", "未脱贫人口", "人", "减贫成效", "stock"),
    Indicator("poverty_exit_persons", "脱贫人口", "人", "减贫成效", "sum"),
    Indicator("poverty_exit_households", "脱贫户数", "户", "减贫成效", "sum"),
    Indicator("poor_villages_exited", "退出贫困村", "个", "减贫成效", "sum"),
    Indicator("poverty_incidence", "贫困发生率", "%", "减贫成效", "none"),
    Indicator("village_work_teams", "驻村工作队", "支", "帮扶力量", "stock"),
    Indicator("first_secretaries", "驻村第一书记", "人", "帮扶力量", "stock"),
]
SOURCES = [
    Source("pds", "平顶山五年回顾", "平顶山日报", "2021", "pds.txt"),
    Source("pds-old", "平顶山系列报道", "平顶山日报", "2020", "pds-old.txt"),
    Source("smx", "三门峡脱贫攻坚报道", "三门峡日报", "2019-09-27", "smx.txt"),
]

# region, indicator, period, value, unit as written, source id, quote
Row = tuple[str, str, str, str, str, str, str]


def observation(row: Row, line: int) -> Observation:
    region, indicator_id, period, value, unit, source, quote = row
    canonical = next(i.unit for i in INDICATORS if i.id == indicator_id)
    number, precision = convert(value, unit, canonical)
    return Observation(region, indicator_id, parse_period(period), number, canonical, value,
                       unit, precision, source, quote,
                       location=Location(f"data/observations/{source}.csv", line))


def make_dataset(rows: Iterable[Row]) -> Dataset:
    return Dataset(regions={r.code: r for r in REGIONS},
                   indicators={i.id: i for i in INDICATORS},
                   sources={s.id: s for s in SOURCES},
                   observations=[observation(r, n) for n, r in enumerate(rows, start=2)])


PDS_EXITS: list[Row] = [
    ("410400", "poverty_exit_households", "2018", "15106", "户", "pds", "2018年脱贫15106户46838人"),
    ("410400", "poverty_exit_persons", "2018", "46838", "人", "pds", "2018年脱贫15106户46838人"),
    ("410400", "poverty_exit_households", "2019", "17385", "户", "pds", "2019年脱贫17385户42196人"),
    ("410400", "poverty_exit_persons", "2019", "42196", "人", "pds", "2019年脱贫17385户42196人"),
    ("410400", "poverty_exit_households", "2020", "10600", "户", "pds", "2020年脱贫10600户21300人"),
    ("410400", "poverty_exit_persons", "2020", "21300", "人", "pds", "2020年脱贫10600户21300人"),
]

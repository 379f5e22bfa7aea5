"""Hand-built Reports for the deck tests: a city (平顶山市) with a chart of every kind, and
the province (河南省) with its city comparison. Figures are taken from the seed articles."""

from __future__ import annotations

from reportgen.charts.spec import ChartSpec, Series
from reportgen.data.model import Region, Source
from reportgen.report.model import Citation, Kpi, Paragraph, Report, Section, Table

SRC_PDS = Source("pds-review", "我市脱贫攻坚五年回眸", "平顶山日报", "2021-09-20",
                 "000_7730d5ec88f8d37a.txt")
SRC_PDS4 = Source("pds-series4", "决战脱贫攻坚·决胜全面小康系列报道之四", "平顶山日报",
                  "2020-10-16", "001_6980a7d4f13ec353.txt")
SRC_HN = Source("henan-summary", "新时代中原更加出彩的首份重量级答卷", "河南省乡村振兴局",
                "2021-03-01", "002_c66c91124380fb9c.txt")

CITATIONS = (
    Citation(1, SRC_PDS, "2018年脱贫15106户46838人，退出贫困村136个",
             "data/observations/000.csv:2"),
    Citation(2, SRC_PDS, "2019年脱贫17385户42196人，退出贫困村138个",
             "data/observations/000.csv:5"),
    Citation(3, SRC_PDS, "2020年脱贫10600户21300人，退出贫困村10个",
             "data/observations/000.csv:8"),
    Citation(4, SRC_PDS4, "累计投入财政专项扶贫资金(含统筹整合财政涉农资金)58.67亿元",
             "data/observations/001.csv:2"),
    Citation(5, SRC_PDS4, "累计投入农配网资金40亿元", "data/observations/001.csv:9"),
    Citation(6, SRC_PDS4, "新增精准扶贫企业贷款6.04亿元,带贫1.56万户,带贫率20.12%",
             "data/observations/001.csv:12"),
    Citation(7, SRC_PDS4, "共有806家企业参与其中,累计投入帮扶资金1.68亿元",
             "data/observations/001.csv:15"),
)

PDS = Region("410400", "平顶山市", "city", "410000")
HENAN = Region("410000", "河南省", "province", None)
YEARS = ("2018年", "2019年", "2020年")


def _s(name: str, values: tuple[float | None, ...], labels: tuple[str, ...] = ()) -> Series:
    return Series(name, values, labels)


def city_charts() -> tuple[ChartSpec, ...]:
    return (
        ChartSpec("410400-exit-persons", "bar", "年度脱贫人口", YEARS,
                  (_s("脱贫人口", (4.6838, 4.2196, 2.13), ("4.68", "4.22", "2.13")),),
                  unit="万人", source_note="来源：平顶山日报《我市脱贫攻坚五年回眸》"),
        ChartSpec("410400-exit-line", "line", "年度脱贫户数", YEARS,
                  (_s("脱贫户数", (15106, 17385, 10600), ("15106", "17385", "10600")),),
                  unit="户", source_note="来源：平顶山日报"),
        ChartSpec("410400-exit-grouped", "grouped_bar", "脱贫户数与人数", YEARS,
                  (_s("户数（万户）", (1.51, 1.74, 1.06), ("1.51", "1.74", "1.06")),
                   _s("人数（万人）", (4.68, 4.22, 2.13), ("4.68", "4.22", "2.13"))),
                  unit="万"),
        ChartSpec("410400-villages-stacked", "stacked_bar", "贫困村退出（按年份）", YEARS,
                  (_s("国定贫困县", (80, 90, 6), ("80", "90", "6")),
                   _s("省定贫困县", (56, 48, 4), ("56", "48", "4"))),
                  unit="个"),
    )


def funds_charts() -> tuple[ChartSpec, ...]:
    return (
        ChartSpec("410400-funds-donut", "donut", "扶贫资金构成",
                  ("财政专项扶贫资金", "农配网改造", "百企帮百村"),
                  (_s("资金", (58.67, 40.0, 1.68), ("58.67", "40", "1.68")),), unit="亿元",
                  source_note="来源：平顶山日报系列报道之四"),
        ChartSpec("410400-loan-progress", "progress", "带贫率", ("精准扶贫企业贷款带贫率",),
                  (_s("带贫率", (20.12,), ("20.12%",)),), unit="%", target=100.0),
        ChartSpec("410400-kpi-enterprises", "kpi", "参与“百企帮百村”企业", ("参与企业",),
                  (_s("企业", (806,), ("806",)),), unit="家"),
    )


def city_report() -> Report:
    exits = Section(
        "exits", "脱贫攻坚成效", "脱贫成效",
        paragraphs=(
            Paragraph("2018年至2020年，平顶山市累计脱贫43091户110334人，退出贫困村284个，"
                      "叶县、鲁山县先后摘帽。", (1, 2, 3)),
            Paragraph("2020年脱贫10600户21300人，全市全面实现“两个确保”目标任务。", (3,)),
        ),
        charts=city_charts(),
        tables=(Table("年度脱贫情况",
                      ("年份", "脱贫户数（户）", "脱贫人口（人）", "退出贫困村（个）"),
                      (("2018", "15106", "46838", "136"), ("2019", "17385", "42196", "138"),
                       ("2020", "10600", "21300", "10")), (1, 2, 3),
                      "来源：平顶山日报《我市脱贫攻坚五年回眸》"),),
        key_sentences=("三年累计脱贫11.03万人，退出贫困村284个。",
                       "2019年脱贫户数最多，达17385户；2020年底实现“两个确保”。"),
    )
    funds = Section(
        "funds", "资金投入与产业帮扶", "资金投入",
        paragraphs=(Paragraph("脱贫攻坚开展以来，累计投入财政专项扶贫资金58.67亿元，"
                              "农配网资金40亿元。", (4, 5)),
                    Paragraph("2020年新增精准扶贫企业贷款6.04亿元，带贫率20.12%。", (6,)),
                    Paragraph("806家企业参与“百企帮百村”，累计投入帮扶资金1.68亿元。", (7,))),
        charts=funds_charts(),
        key_sentences=("财政专项扶贫资金累计投入58.67亿元，连续三年绩效评价“优秀”。",),
    )
    text_only = Section(
        "monitoring", "防返贫动态监测", "巩固成果",
        paragraphs=(Paragraph("建立健全“两类人群”动态监测帮护机制，划定一条实线、两条虚线。"),),
        key_sentences=("对“三类对象”开展动态监测，守住不发生规模性返贫底线。",),
    )
    return Report(
        region=PDS, level="city", title="平顶山市脱贫攻坚数据简报",
        subtitle="决战脱贫攻坚 决胜全面小康", period_label="2018—2020年",
        issuer="平顶山市乡村振兴局", date_text="2021年9月20日", style="modern",
        kpis=(
            Kpi("累计脱贫人口", "11.03", "万人", "2018—2020年", (1, 2, 3)),
            Kpi("累计脱贫户数", "43091", "户", "2018—2020年", (1, 2, 3)),
            Kpi("退出贫困村", "284", "个", "2018—2020年", (1, 2, 3)),
            Kpi("财政专项扶贫资金", "58.67", "亿元", "截至2020年底", (4,)),
            Kpi("农配网改造投入", "40", "亿元", "截至2020年底", (5,)),
            Kpi("精准扶贫企业贷款", "6.04", "亿元", "2020年", (6,)),
        ),
        sections=(exits, funds, text_only),
        citations=CITATIONS, sources=(SRC_PDS, SRC_PDS4),
        keywords=("脱贫攻坚", "平顶山市"),
    )


CITIES = ("郑州市", "开封市", "洛阳市", "平顶山市", "安阳市", "鹤壁市", "新乡市", "焦作市",
          "濮阳市", "许昌市", "漯河市", "三门峡市", "南阳市", "商丘市", "信阳市", "周口市",
          "驻马店市", "济源示范区")


def province_report() -> Report:
    values = tuple(round(2.5 + 3.7 * ((i * 7) % 11), 2) for i in range(len(CITIES)))
    labels = tuple(f"{v:g}" for v in values)
    compare = Section(
        "cities", "各市脱贫人口比较", "地区比较",
        paragraphs=(Paragraph("全省18个省辖市（示范区）脱贫人口分布如下（示意数据）。", (1,)),),
        charts=(ChartSpec("410000-cities", "hbar", "各市累计脱贫人口", CITIES,
                          (_s("脱贫人口", values, labels),), unit="万人"),),
        tables=(Table("各市累计脱贫人口", ("地区", "脱贫人口（万人）", "备注"),
                      tuple((c, lab, "国家级贫困县较多的地区，脱贫任务重" if i % 4 == 0 else "")
                            for i, (c, lab) in enumerate(zip(CITIES, labels, strict=True))),
                      (1,), "来源：示意数据"),),
        key_sentences=("豫西、豫南地区脱贫任务最重。",),
    )
    overview = Section(
        "overview", "全省脱贫攻坚总体成效", "总体成效",
        paragraphs=(Paragraph("实现718.6万建档立卡贫困人口全部脱贫，9536个贫困村全部出列，"
                              "53个贫困县全部摘帽。", (1,)),),
        charts=(ChartSpec("410000-income", "line", "贫困地区农民人均可支配收入",
                          ("2015年", "2016年", "2017年", "2018年", "2019年", "2020年"),
                          (_s("人均可支配收入", (0.82, 0.91, 1.01, 1.12, 1.24, 1.35),
                              ("0.82", "0.91", "1.01", "1.12", "1.24", "1.35")),), unit="万元"),),
        key_sentences=("718.6万建档立卡贫困人口全部脱贫，9536个贫困村全部出列，"
                       "53个贫困县全部摘帽，夺取了脱贫攻坚战全面胜利。",),
    )
    citation = Citation(1, SRC_HN, "实现718.6万建档立卡贫困人口全部脱贫", "")
    return Report(
        region=HENAN, level="province",
        title="河南省脱贫攻坚成效数据简报（2016—2020年）暨巩固拓展脱贫攻坚成果同乡村振兴有效衔接",
        subtitle="全省及各省辖市主要指标", period_label="2016—2020年", issuer="河南省乡村振兴局",
        date_text="2021-03-01", style="modern",
        kpis=tuple(Kpi(n, v, u, "截至2020年底", (1,)) for n, v, u in (
            ("建档立卡贫困人口全部脱贫", "718.6", "万人"), ("贫困村全部出列", "9536", "个"),
            ("贫困县全部摘帽", "53", "个"), ("易地扶贫搬迁", "26.03", "万人"),
            ("驻村第一书记", "1.3", "万名"), ("扶贫小额信贷", "1,034.5", "亿元"),
            ("农民人均可支配收入", "1.35", "万元"), ("贫困识别准确率", "99.5", "%"))),
        sections=(overview, compare), citations=(citation,), sources=(SRC_HN,),
    )

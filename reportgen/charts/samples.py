"""Sample ChartSpecs, one or more per kind and edge case, for previews, tests and benchmarks.

Figures are from the seed documents (平顶山, 河南省, 汝州市) but only illustrate the look;
reports build their charts from data/.
"""

from __future__ import annotations

from reportgen.charts.spec import ChartSpec, Series

SOURCE = "来源：平顶山日报《脱贫攻坚五年回眸》（2021）；数据经整理。"


def sample_specs() -> list[ChartSpec]:
    return [
        ChartSpec("s-bar", "bar", "平顶山市历年脱贫人口", ("2018", "2019", "2020"),
                  (Series("脱贫人口", (4.31, 3.05, 1.12)),), unit="万人", source_note=SOURCE),
        ChartSpec("s-line", "line", "河南省农村居民人均可支配收入",
                  ("2015", "2016", "2017", "2018", "2019", "2020"),
                  (Series("贫困地区", (7606.0, 8386.0, None, 10283.0, 11566.0, 12757.0)),
                   Series("全省", (10853.0, 11697.0, 12719.0, 13831.0, 15164.0, 16108.0))),
                  unit="元", source_note=SOURCE),
        ChartSpec("s-grouped", "grouped_bar", "脱贫户数与人数",
                  ("2018", "2019", "2020"),
                  (Series("户数", (1.41, 1.05, 0.38)), Series("人数", (4.31, 3.05, 1.12))),
                  unit="万", source_note=SOURCE),
        ChartSpec("s-hbar", "hbar", "各县（市、区）贫困发生率",
                  ("汝州市", "叶县", "鲁山县", "郏县", "宝丰县", "舞钢市", "卫东区",
                   "新华区"),
                  (Series("贫困发生率", (0.26, 0.41, 1.85, 0.33, None, 0.12, 0.05, 0.08)),),
                  unit="%", source_note=SOURCE),
        ChartSpec("s-stacked", "stacked_bar", "财政专项扶贫资金构成",
                  ("2017", "2018", "2019", "2020"),
                  (Series("中央", (2.1, 2.8, 3.3, 3.6)), Series("省级", (0.9, 1.2, 1.4, 1.5)),
                   Series("市县", (0.6, 0.9, 1.1, 1.3))),
                  unit="亿元", source_note=SOURCE),
        ChartSpec("s-donut", "donut", "易地扶贫搬迁安置方式",
                  ("集中安置", "分散安置", "插花安置"),
                  (Series("人数", (1.86, 0.42, 0.09)),), unit="万人", source_note=SOURCE),
        ChartSpec("s-progress", "progress", "扶贫资金拨付与项目开工",
                  ("资金拨付率", "项目开工率"),
                  (Series("完成", (81.09, 96.5)),), unit="%", target=100.0,
                  source_note="来源：三门峡市乡村振兴局（2019-09-27）。"),
        ChartSpec("s-kpi", "kpi", "", ("全省建档立卡贫困人口全部脱贫",),
                  (Series("贫困人口", (718.6,)),), unit="万人",
                  source_note="来源：河南省乡村振兴局。"),
        ChartSpec("s-long-names", "bar", "各类帮扶措施覆盖人数（名称较长的类别）",
                  ("产业扶贫带动贫困户增收", "转移就业和公益岗位安置", "健康扶贫先诊疗后付费",
                   "教育扶贫资助家庭经济困难学生", "危房改造和饮水安全"),
                  (Series("人数", (5.12, 3.4, 2.75, 1.9, None)),), unit="万人",
                  source_note=SOURCE),
        ChartSpec("s-many", "bar", "2000—2020年历年数值（类别较多）",
                  tuple(str(y) for y in range(2000, 2021)),
                  (Series("数值", tuple(float(1000 + 137 * i) for i in range(21))),),
                  unit="人", source_note=SOURCE),
        ChartSpec("s-single", "bar", "单一类别", ("2020",), (Series("贫困村", (9536.0,)),),
                  unit="个", source_note=SOURCE),
        ChartSpec("s-kpi-multi", "kpi", "汝州市脱贫攻坚主要指标", ("贫困村", "贫困户", "贫困人口"),
                  (Series("", (63.0, 6652.0, 22713.0), ("63", "6652", "22713")),),
                  unit="", source_note="来源：汝州市融媒体中心（2020）。"),
    ]

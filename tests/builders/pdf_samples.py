"""Hand-built Reports for the PDF builder tests, plus fonts and a chart renderer.

The content is realistic (figures and quotes from the seed articles), with the awkward
cases the builder must survive: ``<`` and ``&`` in data, a very long region and
indicator name, closing punctuation where lines tend to break, and a near-empty report.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from reportgen.builders.pdf.charts import ChartRenderer
from reportgen.charts.spec import ChartSpec, Series
from reportgen.data.findings import Finding, Severity
from reportgen.data.model import Indicator, Region, Source
from reportgen.errors import FontError
from reportgen.fonts.registry import ROLES, FontRegistry
from reportgen.report.model import Citation, Kpi, Paragraph, Report, Section, Table

LONG_NAME = "河南省平顶山市汝州市（县级市）乡村振兴与巩固拓展脱贫攻坚成果同乡村振兴有效衔接示范区"
LONG_INDICATOR = "纳入防止返贫动态监测和帮扶范围的脱贫不稳定户与边缘易致贫户（“两类人群”）人数"

SOURCES = (
    Source("henan-summary-2021", "新时代中原更加出彩的首份重量级答卷", "河南省乡村振兴局",
           "2021", "002_c66c91124380fb9c.txt"),
    Source("pds-review-2021", "跨越：回望五年路 喜迎党代会（脱贫攻坚：矢志笃行伟业成）",
           "平顶山市地方报纸", "2021", "000_7730d5ec88f8d37a.txt"),
    Source("r&d<2>", "A&B <测试> 来源", "R&D <Lab>", "2021-02", "x&y.txt"),
)

CITATIONS = (
    Citation(1, SOURCES[0], "实现718.6万建档立卡贫困人口全部脱贫",
             "data/observations/henan-summary-2021.csv:2"),
    Citation(2, SOURCES[0], "9536个贫困村全部出列", "data/observations/henan-summary-2021.csv:3"),
    Citation(3, SOURCES[0], "53个贫困县全部摘帽", "data/observations/henan-summary-2021.csv:4"),
    Citation(4, SOURCES[1], "2018年至2020年，全市共实现4.3万户、15.8万人脱贫，贫困村退出137个",
             "data/observations/pds-review-2021.csv:5"),
    Citation(5, SOURCES[2], "x<y & y>z：比例<5%", "data/observations/test.csv:2"),
)

NARRATIVE = (
    "党的十八大以来，全省实现718.6万建档立卡贫困人口全部脱贫，9536个贫困村全部出列，"
    "53个贫困县全部摘帽，夺取了脱贫攻坚战全面胜利。“五级书记一起抓”，党政一把手亲自抓，"
    "班子成员分工抓，一级带着一级干，一级做给一级看。（数据截至2020年底。）"
    "农村居民人均可支配收入由2015年的10853元增长到2020年的16108元，年均增长8.2%；"
    "贫困地区农民收入增速持续高于全省平均水平……详见附表。"
)


def _chart(chart_id: str) -> ChartSpec:
    return ChartSpec(
        id=chart_id, kind="bar", title="2018—2020年脱贫人口", categories=("2018", "2019", "2020"),
        series=(Series("脱贫人口", (5.2, 6.1, 4.5), ("5.2", "6.1", "4.5")),), unit="万人",
        source_note="平顶山市地方报纸《跨越：回望五年路》[4]")


def sample_report(style: str = "modern", charts: bool = True) -> Report:
    region = Region("410000", "河南省", "province", None)
    kpis = (
        Kpi("建档立卡贫困人口脱贫", "718.6", "万人", "截至2020年底", (1,)),
        Kpi("贫困村出列", "9536", "个", "截至2020年底", (2,)),
        Kpi("贫困县摘帽", "53", "个", "截至2020年底", (3,)),
        Kpi(LONG_INDICATOR, "1.2", "万人", "2020年", (5,)),
    )
    table = Table("主要指标<表> & 来源", ("地区", "指标", "数值", "时期"), (
        ("河南省", "建档立卡贫困人口脱贫", "718.6万人", "截至2020年底"),
        (LONG_NAME, LONG_INDICATOR, "0.26%", "2020年"),
        ("A&B<县>", "x<y", "1,234", "2019"),
    ), refs=(1, 5), source_note="河南省乡村振兴局 & 平顶山市地方报纸")
    sections = (
        Section("overview", "减贫成效", "减贫成效",
                paragraphs=(Paragraph(NARRATIVE, (1, 2, 3)),
                            Paragraph("A&B <测试> 比例<5%，x>y。", (5,))),
                charts=(_chart("410000-exit"),) if charts else (),
                tables=(table,)),
        Section("empty", "帮扶力量（无数据，不应出现）", "帮扶力量"),
        Section("long", LONG_NAME, "其他", paragraphs=(Paragraph(NARRATIVE * 3, (4,)),)),
    )
    checks = (Finding(Severity.WARNING, "part-exceeds-whole",
                      "平顶山市 脱贫人口（2020年）15.8万人 大于其总量 建档立卡贫困人口 & <核对> "
                      "12万人（data/observations/pds-review-2021.csv 第5行 vs 第3行），"
                      "差额3.8万人。",
                      hint="部分不应大于总量，请核对两个数字及其统计口径",
                      file="data/observations/pds-review-2021.csv", row=5, column="value",
                      region_codes=("410400",)),)
    definitions = (
        Indicator("poverty_exit_persons", "脱贫人口", "人", "减贫成效", "sum",
                  description="当期实现脱贫的人口"),
        Indicator("monitored", LONG_INDICATOR, "人", "巩固成果", "stock",
                  description="A&B <定义> 测试"),
    )
    return Report(region=region, level="province", title="河南省脱贫攻坚数据简报",
                  subtitle="建档立卡贫困人口、贫困村与贫困县退出情况", period_label="2016—2020年",
                  issuer="河南省乡村振兴局", date_text="2021年2月25日", style=style, kpis=kpis,
                  sections=sections, citations=CITATIONS, sources=SOURCES,
                  definitions=definitions, checks=checks, keywords=("脱贫攻坚", "乡村振兴"))


def tiny_report(style: str = "modern") -> Report:
    """Near-empty: a region with no data at all."""
    region = Region("411224", "卢氏县", "county", "411200")
    return Report(region=region, level="county", title="卢氏县脱贫攻坚数据简报", subtitle="",
                  period_label="", issuer="卢氏县乡村振兴局", date_text="2021",
                  style=style, sections=(Section("empty", "减贫成效", "减贫成效"),))


def with_style(report: Report, style: str) -> Report:
    return replace(report, style=style)


def load_fonts() -> FontRegistry:
    """The shipped fonts; else LXGW WenKai from the system for every role; else skip."""
    try:
        return FontRegistry.load(None)
    except FontError:
        pass
    files: dict[tuple[str, bool], Path] = {}
    for bold in (False, True):
        path = _fc_match("LXGW WenKai:style=" + ("Bold" if bold else "Regular"))
        if path is None or "LXGW" not in path.name:
            pytest.skip("no shipped fonts and no LXGW WenKai on this machine")
        for role in ROLES:
            files[(role, bold)] = path
    return FontRegistry(files=files, families={r: s.family for r, s in ROLES.items()})


def _fc_match(pattern: str) -> Path | None:
    if shutil.which("fc-match") is None:
        return None
    out = subprocess.run(["fc-match", "--format=%{file}", pattern], capture_output=True,
                         text=True, check=False).stdout.strip()
    return Path(out) if out else None


def chart_renderer(registry: FontRegistry, cache_dir: Path) -> ChartRenderer:
    """The real chart cache when it exists; else the matplotlib renderer, cached by hand."""
    try:
        from reportgen.builders.pdf.builder import cache_renderer

        return cache_renderer(registry, cache_dir)
    except ImportError:
        pass
    from reportgen.charts.render_mpl import render_svg

    def render(spec: ChartSpec, width_mm: float, height_mm: float) -> Path:
        path = cache_dir / f"{spec.fingerprint()[:16]}-{width_mm:.1f}x{height_mm:.1f}.svg"
        if not path.exists():
            cache_dir.mkdir(parents=True, exist_ok=True)
            path.write_bytes(render_svg(spec, registry, width_mm=width_mm, height_mm=height_mm))
        return path

    return render

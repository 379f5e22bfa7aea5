"""The resolved document that both builders (PDF and PPTX) render.

Text here is plain (not markup): builders escape it. Every printed number carries
citation numbers (``refs``) into ``Report.citations``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportgen.charts.spec import ChartSpec
from reportgen.data.documents import is_table_source
from reportgen.data.findings import Finding
from reportgen.data.model import Indicator, Region, Source


@dataclass(frozen=True)
class Citation:
    """Footnote n: the figure was read from ``source`` where it says ``quote``."""

    number: int
    source: Source
    quote: str
    observation_file: str = ""  # data file and row the figure came from, e.g. "data/x.csv:12"

    @property
    def shown(self) -> str:
        """The quote in quotation marks; a table source's cell as it is (工作表“2020年”C5单元格)."""
        return self.quote if is_table_source(self.source.file) else f"“{self.quote}”"


@dataclass(frozen=True)
class FigureRun:
    """A figure as printed, and what it is: builders can mark it, a change report can say
    which sentence's figure changed, a sidecar can list where it came from."""

    text: str  # as printed: "近100万人", "207次（市委书记）", "21300人※"
    region_code: str
    indicator_id: str
    period: str  # the period as written in the data ("2018-12-31", "2016-2020")
    value: str  # exact, canonical unit
    unit: str  # canonical unit
    qualifier: str = ""
    scope: str = ""
    period_stated: bool = True
    flagged: bool = False
    rows: tuple[str, ...] = ()  # data rows behind it: "data/observations/x.csv:12"


Run = str | FigureRun  # a sentence is a run of words and figures


def runs_text(runs: tuple[Run, ...]) -> str:
    return "".join(r if isinstance(r, str) else r.text for r in runs)


@dataclass(frozen=True)
class Kpi:
    label: str  # 建档立卡贫困人口
    number_text: str  # "718.6"
    unit_text: str  # "万人"
    period_label: str  # "截至2020年底"
    refs: tuple[int, ...] = ()
    figure: FigureRun | None = None


@dataclass(frozen=True)
class Paragraph:
    text: str  # plain text; builders escape it
    refs: tuple[int, ...] = ()  # citations of the figures in this paragraph
    runs: tuple[Run, ...] = ()  # the same text as words and figures (empty: words only)

    def figures(self) -> tuple[FigureRun, ...]:
        return tuple(r for r in self.runs if isinstance(r, FigureRun))


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    refs: tuple[int, ...] = ()
    source_note: str = ""


@dataclass(frozen=True)
class Section:
    id: str  # stable, used for bookmarks and slide names
    title: str
    category: str
    paragraphs: tuple[Paragraph, ...] = ()
    charts: tuple[ChartSpec, ...] = ()
    tables: tuple[Table, ...] = ()
    key_sentences: tuple[str, ...] = ()  # one or two sentences for a slide
    takeaway: str = ""  # what the section says, as a slide title: a sentence, not a topic
    # the paragraphs as they read when the first one is lifted into the key messages (a
    # later paragraph then says its own period again)
    after_lead: tuple[Paragraph, ...] = ()


@dataclass(frozen=True)
class Report:
    region: Region
    level: str  # spec level used: province / city / county
    title: str  # 平顶山市脱贫攻坚数据简报
    subtitle: str
    period_label: str  # the period the data covers, e.g. "2016—2020年"
    issuer: str
    date_text: str  # deterministic, from the data (latest source date)
    style: str  # "modern" | "gongwen"
    kpis: tuple[Kpi, ...] = ()
    sections: tuple[Section, ...] = ()
    citations: tuple[Citation, ...] = ()
    sources: tuple[Source, ...] = ()
    definitions: tuple[Indicator, ...] = ()
    checks: tuple[Finding, ...] = ()  # validation warnings concerning this region
    keywords: tuple[str, ...] = field(default=())

    def texts(self) -> list[str]:
        """Every string a builder may draw (for the glyph preflight)."""
        out = [self.title, self.subtitle, self.period_label, self.issuer, self.date_text,
               self.region.name, *self.keywords]
        for k in self.kpis:
            out += [k.label, k.number_text, k.unit_text, k.period_label]
        for s in self.sections:
            out += [s.title, s.takeaway, *s.key_sentences, *(p.text for p in s.paragraphs)]
            for c in s.charts:
                out += c.texts()
            for t in s.tables:
                out += [t.title, t.source_note, *t.columns, *(c for r in t.rows for c in r)]
        for cite in self.citations:
            out += [cite.quote, cite.source.title, cite.source.publisher]
        for d in self.definitions:
            out += [d.name, d.unit, d.category, d.description]
        out += [f.message for f in self.checks]
        return [t for t in out if t]

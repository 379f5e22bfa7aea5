"""ChartSpec: one description of a chart, renderer-independent.

Values are already scaled for display (e.g. in 万人) by the number formatter;
``unit`` is the display unit that goes into the axis or title.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Literal

ChartKind = Literal[
    "bar",  # yearly series as columns (categories = periods)
    "line",  # yearly series as a line
    "grouped_bar",  # several series side by side per category
    "hbar",  # horizontal bars, e.g. comparing regions
    "stacked_bar",  # composition as stacked columns
    "donut",  # composition of one whole
    "progress",  # value against a target / rate against 100% (拨付率, 开工率)
    "kpi",  # one big figure with its label
]


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # one per category; None = no data
    labels: tuple[str, ...] = field(default=())  # data labels, already formatted (Chinese style)


@dataclass(frozen=True)
class ChartSpec:
    id: str  # stable, filename-safe, unique within a report (e.g. "410400-poverty-exit")
    kind: ChartKind
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = ""  # display unit of the values, e.g. "万人", "%", "亿元"
    source_note: str = ""  # "来源：……" line printed under the chart
    target: float | None = None  # progress: the goal (100 for rates); kpi: unused
    note: str = ""  # optional footnote text under the chart
    points: tuple[str, ...] = ()  # the figures drawn ("indicator@period"), for editing rules

    def fingerprint(self) -> str:
        """Content hash: same spec ⇒ same rendered bytes (used as a cache key)."""
        payload = json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def texts(self) -> list[str]:
        """Every string the chart will draw (for the glyph preflight)."""
        out = [self.title, self.unit, self.source_note, self.note, *self.categories]
        for s in self.series:
            out.append(s.name)
            out.extend(s.labels)
        return [t for t in out if t]

"""The printed figures of a resolved report, and what changed between two builds.

A report (report/resolve.py) is flattened into items, one per KPI, sentence, table row
and chart, each with the section it is printed in. KPIs, table rows and charts have a
stable key (label, row heading, chart id) and are compared by key; sentences have none
and are compared in order within their section (difflib), so an edited sentence shows
as old → new.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from reportgen.report.model import Report

Item = dict[str, str]  # section, kind (kpi/sentence/table/chart), key, text
KPI_SECTION = "核心指标"
_SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")


def report_items(report: Report) -> list[Item]:
    items = [_item(KPI_SECTION, "kpi", k.label,
                   f"{k.label}：{k.number_text}{k.unit_text}（{k.period_label}）")
             for k in report.kpis]
    for section in report.sections:
        for paragraph in section.paragraphs:
            items += [_item(section.title, "sentence", "", s.strip())
                      for s in _SENTENCE.findall(paragraph.text) if s.strip()]
        for table in section.tables:
            for row in table.rows:
                key = f"{table.title}|{'|'.join(row[:2])}"
                items.append(_item(section.title, "table", key, "｜".join(row)))
        for chart in section.charts:
            values = "；".join(
                f"{s.name + ' ' if len(chart.series) > 1 else ''}{cat} {label}"
                for s in chart.series for cat, label in zip(chart.categories, s.labels,
                                                             strict=False))
            items.append(_item(section.title, "chart", chart.id, f"{chart.title}：{values}"))
    return items


def _item(section: str, kind: str, key: str, text: str) -> Item:
    return {"section": section, "kind": kind, "key": key, "text": text}


def diff_items(old: list[Item], new: list[Item]) -> list[dict[str, str]]:
    """Changed figures: section, kind, old, new ("" when added or removed)."""
    out: list[dict[str, str]] = []
    keyed_old = {(i["section"], i["kind"], i["key"]): i["text"] for i in old if i["key"]}
    keyed_new = {(i["section"], i["kind"], i["key"]): i["text"] for i in new if i["key"]}
    for key in dict.fromkeys([*keyed_old, *keyed_new]):
        before, after = keyed_old.get(key, ""), keyed_new.get(key, "")
        if before != after:
            out.append({"section": key[0], "kind": key[1], "old": before, "new": after})
    for section in dict.fromkeys(i["section"] for i in [*old, *new]):
        out += _sentence_changes(section, _sentences(old, section), _sentences(new, section))
    return out


def _sentences(items: Iterable[Item], section: str) -> list[str]:
    return [i["text"] for i in items if i["kind"] == "sentence" and i["section"] == section]


def _sentence_changes(section: str, old: list[str], new: list[str]) -> list[dict[str, str]]:
    out = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before, after = old[a0:a1], new[b0:b1]
        for n in range(max(len(before), len(after))):
            out.append({"section": section, "kind": "sentence",
                        "old": before[n] if n < len(before) else "",
                        "new": after[n] if n < len(after) else ""})
    return out

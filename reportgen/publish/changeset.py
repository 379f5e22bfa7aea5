"""What one build changed, as a plain dict (the event that is reported and delivered).

Data rows (old → new, with names, source and row), outputs whose bytes changed and why
they were rebuilt, failed outputs, printed figures that changed (output, section, page
or slide), and validation findings that appeared or cleared.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from reportgen.config import Project
from reportgen.data.model import Dataset, Observation
from reportgen.data.periods import period_label
from reportgen.pipeline.driver import BuildResult
from reportgen.pipeline.manifest import Manifest
from reportgen.publish.figures import diff_items, report_items
from reportgen.publish.locate import Locator, needles
from reportgen.publish.state import State
from reportgen.text.numbers import format_quantity

Event = dict[str, Any]


def new_event(result: str, **fields: Any) -> Event:
    now = datetime.now(UTC)
    body = json.dumps(fields, ensure_ascii=False, sort_keys=True, default=str)
    digest = hashlib.sha256(body.encode()).hexdigest()[:8]
    base: Event = {"id": f"{now:%Y%m%d-%H%M%S}-{digest}", "time": f"{now:%Y-%m-%dT%H:%M:%SZ}",
                   "result": result, "first_build": False, "data_rows": [], "outputs": [],
                   "failures": [], "figures": [], "findings": {"appeared": [], "cleared": []},
                   "error": "", "error_findings": []}
    return base | fields


def changed_outputs(result: BuildResult, manifest: Manifest, state: State) -> list[dict[str, str]]:
    """Outputs built in this run whose bytes differ from what was last reported."""
    known: dict[str, str] = state.get("outputs", {})
    out = []
    for job in result.built:
        entry = manifest.entry(job.region_code, job.kind)
        if entry is None or entry.status != "ok" or known.get(entry.path) == entry.sha256:
            continue
        out.append({"path": entry.path, "region_code": job.region_code,
                    "region_name": job.region_name, "kind": job.kind, "reason": job.reason,
                    "sha256": entry.sha256})
    return out


def new_failures(result: BuildResult, state: State) -> list[dict[str, str]]:
    """Failed outputs whose error was not reported yet (the same failure is sent once)."""
    sent: dict[str, str] = state.get("failures", {})
    return [{"path": f.job.path, "region_code": f.job.region_code,
             "region_name": f.job.region_name, "kind": f.job.kind, "error": f.error}
            for f in result.failed if sent.get(f.job.path) != f.error]


def data_rows(dataset: Dataset, changes: dict[str, Any]) -> list[dict[str, Any]]:
    """The changed observation rows with Chinese names, source and data file row."""
    by_key = {"|".join((*o.key, o.source_id)): o for o in dataset.observations}
    return [_row(dataset, r, by_key.get(r["key"])) for r in changes.get("rows", [])]


def _row(dataset: Dataset, row: dict[str, str], obs: Observation | None) -> dict[str, Any]:
    code, indicator_id, period, source_id = [*row["key"].split("|"), "", "", ""][:4]
    indicator = dataset.indicators.get(indicator_id)
    region = dataset.regions.get(code)
    source = dataset.sources.get(source_id)
    unit = obs.unit if obs else (indicator.unit if indicator else "")
    location = obs.location if obs else None
    return {
        "change": row["change"], "region_code": code,
        "region_name": region.name if region else code, "indicator_id": indicator_id,
        "indicator_name": indicator.name if indicator else indicator_id,
        "period": period, "period_label": period_label(obs.period) if obs else period,
        "source_id": source_id, "source_title": source.title if source else source_id,
        "file": location.file if location else "", "row": location.row if location else None,
        "old": _value(row.get("old", "") if row["change"] == "changed" else (
            row.get("value", "") if row["change"] == "removed" else ""), unit),
        "new": _value(row.get("value", "") if row["change"] != "removed" else "", unit),
        "quote": obs.quote if obs else "",
    }


def _value(text: str, unit: str) -> str:
    if not text:
        return ""
    try:
        return str(format_quantity(text, unit, decimals=6))
    except (ValueError, ArithmeticError):
        return f"{text}{unit}"


def figure_changes(project: Project, dataset: Dataset, changed: list[dict[str, str]],
                   state: State) -> list[dict[str, Any]]:
    """Printed figures that differ from the previous build of each changed region.

    Stores the new figures as the baseline for the next build.
    """
    from reportgen.report.resolve import resolve_report

    locator = Locator()
    out: list[dict[str, Any]] = []
    for code in dict.fromkeys(o["region_code"] for o in changed):
        items = report_items(resolve_report(dataset, project, code))
        previous = state.figures(code)
        state.save_figures(code, items)
        if previous is None:
            continue  # first time: this build is the baseline
        paths = [o["path"] for o in changed if o["region_code"] == code]
        for change in diff_items(previous, items):
            where = []
            for path in paths:
                number = locator.find(project.output_dir / path, needles(change))
                where.append({"path": path, "page": number,
                              "unit": "页" if path.endswith(".pdf") else "张幻灯片"})
            out.append({"region_code": code, "region_name": dataset.regions[code].name,
                        **change, "where": where})
    return out


def finding_changes(dataset: Dataset, state: State) -> dict[str, list[str]]:
    """Validation findings that appeared or cleared since the previous report."""
    current = sorted({f.format() for f in dataset.warnings})
    previous: list[str] | None = state.data.get("findings")
    state.set("findings", current)
    if not isinstance(previous, list):
        return {"appeared": [], "cleared": []}
    return {"appeared": [f for f in current if f not in previous],
            "cleared": [f for f in previous if f not in current]}


def regions_of(event: Event) -> set[str]:
    """Regions an event is about; empty for a whole-build failure (it concerns everyone)."""
    codes = {o["region_code"] for o in event["outputs"]}
    codes |= {f["region_code"] for f in event["failures"]}
    return codes

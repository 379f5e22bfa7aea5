"""``output/citations.json``: where each printed figure came from, for the table keepers.

The briefs and decks cite for readers (a mark, the source's title and the quoted phrase);
the data file and row behind each citation, and the rows behind each data-check note,
are here instead: one entry per region with its outputs, its numbered citations (as
printed) and its data-check notes with their rows and the fix. Entries of regions rebuilt
by this build are made anew; others are kept; regions no longer in the manifest go.
The file is written atomically and holds no timestamp (same inputs, same bytes).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from reportgen.config import Project
from reportgen.data.model import Dataset
from reportgen.paths import read_text_or_none
from reportgen.pipeline.atomic import atomic_write_bytes
from reportgen.pipeline.manifest import Manifest
from reportgen.pipeline.worker import state_dir
from reportgen.report.model import Report

FILE_NAME = "citations.json"


def update_citations(project: Project, dataset: Dataset, manifest: Manifest,
                     rebuilt: Iterable[str]) -> None:
    """Refresh the entries of the ``rebuilt`` region codes; drop regions gone from output."""
    from reportgen.report.resolve import resolve_report

    outputs: dict[str, list[str]] = {}
    for output in manifest.outputs:
        if output.status == "ok":
            outputs.setdefault(output.region_code, []).append(output.path)
    known = {e.get("region_code"): e for e in _load(project) if isinstance(e, dict)}
    fresh = set(rebuilt)
    regions = []
    entry: dict[str, Any]
    for code in sorted(outputs):
        if code in fresh or code not in known:
            if code not in dataset.regions:
                continue
            entry = region_entry(resolve_report(dataset, project, code))
        else:
            entry = known[code]
        regions.append({**entry, "outputs": sorted(outputs[code])})
    body = json.dumps({"regions": regions}, ensure_ascii=False, indent=1, sort_keys=True)
    atomic_write_bytes(project.output_dir / FILE_NAME, body.encode("utf-8") + b"\n",
                       state_dir(project) / "tmp")


def region_entry(report: Report) -> dict[str, Any]:
    citations = [{"number": c.number, "source_id": c.source.id, "source_title": c.source.title,
                  "source_file": c.source.file, "quote": c.quote, "row": c.observation_file}
                 for c in report.citations]
    checks = [{"code": f.code, "message": f.message, "hint": f.hint,
               "rows": [{"file": file, "row": row} for file, row in f.rows],
               "marked": [{"file": file, "row": row} for file, row in f.marked_rows]}
              for f in report.checks]
    return {"region_code": report.region.code, "region_name": report.region.name,
            "citations": citations, "checks": checks}


def _load(project: Project) -> list[Any]:
    """The previous entries; a missing or hand-broken file is read as none."""
    try:
        data = json.loads(read_text_or_none(project.root, project.output_dir / FILE_NAME) or "")
    except (OSError, ValueError):
        return []
    regions = data.get("regions") if isinstance(data, dict) else None
    return regions if isinstance(regions, list) else []

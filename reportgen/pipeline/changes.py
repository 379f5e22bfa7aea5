"""What changed in the data since the previous build (observations added/removed/changed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reportgen.data.model import Dataset
from reportgen.paths import read_text_or_none
from reportgen.pipeline.atomic import atomic_write_bytes

Snapshot = dict[str, dict[str, str]]


def snapshot(dataset: Dataset) -> Snapshot:
    out: Snapshot = {}
    for o in dataset.observations:
        key = "|".join((*o.key, o.source_id))
        out[key] = {"value": str(o.value), "unit": o.unit, "quote": o.quote, "note": o.note}
    return out


def diff(old: Snapshot | None, new: Snapshot) -> dict[str, Any]:
    if old is None:
        return {"first_build": True, "added": len(new), "removed": 0, "changed": 0, "rows": []}
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    changed = sorted(k for k in set(new) & set(old) if new[k] != old[k])
    rows = ([{"change": "added", "key": k, "value": new[k]["value"]} for k in added]
            + [{"change": "removed", "key": k, "value": old[k]["value"]} for k in removed]
            + [{"change": "changed", "key": k, "old": old[k]["value"], "value": new[k]["value"]}
               for k in changed])
    return {"first_build": False, "added": len(added), "removed": len(removed),
            "changed": len(changed), "rows": rows}


def load_snapshot(path: Path) -> Snapshot | None:
    """The previous snapshot, or None when it is missing, unreadable, a link out of the
    state folder or of the wrong shape."""
    try:
        data = json.loads(read_text_or_none(path.parent, path) or "")
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not all(
            isinstance(row, dict) and all(isinstance(v, str) for v in row.values())
            and "value" in row for row in data.values()):
        return None
    return data


def save_snapshot(data: Snapshot, path: Path, tmp_dir: Path) -> None:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    atomic_write_bytes(path, text.encode("utf-8"), tmp_dir)


def describe(changes: dict[str, Any]) -> str:
    if changes.get("first_build"):
        return f"data: first build, {changes['added']} observations"
    if not (changes["added"] or changes["removed"] or changes["changed"]):
        return "data: no change since the previous build"
    return (f"data: {changes['added']} added, {changes['removed']} removed, "
            f"{changes['changed']} changed since the previous build")

"""A shard's manifest part: its entries, what its last run did, and the inputs it saw.

``inputs`` is a hash of everything a build reads (data and source documents, config,
project templates, fonts, reportgen's code and shipped defaults): the merge refuses parts
built from inputs other than the current ones.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reportgen.config import Project
from reportgen.data.parsecache import dataset_key
from reportgen.paths import folder_inside
from reportgen.pipeline import fingerprint as fp
from reportgen.pipeline.atomic import atomic_write_bytes
from reportgen.pipeline.manifest import Manifest, ManifestEntry, parse_entries
from reportgen.pipeline.shard import Shard, part_path

SCHEMA = 1


@dataclass
class ShardPart:
    shard: Shard
    inputs: str
    outputs: list[ManifestEntry] = field(default_factory=list)
    built: list[dict[str, str]] = field(default_factory=list)  # region_code, kind, reason
    failed: list[dict[str, str]] = field(default_factory=list)  # region_code, kind, error
    skipped: list[dict[str, str]] = field(default_factory=list)  # region_code, kind
    time: str = ""

    def to_json(self) -> bytes:
        payload = {"schema": SCHEMA, "shard": self.shard.index, "count": self.shard.count,
                   "inputs": self.inputs, "time": self.time,
                   "outputs": [asdict(e) for e in self.outputs],
                   "run": {"built": self.built, "failed": self.failed,
                           "skipped": self.skipped}}
        return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def inputs_key(project: Project, fonts_digest: str) -> str:
    templates = project.templates_dir
    files = [p for p in templates.rglob("*") if p.is_file()] if templates.is_dir() else []
    payload = {"data": dataset_key(project, fp.version_part()), "fonts": fonts_digest,
               "templates": fp.files_digest(files, project.root)}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def save_part(part: ShardPart, output_dir: Path, tmp_dir: Path) -> None:
    part.time = f"{datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ}"
    path = part_path(output_dir, part.shard)
    folder_inside(output_dir.parent, path.parent)  # output/.shards linked out: refused
    atomic_write_bytes(path, part.to_json(), tmp_dir)


def load_part(output_dir: Path, shard: Shard) -> ShardPart | None:
    """The shard's part, or None when it is missing, unreadable or not this shard's."""
    try:
        payload = json.loads(part_path(output_dir, shard).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(payload, dict) or (payload.get("shard"), payload.get("count")) != (
            shard.index, shard.count) or not isinstance(payload.get("inputs"), str):
        return None
    raw_run = payload.get("run")
    run: dict[str, Any] = raw_run if isinstance(raw_run, dict) else {}
    outputs = parse_entries(payload.get("outputs"))
    return ShardPart(shard, payload["inputs"], [e for e in outputs if shard.owns(e.region_code)],
                     _records(run.get("built")), _records(run.get("failed")),
                     _records(run.get("skipped")), str(payload.get("time", "")))


def _records(raw: Any) -> list[dict[str, str]]:
    if not isinstance(raw, list):
        return []
    return [{str(k): str(v) for k, v in item.items()} for item in raw if isinstance(item, dict)]


def shard_base(output_dir: Path, shard: Shard, merged: Manifest) -> Manifest:
    """What the shard last built: its own part, else its regions' entries of the merged
    manifest (a first sharded run after whole builds rebuilds nothing up to date)."""
    part = load_part(output_dir, shard)
    entries = part.outputs if part is not None else merged.outputs
    return Manifest(outputs=[e for e in entries if shard.owns(e.region_code)])

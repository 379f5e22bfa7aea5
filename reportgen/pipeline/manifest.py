"""output/manifest.json: what was built, from which inputs, with which bytes."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from reportgen.paths import read_text_or_none
from reportgen.pipeline.atomic import atomic_write_bytes

MANIFEST_NAME = "manifest.json"
SCHEMA_VERSION = 1


@dataclass
class ManifestEntry:
    region_code: str
    region_name: str
    kind: str  # "pdf" | "pptx"
    path: str  # relative to output/
    sha256: str
    fingerprint: str
    parts: dict[str, str] = field(default_factory=dict)
    status: str = "ok"  # "ok" | "failed" (then path/sha256 describe the last good file)
    error: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.region_code, self.kind)


@dataclass
class Manifest:
    outputs: list[ManifestEntry] = field(default_factory=list)
    data_changes: dict[str, Any] = field(default_factory=dict)

    def entry(self, region_code: str, kind: str) -> ManifestEntry | None:
        for item in self.outputs:
            if item.key == (region_code, kind):
                return item
        return None

    def put(self, new: ManifestEntry) -> None:
        self.outputs = [e for e in self.outputs if e.key != new.key] + [new]
        self.outputs.sort(key=lambda e: e.key)

    def drop(self, key: tuple[str, str]) -> None:
        self.outputs = [e for e in self.outputs if e.key != key]

    def to_json(self) -> bytes:
        payload = {
            "schema": SCHEMA_VERSION,
            "outputs": [asdict(e) for e in self.outputs],
            "data_changes": self.data_changes,
        }
        return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def load_manifest(output_dir: Path) -> Manifest:
    """The manifest, or an empty one when it is missing or unreadable (everything is then
    outdated); an entry of the wrong shape (a hand edit, a hostile file) is left out."""
    text = read_text_or_none(output_dir.parent, output_dir / MANIFEST_NAME)
    try:
        payload = json.loads(text or "")
        entries = parse_entries(payload.get("outputs", []))
    except (OSError, ValueError, TypeError, AttributeError):
        return Manifest()
    changes = payload.get("data_changes", {})
    return Manifest(outputs=entries, data_changes=changes if isinstance(changes, dict) else {})


_TEXT_FIELDS = ("region_code", "region_name", "kind", "path", "sha256", "fingerprint",
                "status", "error")


def parse_entries(raw: object) -> list[ManifestEntry]:
    """The well-formed entries of a JSON list (anything else is left out)."""
    if not isinstance(raw, list):
        return []
    return [e for e in map(_entry, raw) if e is not None]


def _entry(raw: object) -> ManifestEntry | None:
    if not isinstance(raw, dict):
        return None
    values = {k: raw[k] for k in _TEXT_FIELDS if k in raw}
    parts = raw.get("parts", {})
    if not all(isinstance(v, str) for v in values.values()) or not (
            isinstance(parts, dict) and all(isinstance(v, str) for v in parts.values())):
        return None
    try:
        return ManifestEntry(**values, parts={str(k): v for k, v in parts.items()})
    except TypeError:  # a required field is missing
        return None


def save_manifest(manifest: Manifest, output_dir: Path, tmp_dir: Path) -> None:
    atomic_write_bytes(output_dir / MANIFEST_NAME, manifest.to_json(), tmp_dir)

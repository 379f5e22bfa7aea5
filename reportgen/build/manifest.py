"""output/manifest.json: what was built, from which inputs, with which bytes."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from reportgen.build.atomic import atomic_write_bytes

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
    path = output_dir / MANIFEST_NAME
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        fields_known = set(ManifestEntry.__dataclass_fields__)
        entries = [ManifestEntry(**{k: v for k, v in e.items() if k in fields_known})
                   for e in payload.get("outputs", [])]
    except (OSError, ValueError, TypeError, AttributeError):
        return Manifest()  # missing or unreadable: everything is outdated
    return Manifest(outputs=entries, data_changes=payload.get("data_changes", {}))


def save_manifest(manifest: Manifest, output_dir: Path, tmp_dir: Path) -> None:
    atomic_write_bytes(output_dir / MANIFEST_NAME, manifest.to_json(), tmp_dir)

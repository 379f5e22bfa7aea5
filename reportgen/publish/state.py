"""Publishing state under ``.reportgen/publish/``: one JSON file, written atomically.

It holds what the last build did, what the outputs looked like when they were last
reported, the printed figures of each region, and what was delivered to whom.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reportgen.config import Project
from reportgen.paths import inside, read_text_inside
from reportgen.pipeline.atomic import atomic_write_bytes
from reportgen.pipeline.worker import state_dir


def publish_dir(project: Project) -> Path:
    return inside(project.root, state_dir(project) / "publish")


def _tmp(project: Project) -> Path:
    return state_dir(project) / "tmp"


def read_json(project: Project, path: Path, default: Any) -> Any:
    """The JSON in ``path``; missing or broken = ``default``; a link out of the project is
    refused (BuildError), never opened."""
    try:
        return json.loads(read_text_inside(project.root, path))
    except (OSError, ValueError):
        return default


def write_json(project: Project, path: Path, payload: Any) -> None:
    """Written atomically, into a folder confirmed inside the project (no link out)."""
    text = json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    inside(project.root, path.parent)
    atomic_write_bytes(path, text.encode("utf-8"), _tmp(project))


class State:
    """``.reportgen/publish/state.json``; missing or unreadable = nothing recorded yet."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.path = publish_dir(project) / "state.json"
        data = read_json(self.project, self.path, {})
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}

    def get(self, key: str, default: Any) -> Any:
        value = self.data.get(key, default)
        return value if isinstance(value, type(default)) else default

    def set(self, key: str, value: Any) -> None:
        self.data[key] = value

    def save(self) -> None:
        write_json(self.project, self.path, self.data)

    # printed figures per region (what the outputs said when they were last built)
    def figures(self, code: str) -> list[dict[str, str]] | None:
        path = publish_dir(self.project) / "figures" / f"{code}.json"
        data = read_json(self.project, path, None)
        return data if isinstance(data, list) else None

    def save_figures(self, code: str, items: list[dict[str, str]]) -> None:
        write_json(self.project, publish_dir(self.project) / "figures" / f"{code}.json", items)

    # events: one JSON per change, kept until every channel delivered it
    def event_path(self, event_id: str) -> Path:
        return publish_dir(self.project) / "events" / f"{event_id}.json"

    def load_event(self, event_id: str) -> dict[str, Any] | None:
        data = read_json(self.project, self.event_path(event_id), None)
        return data if isinstance(data, dict) else None

    def save_event(self, event: dict[str, Any]) -> None:
        write_json(self.project, self.event_path(event["id"]), event)

"""Command hook: runs a program with the change summary as JSON on its standard input."""

from __future__ import annotations

import json
import subprocess

from reportgen.config import Project
from reportgen.errors import DeliveryError
from reportgen.publish import render
from reportgen.publish.changeset import Event
from reportgen.publish.settings import CommandChannel


def run_command(channel: CommandChannel, event: Event, project: Project) -> None:
    payload = {"title": render.title(event), "summary": render.markdown(event), "event": event}
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    try:
        done = subprocess.run(list(channel.run), input=data, cwd=project.root,
                              capture_output=True, timeout=channel.timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DeliveryError(f"command {channel.run[0]}: {exc}") from exc
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace").strip()[-300:]
        raise DeliveryError(f"command {channel.run[0]} exited {done.returncode}: {tail}")

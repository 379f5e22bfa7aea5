"""Deliver events to every configured channel: each event once, failures retried later.

State (``.reportgen/publish/state.json``): ``pending`` — per channel id, the events still
to send, oldest first; ``delivered`` — per channel id, the last events sent (an event is
never sent twice); ``deliveries`` — the last attempt per channel, for ``reportgen status``.
A channel that fails keeps its queue and is tried again at the next run.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reportgen.config import Project
from reportgen.publish.changeset import Event, regions_of
from reportgen.publish.settings import (
    Channel,
    CommandChannel,
    EmailChannel,
    Settings,
    WebhookChannel,
)
from reportgen.publish.state import State

REMEMBERED = 500  # delivered event ids kept per channel


def enqueue(state: State, settings: Settings, event: Event) -> None:
    pending: dict[str, list[str]] = state.get("pending", {})
    codes = regions_of(event)
    for channel in settings.channels:
        if channel.wants(codes):
            pending.setdefault(channel.id, []).append(event["id"])
    state.set("pending", pending)


def deliver_pending(project: Project, settings: Settings, state: State,
                    say: Callable[[str], None]) -> None:
    pending: dict[str, list[str]] = state.get("pending", {})
    delivered: dict[str, list[str]] = state.get("delivered", {})
    attempts: dict[str, dict[str, Any]] = state.get("deliveries", {})
    configured = {c.id: c for c in settings.channels}
    for cid in [c for c in pending if c not in configured]:
        del pending[cid]  # the channel was removed from reportgen.toml
    for cid, queue in pending.items():
        channel, done = configured[cid], delivered.setdefault(cid, [])
        while queue:
            event = state.load_event(queue[0])
            if event is None or event["id"] in done:
                queue.pop(0)
                continue
            try:
                send(project, settings, channel, event)
            except Exception as exc:  # never fails the build; retried at the next run
                attempts[cid] = _attempt(channel, event, str(exc))
                say(f"delivery FAILED ({channel.label}): {exc}; will retry at the next run")
                break
            attempts[cid] = _attempt(channel, event, "")
            done.append(queue.pop(0))
            say(f"delivered {event['id']} ({channel.label})")
        delivered[cid] = done[-REMEMBERED:]
    state.set("pending", {c: q for c, q in pending.items() if q})
    state.set("delivered", {c: d for c, d in delivered.items() if c in configured})
    state.set("deliveries", {c: a for c, a in attempts.items() if c in configured})


def _attempt(channel: Channel, event: Event, error: str) -> dict[str, Any]:
    return {"channel": channel.label, "event": event["id"], "ok": not error, "error": error,
            "time": f"{datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ}"}


def send(project: Project, settings: Settings, channel: Channel, event: Event) -> None:
    if isinstance(channel, EmailChannel):
        from reportgen.publish.mail import message, send_mail

        files, too_large = attachments(project, settings, channel, event)
        send_mail(channel, message(channel, event, files, too_large))
    elif isinstance(channel, WebhookChannel):
        from reportgen.publish.webhook import post

        post(channel, event)
    elif isinstance(channel, CommandChannel):
        from reportgen.publish.command import run_command

        run_command(channel, event, project)


def attachments(project: Project, settings: Settings, channel: Channel,
                event: Event) -> tuple[list[Path], list[str]]:
    """The changed PDFs of the channel's regions, as they are now, within the size cap."""
    if not settings.attach:
        return [], []
    files, too_large, total = [], [], 0
    limit = settings.max_attach_mb * 1024 * 1024
    for output in event["outputs"]:
        if output["kind"] != "pdf" or not channel.wants({output["region_code"]}):
            continue
        path = project.output_dir / output["path"]
        if not path.is_file():
            continue
        size = path.stat().st_size
        if total + size > limit:
            too_large.append(output["path"])
            continue
        files.append(path)
        total += size
    return files, too_large

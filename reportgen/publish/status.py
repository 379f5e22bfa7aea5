"""``reportgen status``: last build and its result, stale outputs and why, data changed
since the last build, the last delivery per channel. Healthy = last build ok and nothing
stale; monitoring (cron, systemd, Nagios) reads the exit code."""

from __future__ import annotations

from typing import Any

from reportgen.config import Project
from reportgen.data.parsecache import cached_valid_dataset, dataset_key
from reportgen.errors import DataError
from reportgen.pipeline.fingerprint import version_part
from reportgen.pipeline.manifest import load_manifest
from reportgen.pipeline.plan import plan_jobs
from reportgen.pipeline.worker import state_dir
from reportgen.publish.settings import load_settings
from reportgen.publish.state import State


def project_status(project: Project) -> dict[str, Any]:
    state = State(project)
    last: dict[str, Any] = state.get("last_build", {})
    status: dict[str, Any] = {"last_build": last or None, "stale": [], "data_error": "",
                              "data_changed": False, "deliveries": [], "pending": 0}
    try:
        status["data_changed"] = bool(last) and last.get("data_key") != dataset_key(
            project, version_part())
        dataset = cached_valid_dataset(project, state_dir(project) / "cache", version_part())
    except DataError as exc:
        status["data_error"] = f"{exc.message}（{len(exc.findings)}条问题，见 reportgen validate）"
    else:
        from reportgen.fonts.registry import FontRegistry

        jobs = plan_jobs(dataset, project, load_manifest(project.output_dir),
                         fonts_digest=FontRegistry.load(project).fingerprint())
        status["stale"] = [{"path": j.path, "reason": j.reason} for j in jobs if j.reason]
    settings = load_settings(project)
    attempts: dict[str, Any] = state.get("deliveries", {})
    pending: dict[str, list[str]] = state.get("pending", {})
    status["deliveries"] = [attempts[c.id] | {"pending": len(pending.get(c.id, []))}
                            for c in settings.channels if c.id in attempts]
    status["pending"] = sum(len(pending.get(c.id, [])) for c in settings.channels)
    status["healthy"] = bool(last) and last.get("result") == "ok" and not status["stale"] \
        and not status["data_error"]
    return status


def describe(status: dict[str, Any]) -> list[str]:
    last = status["last_build"]
    if last is None:
        lines = ["last build: none recorded"]
    else:
        result = last["result"].upper() if last["result"] != "ok" else "ok"
        lines = [f"last build: {last['time']} {result}"
                 + (f", built {last.get('built', 0)}" if last["result"] == "ok" else "")]
        lines += [f"  failed {f['path']}: {f['error']}" for f in last.get("failed", [])]
        lines += [f"  error: {last['error']}"] if last.get("error") else []
    if status["data_error"]:
        lines.append(f"data: has errors: {status['data_error']}")
    else:
        lines.append("data: changed since the last build" if status["data_changed"]
                     else "data: unchanged since the last build")
        stale = status["stale"]
        lines.append(f"outputs: {len(stale)} stale" if stale else "outputs: all up to date")
        lines += [f"  stale {s['path']}: {s['reason']}" for s in stale]
    for d in status["deliveries"]:
        result = "ok" if d["ok"] else f"FAILED: {d['error']}"
        lines.append(f"delivery: {d['channel']}: {d['time']} {d['event']} {result}"
                     + (f" ({d['pending']} pending)" if d["pending"] else ""))
    if not status["deliveries"]:
        lines.append("delivery: nothing delivered yet")
    lines.append("status: ok" if status["healthy"] else "status: NEEDS ATTENTION")
    return lines

"""``Publisher``: what runs after every build, under the build lock.

Records the build for ``reportgen status``; when outputs changed or something failed,
writes the change report and queues it for every channel; sends what is pending; updates
the bundle. Any exception here is logged and printed, never raised: publishing cannot
fail or corrupt a build.
"""

from __future__ import annotations

import hashlib
import traceback
from datetime import UTC, datetime
from typing import Any

from reportgen.config import Project
from reportgen.data.model import Dataset
from reportgen.data.parsecache import dataset_key
from reportgen.errors import DataError, ReportgenError
from reportgen.pipeline.driver import BuildResult
from reportgen.pipeline.fingerprint import version_part
from reportgen.pipeline.manifest import load_manifest
from reportgen.pipeline.progress import Reporter
from reportgen.pipeline.worker import state_dir
from reportgen.publish import changeset, history
from reportgen.publish.citations import update_citations
from reportgen.publish.deliver import deliver_pending, enqueue
from reportgen.publish.settings import Settings, load_settings
from reportgen.publish.state import State

KEEP_EVENTS = 50  # delivered events kept under .reportgen/publish/events/


class Publisher:
    def __init__(self, reporter: Reporter | None = None) -> None:
        self.say = (reporter or Reporter()).say

    def built(self, project: Project, dataset: Dataset, result: BuildResult) -> None:
        self._guarded(project, lambda: self._built(project, dataset, result))

    def failed(self, project: Project, error: ReportgenError) -> None:
        self._guarded(project, lambda: self._failed(project, error))

    def _guarded(self, project: Project, run: Any) -> None:
        try:
            run()
        except Exception as exc:
            log = state_dir(project) / "logs" / "publish.log"
            try:
                log.parent.mkdir(parents=True, exist_ok=True)
                log.write_text(traceback.format_exc(), encoding="utf-8")
            except OSError:
                pass
            self.say(f"publishing FAILED: {type(exc).__name__}: {exc} (the build itself "
                     f"is not affected; traceback in .reportgen/logs/publish.log)")

    def _built(self, project: Project, dataset: Dataset, result: BuildResult) -> None:
        settings, state = load_settings(project), State(project)
        manifest = load_manifest(project.output_dir)
        changed = changeset.changed_outputs(result, manifest, state)
        failures = changeset.new_failures(result, state)
        if _fresh_state(state, result):  # e.g. the first build after upgrading reportgen
            state.set("outputs", {e.path: e.sha256 for e in manifest.outputs
                                  if e.status == "ok"})
            changed = []
        _record_build(project, state, result)
        update_citations(project, dataset, manifest, {j.region_code for j in result.built})
        if changed or failures:
            event = changeset.new_event(
                "failed" if result.failed else "ok",
                first_build=bool(result.data_changes.get("first_build")),
                data_rows=changeset.data_rows(dataset, result.data_changes),
                outputs=changed, failures=failures,
                figures=self._figures(project, dataset, changed, state),
                findings=changeset.finding_changes(dataset, state))
            self._publish(project, settings, state, event)
            known = state.get("outputs", {})
            state.set("outputs", known | {o["path"]: o["sha256"] for o in changed})
        state.save()
        deliver_pending(project, settings, state, self.say)
        _prune_events(state)
        state.save()
        if settings.bundle.enabled:
            from reportgen.publish.bundle import update_bundle

            update_bundle(project, dataset, manifest, settings, state, self.say)
            state.save()

    def _figures(self, project: Project, dataset: Dataset, changed: list[dict[str, str]],
                 state: State) -> list[dict[str, Any]]:
        """The printed-figure diff; if it cannot be made, the report goes out without it."""
        try:
            return changeset.figure_changes(project, dataset, changed, state)
        except Exception as exc:
            self.say(f"change report: printed figures not compared ({type(exc).__name__}: "
                     f"{exc})")
            return []

    def _failed(self, project: Project, error: ReportgenError) -> None:
        settings, state = load_settings(project), State(project)
        findings = [f.format() for f in error.findings[:30]] if isinstance(
            error, DataError) else []
        signature = hashlib.sha256("\n".join([str(error), *findings]).encode()).hexdigest()
        state.set("last_build", {"time": _now(), "result": "failed", "error": str(error),
                                 "built": 0, "failed": []})
        if state.get("build_error", "") != signature:
            event = changeset.new_event("failed", error=str(error), error_findings=findings)
            self._publish(project, settings, state, event)
            state.set("build_error", signature)
        state.save()
        deliver_pending(project, settings, state, self.say)
        state.save()

    def _publish(self, project: Project, settings: Settings, state: State,
                 event: changeset.Event) -> None:
        state.save_event(event)
        path = history.write_report(project, event)
        self.say(f"change report: {path.relative_to(project.root)}")
        enqueue(state, settings, event)


def _record_build(project: Project, state: State, result: BuildResult) -> None:
    attempted = {j.path for j in result.built} | {f.job.path for f in result.failed}
    old: dict[str, str] = state.get("failures", {})
    current = {f.job.path: f.error for f in result.failed}
    state.set("failures", {p: e for p, e in old.items() if p not in attempted} | current)
    state.set("build_error", "")
    state.set("last_build", {
        "time": _now(), "result": "failed" if result.failed else "ok", "error": "",
        "built": len(result.built), "skipped": len(result.skipped),
        "failed": [{"path": f.job.path, "error": f.error} for f in result.failed],
        "data_key": dataset_key(project, version_part()),
    })


def _fresh_state(state: State, result: BuildResult) -> bool:
    """No publish state yet, but outputs from earlier builds and no data change: record
    them as the baseline instead of reporting every rebuilt file as changed."""
    changes = result.data_changes
    return (not state.path.exists() and not changes.get("first_build")
            and not changes.get("rows"))


def _prune_events(state: State) -> None:
    folder = state.event_path("x").parent
    if not folder.is_dir():
        return
    pending = {e for queue in state.get("pending", {}).values() for e in queue}
    for path in sorted(folder.glob("*.json"))[:-KEEP_EVENTS]:
        if path.stem not in pending:
            path.unlink(missing_ok=True)


def _now() -> str:
    return f"{datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ}"

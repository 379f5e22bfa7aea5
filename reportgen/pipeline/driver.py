"""``reportgen build``: plan, run the outdated jobs, record them in the manifest.

A no-op build imports none of matplotlib, reportlab or python-pptx.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from types import FrameType
from typing import Any, Protocol

from reportgen.config import Project
from reportgen.data.model import Dataset
from reportgen.data.parsecache import cached_valid_dataset
from reportgen.errors import ConfigError, LockError, ReportgenError
from reportgen.paths import folder_inside
from reportgen.pipeline import changes as data_changes
from reportgen.pipeline import tidy
from reportgen.pipeline.fingerprint import version_part
from reportgen.pipeline.lock import ProjectLock
from reportgen.pipeline.manifest import Manifest, ManifestEntry, load_manifest, save_manifest
from reportgen.pipeline.plan import Job, plan_jobs
from reportgen.pipeline.progress import Reporter
from reportgen.pipeline.warnings_log import warning_lines
from reportgen.pipeline.worker import JobResult, init_pooled, run_job, run_pooled, state_dir

EXIT_OK, EXIT_FAILED = 0, 1


@dataclass(frozen=True)
class BuildOptions:
    regions: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    force: bool = False
    jobs: int = 1
    lock_timeout: float = 600.0


@dataclass
class BuildResult:
    built: list[Job] = field(default_factory=list)
    skipped: list[Job] = field(default_factory=list)
    failed: list[JobResult] = field(default_factory=list)
    data_changes: dict[str, Any] = field(default_factory=dict)  # changes.diff of this run

    @property
    def exit_code(self) -> int:
        return EXIT_FAILED if self.failed else EXIT_OK


class BuildHook(Protocol):
    """Called under the build lock after a build (reportgen.publish implements it)."""

    def built(self, project: Project, dataset: Dataset, result: BuildResult) -> None: ...

    def failed(self, project: Project, error: ReportgenError) -> None: ...


def run_build(project: Project, options: BuildOptions,
              reporter: Reporter | None = None, hook: BuildHook | None = None) -> BuildResult:
    if options.jobs < 1:
        raise ConfigError(f"--jobs must be at least 1, got {options.jobs}")
    say = reporter or Reporter()
    folder_inside(project.root, state_dir(project))  # a .reportgen link out is never touched
    folder_inside(project.root, project.output_dir)
    lock = ProjectLock(state_dir(project) / "build.lock", timeout=options.lock_timeout,
                       anchor=project.root)  # rm -rf .reportgen cannot free the lock
    lock.acquire(on_wait=lambda pid: say.say(f"waiting for another build (pid {pid or '?'})"))
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if main_thread else None
    try:
        for name in tidy.clean_leftovers(project.root, state_dir(project), project.output_dir):
            say.say(f"removed output/{name} (left by a killed build)")
        try:
            result, dataset = _locked_build(project, options, say, lock.fileno)
        except ReportgenError as exc:
            if hook is not None and not isinstance(exc, (ConfigError, LockError)):
                hook.failed(project, exc)
            raise
        if hook is not None:
            hook.built(project, dataset, result)
        return result
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
        lock.release()


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds through atomic writes, which clean up


def _locked_build(project: Project, options: BuildOptions, say: Reporter,
                  lock_fd: int | None = None) -> tuple[BuildResult, Dataset]:
    from reportgen.fonts.preflight import check_dataset
    from reportgen.fonts.registry import FontRegistry

    dataset = cached_valid_dataset(project, state_dir(project) / "cache", version_part())
    for line in warning_lines(dataset.warnings, state_dir(project)):
        say.say(line)
    manifest = load_manifest(project.output_dir)
    snapshot_path = state_dir(project) / "snapshot.json"
    current = data_changes.snapshot(dataset)
    changes = data_changes.diff(data_changes.load_snapshot(snapshot_path), current)
    say.say(data_changes.describe(changes))
    registry = FontRegistry.load(project)
    jobs = plan_jobs(dataset, project, manifest, regions=options.regions, kinds=options.kinds,
                     force=options.force, fonts_digest=registry.fingerprint())
    stale = tidy.stale_entries(manifest, dataset, jobs,
                               whole_build=not (options.regions or options.kinds))
    for line in tidy.retire_stale(manifest, project.output_dir, stale):
        say.say(line)
    result = BuildResult(skipped=[j for j in jobs if not j.reason], data_changes=changes)
    for job in result.skipped:
        say.say(f"skipped {job.path}: up to date")
    todo = [j for j in jobs if j.reason]
    if todo:
        # every glyph, before any file is written
        check_dataset(dataset, registry, registry.roles_for(project.config.style))
        _run_jobs(project, dataset, todo, options.jobs, manifest, result, say, lock_fd)
    if changes["first_build"] or changes["added"] or changes["removed"] or changes["changed"]:
        manifest.data_changes = changes
    save_manifest(manifest, project.output_dir, state_dir(project) / "tmp")
    try:
        data_changes.save_snapshot(current, snapshot_path, state_dir(project) / "tmp")
    except ReportgenError as exc:  # only the next change summary suffers: say so, go on
        say.say(f"warning: data snapshot not saved: {exc}")
    say.say(f"built {len(result.built)}, skipped {len(result.skipped)}, "
            f"failed {len(result.failed)}")
    return result, dataset


def _run_jobs(project: Project, dataset: Dataset, todo: list[Job], workers: int,
              manifest: Manifest, result: BuildResult, say: Reporter,
              lock_fd: int | None = None) -> None:
    say.total = len(todo)
    for outcome in _execute(project, dataset, todo, workers, lock_fd):
        job = outcome.job
        if outcome.ok:
            result.built.append(job)
            old = manifest.entry(job.region_code, job.kind)
            if old and old.path != job.path:  # renamed region: its old file is retired
                for line in tidy.retire_stale(manifest, project.output_dir, [old],
                                              why="has a new file name"):
                    say.say(line)
            manifest.put(ManifestEntry(job.region_code, job.region_name, job.kind, job.path,
                                       outcome.sha256, job.fingerprint, dict(job.parts)))
            say.step(f"built {job.path} ({job.reason}) in {outcome.seconds:.1f} s")
        else:
            result.failed.append(outcome)
            _record_failure(manifest, job, outcome.error)
            say.step(f"FAILED {job.path}: {outcome.error}")
    say.close()


def _execute(project: Project, dataset: Dataset, todo: list[Job],
             workers: int, lock_fd: int | None = None) -> Iterator[JobResult]:
    if workers == 1 or len(todo) == 1:
        for job in todo:
            yield run_job(project, dataset, job)
        return
    fds = () if lock_fd is None else (lock_fd,)
    with ProcessPoolExecutor(max_workers=workers, initializer=init_pooled,
                             initargs=(project, dataset, os.getpid(), fds)) as pool:
        futures = [pool.submit(run_pooled, job) for job in todo]
        for future in as_completed(futures):
            yield future.result()


def _record_failure(manifest: Manifest, job: Job, error: str) -> None:
    """Keep the last good file's path and hash; mark the entry failed so it is retried."""
    old = manifest.entry(job.region_code, job.kind)
    manifest.put(ManifestEntry(
        job.region_code, job.region_name, job.kind,
        old.path if old else job.path, old.sha256 if old else "",
        old.fingerprint if old else "", dict(old.parts) if old else {},
        status="failed", error=error,
    ))

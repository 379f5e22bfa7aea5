"""``reportgen build``: plan, run the outdated jobs, record them in the manifest.

A no-op build imports none of matplotlib, reportlab or python-pptx.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, Protocol

from reportgen.config import Project
from reportgen.data.model import Dataset
from reportgen.data.parsecache import cached_valid_dataset
from reportgen.errors import ConfigError, LockError, ReportgenError
from reportgen.fonts.facecache import use_face_cache
from reportgen.fonts.files import use_hash_store
from reportgen.paths import folder_inside
from reportgen.pipeline import changes as data_changes
from reportgen.pipeline import tidy
from reportgen.pipeline.fingerprint import version_part
from reportgen.pipeline.lock import ProjectLock
from reportgen.pipeline.manifest import Manifest, ManifestEntry, load_manifest, save_manifest
from reportgen.pipeline.plan import Job, plan_jobs
from reportgen.pipeline.progress import Reporter
from reportgen.pipeline.shard import Shard, shard_state
from reportgen.pipeline.shardpart import ShardPart, inputs_key, save_part, shard_base
from reportgen.pipeline.warnings_log import warning_lines
from reportgen.pipeline.worker import (
    JobResult,
    font_hash_store,
    init_pooled,
    run_job,
    run_pooled,
    state_dir,
)

EXIT_OK, EXIT_FAILED = 0, 1


@dataclass(frozen=True)
class BuildOptions:
    regions: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    force: bool = False
    jobs: int = 1
    lock_timeout: float = 600.0
    shard: Shard | None = None  # build only this shard's regions (README: Scale-out)


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
    """Build what is outdated. A shard build writes its manifest part and never publishes
    (``hook`` is not called): ``reportgen merge`` does that once for all shards."""
    if options.jobs < 1:
        raise ConfigError(f"--jobs must be at least 1, got {options.jobs}")
    if options.shard is not None and (options.regions or options.kinds):
        raise ConfigError("--shard builds every output of its regions: drop --region/--kind")
    say = reporter or Reporter()
    hook = hook if options.shard is None else None
    with locked_project(project, say, options.lock_timeout, options.shard) as lock_fds:
        return run_hooked(project, hook, lambda: _locked_build(project, options, say, lock_fds))


def run_hooked(project: Project, hook: BuildHook | None,
               run: Callable[[], tuple[BuildResult, Dataset]]) -> BuildResult:
    """Run a build (or a merge) and tell ``hook`` how it went; usage errors are not news."""
    try:
        result, dataset = run()
    except ReportgenError as exc:
        if hook is not None and not isinstance(exc, (ConfigError, LockError)):
            hook.failed(project, exc)
        raise
    if hook is not None:
        hook.built(project, dataset, result)
    return result


@contextlib.contextmanager
def locked_project(project: Project, say: Reporter, timeout: float,
                   shard: Shard | None = None) -> Iterator[tuple[int, ...]]:
    """Hold the build lock (a shard: the project lock shared, its shard's exclusively),
    clean what a killed build left, and yield the lock fds (workers close them)."""
    folder_inside(project.root, state_dir(project))  # a .reportgen link out is never touched
    folder_inside(project.root, project.output_dir)
    locks = _locks(project, timeout, shard)
    main_thread = threading.current_thread() is threading.main_thread()
    try:
        for lock in locks:
            lock.acquire(on_wait=lambda pid: say.say(
                f"waiting for another build (pid {pid or '?'})"))
        previous = signal.signal(signal.SIGTERM, _terminate) if main_thread else None
        try:
            if shard is None:
                for name in tidy.clean_leftovers(project.root, state_dir(project),
                                                 project.output_dir):
                    say.say(f"removed output/{name} (left by a killed build)")
            else:
                tidy.clean_staging(project.root, _staging(project, shard))
            yield tuple(fd for fd in (lock.fileno for lock in locks) if fd is not None)
        finally:
            if main_thread:
                signal.signal(signal.SIGTERM, previous)
    finally:
        for lock in reversed(locks):
            lock.release()


def _locks(project: Project, timeout: float, shard: Shard | None) -> list[ProjectLock]:
    # the flock is on the folder itself: rm -rf .reportgen cannot free it
    main = ProjectLock(state_dir(project) / "build.lock", timeout=timeout,
                       anchor=project.root, shared=shard is not None)
    if shard is None:
        return [main]
    own = folder_inside(project.root, shard_state(state_dir(project), shard)) / "shard.lock"
    return [ProjectLock(own, timeout=timeout), main]


def _staging(project: Project, shard: Shard | None) -> Path:
    """Where outputs are staged: a shard's own folder, so nothing clears it under it."""
    base = state_dir(project) if shard is None else shard_state(state_dir(project), shard)
    return base / "tmp"


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds through atomic writes, which clean up


def _locked_build(project: Project, options: BuildOptions, say: Reporter,
                  lock_fds: tuple[int, ...] = ()) -> tuple[BuildResult, Dataset]:
    from reportgen.fonts.preflight import check_dataset
    from reportgen.fonts.registry import FontRegistry

    dataset = cached_valid_dataset(project, state_dir(project) / "cache", version_part())
    use_hash_store(font_hash_store(project))
    use_face_cache(state_dir(project) / "cache")
    for line in warning_lines(dataset.warnings, state_dir(project)):
        say.say(line)
    shard = options.shard
    manifest = load_manifest(project.output_dir)
    if shard is not None:  # what this shard built last; the rest is other shards'
        manifest = shard_base(project.output_dir, shard, manifest)
    current = data_changes.snapshot(dataset)
    changes = data_changes.diff(
        data_changes.load_snapshot(state_dir(project) / "snapshot.json"), current)
    if shard is None:  # a shard leaves data changes to the merge
        say.say(data_changes.describe(changes))
    registry = FontRegistry.load(project)
    jobs = plan_jobs(dataset, project, manifest, regions=options.regions, kinds=options.kinds,
                     force=options.force, fonts_digest=registry.fingerprint(), shard=shard)
    _retire(project, dataset, manifest, jobs, options, say)
    result = BuildResult(skipped=[j for j in jobs if not j.reason], data_changes=changes)
    for job in result.skipped:
        say.say(f"skipped {job.path}: up to date")
    todo = [j for j in jobs if j.reason]
    if todo:
        # every glyph, before any file is written
        check_dataset(dataset, registry, registry.roles_for(project.config.style))
        run = _Run(project, dataset, _staging(project, shard), lock_fds)
        _run_jobs(run, todo, options.jobs, manifest, result, say)
    if shard is None:
        save_whole_manifest(project, manifest, changes, current, say)
    else:
        _save_shard(project, shard, manifest, result, inputs_key(project, registry.fingerprint()))
    say.say(f"{'shard ' + shard.label + ': ' if shard else ''}built {len(result.built)}, "
            f"skipped {len(result.skipped)}, failed {len(result.failed)}")
    return result, dataset


def _retire(project: Project, dataset: Dataset, manifest: Manifest, jobs: list[Job],
            options: BuildOptions, say: Reporter) -> None:
    stale = tidy.stale_entries(manifest, dataset, jobs,
                               whole_build=not (options.regions or options.kinds))
    for line in tidy.retire_stale(manifest, project.output_dir, stale):
        say.say(line)


def save_whole_manifest(project: Project, manifest: Manifest, changes: dict[str, Any],
                        current: data_changes.Snapshot, say: Reporter) -> None:
    """output/manifest.json (with the data changes, if any) and the data snapshot."""
    if changes["first_build"] or changes["added"] or changes["removed"] or changes["changed"]:
        manifest.data_changes = changes
    save_manifest(manifest, project.output_dir, state_dir(project) / "tmp")
    try:
        data_changes.save_snapshot(current, state_dir(project) / "snapshot.json",
                                   state_dir(project) / "tmp")
    except ReportgenError as exc:  # only the next change summary suffers: say so, go on
        say.say(f"warning: data snapshot not saved: {exc}")


def _save_shard(project: Project, shard: Shard, manifest: Manifest, result: BuildResult,
                inputs: str) -> None:
    """The shard's part; output/manifest.json and the data snapshot are the merge's."""
    part = ShardPart(
        shard, inputs, manifest.outputs,
        built=[{"region_code": j.region_code, "kind": j.kind, "reason": j.reason}
               for j in result.built],
        failed=[{"region_code": f.job.region_code, "kind": f.job.kind, "error": f.error}
                for f in result.failed],
        skipped=[{"region_code": j.region_code, "kind": j.kind} for j in result.skipped])
    save_part(part, project.output_dir, _staging(project, shard))


@dataclass(frozen=True)
class _Run:
    project: Project
    dataset: Dataset
    staging: Path
    lock_fds: tuple[int, ...] = ()


def _run_jobs(run: _Run, todo: list[Job], workers: int, manifest: Manifest,
              result: BuildResult, say: Reporter) -> None:
    output_dir = run.project.output_dir
    say.total = len(todo)
    for outcome in _execute(run, todo, workers):
        job = outcome.job
        if outcome.ok:
            result.built.append(job)
            old = manifest.entry(job.region_code, job.kind)
            if old and old.path != job.path:  # renamed region: its old file is retired
                for line in tidy.retire_stale(manifest, output_dir, [old],
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


def _execute(run: _Run, todo: list[Job], workers: int) -> Iterator[JobResult]:
    if workers == 1 or len(todo) == 1:
        for job in todo:
            yield run_job(run.project, run.dataset, job, run.staging)
        return
    # imported here: a no-op or --jobs 1 build never starts a pool (about 25 ms)
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=workers, initializer=init_pooled,
                             initargs=(run.project, run.dataset, os.getpid(), run.lock_fds,
                                       run.staging)) as pool:
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

"""Run one job: resolve the report, check glyphs, render, write atomically.

This is the only build module that imports the heavy builders, and only when a job runs.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from reportgen.builders.base import BuildContext, Builder
from reportgen.config import Project
from reportgen.data.model import Dataset
from reportgen.errors import ReportgenError
from reportgen.fonts.facecache import use_face_cache
from reportgen.fonts.files import use_hash_store
from reportgen.pipeline.atomic import atomic_target, is_write_failure, sha256_file, write_error
from reportgen.pipeline.plan import Job


@dataclass(frozen=True)
class JobResult:
    job: Job
    ok: bool
    sha256: str = ""
    error: str = ""
    seconds: float = 0.0


def init_worker(parent_pid: int, inherited_fds: tuple[int, ...] = ()) -> None:
    """Pool initializer: the worker dies with its parent and holds none of its locks.

    Linux: ``PR_SET_PDEATHSIG`` makes the kernel send SIGKILL when the parent dies, even by
    ``kill -9``. The forked copy of the lock fd is closed, so a ``flock`` is held by the
    parent alone and released by the kernel the moment it dies.
    """
    for fd in inherited_fds:
        with contextlib.suppress(OSError):
            os.close(fd)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


def state_dir(project: Project) -> Path:
    return project.root / ".reportgen"


def font_hash_store(project: Project) -> Path:
    return state_dir(project) / "cache" / "font-hashes.json"


def make_builder(kind: str) -> Builder:
    if kind == "pdf":
        from reportgen.builders.pdf.builder import PdfBuilder

        return PdfBuilder()
    from reportgen.builders.pptx.builder import PptxBuilder

    return PptxBuilder()


_POOLED: tuple[Project, Dataset, Path | None] | None = None  # set once per worker process


def init_pooled(project: Project, dataset: Dataset, parent_pid: int,
                inherited_fds: tuple[int, ...] = (), staging: Path | None = None) -> None:
    """Pool initializer: the project and dataset travel to each worker once, not per job;
    the worker dies with its parent and holds none of its locks (``init_worker``)."""
    global _POOLED
    init_worker(parent_pid, inherited_fds)
    use_hash_store(font_hash_store(project))  # the parent wrote it: no font is hashed again
    use_face_cache(state_dir(project) / "cache")  # parsed faces, shared across processes
    _POOLED = (project, dataset, staging)


def run_pooled(job: Job) -> JobResult:
    if _POOLED is None:
        raise RuntimeError("run_pooled needs init_pooled first")
    project, dataset, staging = _POOLED
    return run_job(project, dataset, job, staging)


def run_job(project: Project, dataset: Dataset, job: Job,
            staging: Path | None = None) -> JobResult:
    """Build one output, staged in ``staging`` (default ``.reportgen/tmp``)."""
    started = time.perf_counter()
    try:
        _build(project, dataset, job, staging or state_dir(project) / "tmp")
    except ReportgenError as exc:
        return JobResult(job, False, error=str(exc), seconds=time.perf_counter() - started)
    except OSError as exc:
        if not is_write_failure(exc):  # not a full or read-only disk: a bug, keep its trace
            return _crashed(project, job, exc, started)
        where = Path(exc.filename) if isinstance(exc.filename, str) else Path(job.path)
        return JobResult(job, False, error=str(write_error(where, exc)),
                         seconds=time.perf_counter() - started)
    except Exception as exc:  # a bug must not stop the other regions; keep the traceback
        return _crashed(project, job, exc, started)
    sha = sha256_file(project.output_dir / job.path)
    return JobResult(job, True, sha256=sha, seconds=time.perf_counter() - started)


def _build(project: Project, dataset: Dataset, job: Job, staging: Path) -> None:
    from reportgen.fonts.preflight import check_texts
    from reportgen.fonts.registry import FontRegistry
    from reportgen.report.resolve import resolve_report

    report = resolve_report(dataset, project, job.region_code)
    origin = f"report {job.path}"
    registry = FontRegistry.load(project)
    # every role of the style draws text somewhere (body, notes, headings and charts)
    check_texts(((origin, text) for text in report.texts()), registry,
                registry.roles_for(report.style))
    context = BuildContext(project=project, cache_dir=state_dir(project) / "cache")
    with atomic_target(project.output_dir / job.path, staging) as tmp:
        make_builder(job.kind).build(report, context, tmp)


def _crashed(project: Project, job: Job, exc: Exception, started: float) -> JobResult:
    log = _save_traceback(project, job)
    where = f" (traceback in {log})" if log else ""
    return JobResult(job, False, error=f"{type(exc).__name__}: {exc}{where}",
                     seconds=time.perf_counter() - started)


def _save_traceback(project: Project, job: Job) -> str:
    """The log's path relative to the project, or "" when it cannot be written (disk full)."""
    log = state_dir(project) / "logs" / f"{job.region_code}-{job.kind}.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(traceback.format_exc(), encoding="utf-8")
    except OSError:
        return ""
    return str(log.relative_to(project.root))

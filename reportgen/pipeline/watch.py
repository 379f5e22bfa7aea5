"""``reportgen watch``: rebuild when data, templates, fonts or reportgen.toml change."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from pathlib import Path

from reportgen.config import CONFIG_FILE, Project, load_project
from reportgen.errors import ReportgenError
from reportgen.pipeline.driver import BuildHook, BuildOptions, run_build
from reportgen.pipeline.progress import Reporter


def watched_paths(project: Project) -> list[Path]:
    paths = [project.data_dir, project.templates_dir, project.fonts_dir]
    return [p for p in paths if p.exists()] + [project.root]


def is_relevant(project: Project, changed: Path) -> bool:
    """Only inputs count: never our own outputs, state, or editor swap files."""
    try:
        rel = changed.resolve().relative_to(project.root)
    except ValueError:
        return False
    if rel.parts and rel.parts[0] in ("data", "templates", "fonts"):
        name = rel.name
        return not (name.startswith((".", "~$")) or name.endswith(("~", ".swp", ".tmp")))
    return rel == Path(CONFIG_FILE)


def watch_project(project: Project, *, debounce: float = 1.0, jobs: int = 1,
                  stop: threading.Event | None = None,
                  on_build: Callable[[int], None] | None = None,
                  hook: BuildHook | None = None,
                  check: Callable[[Project], object] | None = None) -> int:
    """Build once, then after every relevant change; returns when ``stop`` is set.
    ``check`` validates the tables of a reloaded reportgen.toml (``[bundle]``, ...)."""
    from watchfiles import watch

    reporter = Reporter()
    last: int | None = None
    # The first build runs once the watcher is registered (its first, empty yield), so a
    # change saved during or right after that build is still seen.
    for batch in watch(*watched_paths(project), debounce=int(debounce * 1000),
                       stop_event=stop, recursive=True, raise_interrupt=False,
                       yield_on_timeout=True, rust_timeout=200):
        if last is None:
            last = _build_once(project, jobs, reporter, hook)
            if on_build:
                on_build(last)
            reporter.say(f"watching {project.root.name}/ for changes (Ctrl-C to stop)")
            continue
        changed = sorted({Path(p) for _, p in batch if is_relevant(project, Path(p))})
        if not changed:
            continue
        reporter.say("changed: " + ", ".join(str(p.relative_to(project.root)) for p in changed))
        project, last = _reload_and_build(project, jobs, reporter, hook, check)
        if on_build:
            on_build(last)
    return last if last is not None else 0


def _reload_and_build(project: Project, jobs: int, reporter: Reporter,
                      hook: BuildHook | None = None,
                      check: Callable[[Project], object] | None = None) -> tuple[Project, int]:
    """Re-read reportgen.toml (it may have changed) and build; a typo is reported, the
    previous configuration is kept and watching goes on."""
    try:
        reloaded = load_project(project.root)
        if check is not None:
            check(reloaded)
    except ReportgenError as exc:
        reporter.say(f"error: {exc}")
        reporter.say("still watching with the previous configuration")
        return project, exc.exit_code
    return reloaded, _build_once(reloaded, jobs, reporter, hook)


def _build_once(project: Project, jobs: int, reporter: Reporter,
                hook: BuildHook | None = None) -> int:
    try:
        return run_build(project, BuildOptions(jobs=jobs), reporter, hook).exit_code
    except ReportgenError as exc:  # bad data while watching: say so and keep watching
        findings = getattr(exc, "findings", [])
        for finding in findings:
            reporter.say(finding.format())
        reporter.say(f"error: {exc}")
        return exc.exit_code
    except Exception as exc:  # any bug in one rebuild is logged and survived
        log = project.root / ".reportgen" / "logs" / "watch.log"
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            log.write_text(traceback.format_exc(), encoding="utf-8")
            where = f" (traceback in {log.relative_to(project.root)})"
        except OSError:
            where = ""
        reporter.say(f"error: {type(exc).__name__}: {exc}{where}; still watching")
        return 1

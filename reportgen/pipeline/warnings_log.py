"""Data warnings said once per change: a build under cron repeats nothing it said before.

The full list is kept in ``.reportgen/logs/warnings.log`` (rewritten when it changes); a
build whose warnings equal the logged ones says one line pointing there instead.
"""

from __future__ import annotations

from pathlib import Path

from reportgen.data.findings import Finding
from reportgen.errors import ReportgenError
from reportgen.paths import read_text_or_none
from reportgen.pipeline.atomic import atomic_write_bytes

LOG_NAME = "warnings.log"


def warning_lines(warnings: list[Finding], state: Path) -> list[str]:
    """What the build prints about ``warnings``: all of them when they changed since the
    log was written (and the log is rewritten), else one line."""
    text = "".join(f.format() + "\n" for f in warnings)
    log = state / "logs" / LOG_NAME
    previous = read_text_or_none(state.parent, log)
    if previous == text:
        if not warnings:
            return []
        return [f"{len(warnings)} data warnings, unchanged since they were last shown "
                f"(listed in .reportgen/logs/{LOG_NAME}; `reportgen validate` shows them)"]
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(log, text.encode("utf-8"), state / "tmp")
    except (OSError, ReportgenError) as exc:  # the warnings are still said below
        return [*text.splitlines(), f"warning: {LOG_NAME} not saved: {exc}"]
    return text.splitlines()

"""Change reports kept per build under ``output/changes/``, with ``latest.*``.

``<id>.md`` and ``<id>.html`` for every build that changed an output or failed (the id
starts with the UTC build time, so names sort by time); ``latest.md`` / ``latest.html``
are copies of the newest. The newest ``KEEP`` reports are kept.
"""

from __future__ import annotations

from pathlib import Path

from reportgen.config import Project
from reportgen.errors import ReportgenError
from reportgen.paths import inside, read_text_inside
from reportgen.pipeline.atomic import atomic_write_bytes
from reportgen.pipeline.worker import state_dir
from reportgen.publish import render
from reportgen.publish.changeset import Event

KEEP = 200
FORMATS = ("md", "html")


def changes_dir(project: Project) -> Path:
    return inside(project.root, project.output_dir / "changes")


def write_report(project: Project, event: Event) -> Path:
    folder = changes_dir(project)
    tmp = state_dir(project) / "tmp"
    texts = {"md": render.markdown(event), "html": render.html(event)}
    for fmt, text in texts.items():
        atomic_write_bytes(folder / f"{event['id']}.{fmt}", text.encode("utf-8"), tmp)
        atomic_write_bytes(folder / f"latest.{fmt}", text.encode("utf-8"), tmp)
    for old in report_ids(project)[:-KEEP]:
        for fmt in FORMATS:
            (folder / f"{old}.{fmt}").unlink(missing_ok=True)
    return folder / f"{event['id']}.html"


def report_ids(project: Project) -> list[str]:
    folder = changes_dir(project)
    if not folder.is_dir():
        return []
    reports = [p for p in folder.glob("*.md") if p.stem != "latest" and not p.is_symlink()]
    # ids start with the build time to the second; two builds in one second are told apart
    # by when their reports were written, not by the hash that ends the id
    return [p.stem for p in sorted(reports, key=lambda p: (p.stem[:15], _written(p), p.stem))]


def _written(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def read_report(project: Project, report_id: str = "latest", fmt: str = "md") -> str:
    if fmt not in FORMATS or "/" in report_id or report_id.startswith("."):
        raise ReportgenError(f"没有这份变更说明：{report_id}.{fmt}",
                             hint="用 reportgen changes --list 查看已有的变更说明")
    path = changes_dir(project) / f"{report_id}.{fmt}"
    try:
        return read_text_inside(project.root, path)
    except (OSError, ValueError):
        hint = ("还没有构建改变过输出文件" if report_id == "latest"
                else "用 reportgen changes --list 查看已有的变更说明")
        raise ReportgenError(f"没有这份变更说明：output/changes/{path.name}",
                             hint=hint) from None

"""The contract every output builder meets; the build driver knows only this."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from reportgen.config import Project
from reportgen.report.model import Report


@dataclass(frozen=True)
class BuildContext:
    project: Project
    cache_dir: Path  # content-addressed cache (rendered charts ...), safe to delete


class Builder(Protocol):
    kind: str  # "pdf" | "pptx"
    suffix: str  # ".pdf" | ".pptx"

    def build(self, report: Report, context: BuildContext, dest: Path) -> None:
        """Write the whole document to ``dest`` (a temporary path; the driver renames it)."""
        ...

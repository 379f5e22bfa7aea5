"""The one error hierarchy of reportgen.

Library code raises these; only ``reportgen.cli`` turns them into exit codes.
Every message says where the problem is; ``hint`` says how to fix it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportgen.data.findings import Finding


class ReportgenError(Exception):
    """Base class of every error reportgen raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\nHint: {self.hint}" if self.hint else self.message


class ConfigError(ReportgenError):
    """reportgen.toml or a command-line option is wrong."""

    exit_code = 2


class DataError(ReportgenError):
    """The data tables have errors; ``findings`` lists every one of them."""

    def __init__(
        self, message: str, findings: Sequence[Finding] = (), *, hint: str = ""
    ) -> None:
        super().__init__(message, hint=hint)
        self.findings = list(findings)


class FontError(ReportgenError):
    """A font is missing, unusable, or lacks a character that must be drawn."""


class TemplateError(ReportgenError):
    """A report spec or template deck is broken."""


class BuildError(ReportgenError):
    """Building an output failed."""


class DeliveryError(ReportgenError):
    """A delivery channel could not deliver; retried at the next build, never fails one."""


class LockError(ReportgenError):
    """Another build holds the project lock."""

    exit_code = 3

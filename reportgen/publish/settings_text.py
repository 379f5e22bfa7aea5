"""Text checks of the ``[bundle]`` and ``[delivery]`` settings: no control characters
anywhere (a CR/LF in an address or subject would inject mail headers), addresses that look
like addresses, and a bundle name that can never be one of the build's own outputs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import fields
from typing import Any

from reportgen.text.escape import escape_text

_FILE_NAME = re.compile(r"[^/\\\x00-\x1f]{1,120}\.pdf")
# every output name is `<region code>-<name>.<kind>` or `<region code>.<kind>`
# (reportgen.paths.output_name); a bundle named like one could replace a brief
_OUTPUT_LIKE = re.compile(r"\d{6}[-.].*")
_ADDRESS = re.compile(r"[^@\s<>()\[\],;:\"\\]+@[^@\s<>()\[\],;:\"\\]+\.[^@\s<>()\[\],;:\"\\]+")
RESERVED_NAMES = ("manifest.json", "citations.json", "changes")


def text_values(table: str, record: Any) -> Iterator[tuple[str, str]]:
    """(``table.key``, text) of every text setting of a settings record."""
    for spec in fields(record):
        value = getattr(record, spec.name)
        values = value if isinstance(value, tuple) else (value,)
        for item in values:
            if isinstance(item, str):
                yield f"{table}.{spec.name}", item


def control_problems(table: str, record: Any) -> list[str]:
    """One problem per setting holding a control or other unprintable character."""
    return [f"'{key}' must be printable text without control characters (CR, LF, tab…), "
            f"got '{escape_text(text, 60)}'"
            for key, text in text_values(table, record) if not text.isprintable()]


def address_problems(table: str, addresses: tuple[str, ...]) -> list[str]:
    return [f"'{table}' '{escape_text(a, 60)}' is not an e-mail address (name@host.domain)"
            for a in addresses if a and not _ADDRESS.fullmatch(a)]


def bundle_file_problem(name: str) -> str:
    """Why ``name`` cannot be the bundle's file name in output/ ("" = it can)."""
    shown = f"'{escape_text(name, 60)}'"
    if not _FILE_NAME.fullmatch(name) or name.startswith(".") or ".." in name:
        return f"'bundle.file' must be a plain file name ending in .pdf, got {shown}"
    if _OUTPUT_LIKE.fullmatch(name) or name.lower() in RESERVED_NAMES:
        return (f"'bundle.file' {shown} has the form of a region's own output "
                "(<code>-<name>.pdf) and could replace it; choose a name that does not "
                "start with a region code, e.g. 汇编-全部简报.pdf")
    return ""

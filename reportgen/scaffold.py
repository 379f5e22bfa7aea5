"""``reportgen init``: a new project a bureau fills in, copied from the shipped starter.

The starter (``reportgen/defaults/starter/``) is a project that validates and builds as it
is: reportgen.toml, the four data tables with example rows, and the one source document
its quotes come from. Nothing that already exists is overwritten.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from reportgen.errors import ConfigError

STARTER = Path(__file__).resolve().parent / "defaults" / "starter"


def starter_files() -> list[Path]:
    """The starter's files, relative to it, in a stable order."""
    return sorted(p.relative_to(STARTER) for p in STARTER.rglob("*") if p.is_file())


def init_project(target: Path) -> list[Path]:
    """Copy the starter into ``target`` (created if missing); the files written."""
    if target.exists() and not target.is_dir():
        raise ConfigError(f"{target} exists and is not a folder",
                          hint="name a new or existing folder for the project")
    files = starter_files()
    clashes = [f for f in files if (target / f).exists() or (target / f).is_symlink()]
    if clashes:
        raise ConfigError(f"{target} already has {', '.join(str(c) for c in clashes)}",
                          hint="run init in an empty folder; nothing was changed")
    written = []
    for rel in files:
        destination = target / rel
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(STARTER / rel, destination)
        written.append(destination)
    return written

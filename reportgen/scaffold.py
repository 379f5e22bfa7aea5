"""``reportgen init``: a new project a bureau fills in, copied from the shipped starter.

The starter (``reportgen/defaults/starter/``) is a project that validates and builds as it
is: reportgen.toml, the four data tables with example rows, and the one source document
its quotes come from. Nothing that already exists is overwritten, and nothing is
written through a symbolic link (it could point out of the project).
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
    links = sorted({str(link.relative_to(target)) for rel in files
                    if (link := _first_link(target, rel)) is not None})
    if links:
        raise ConfigError(f"{target} has symbolic link(s) where init writes: "
                          f"{', '.join(links)}; nothing was changed",
                          hint="remove the link(s) (init writes only real files and "
                               "folders inside the project), or run init in an empty folder")
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


def _first_link(target: Path, rel: Path) -> Path | None:
    """The first entry on the way from ``target`` to ``target/rel`` that is a symbolic link
    (writing through it could land outside the project)."""
    path = target
    for part in rel.parts:
        path = path / part
        if path.is_symlink():
            return path
    return None

"""Paths and names: output file names from a sanitised region name; every path the build
writes or removes is confirmed inside the project, never through a link out of it."""

from __future__ import annotations

import errno
import os
import tempfile
import unicodedata
from pathlib import Path

from reportgen.errors import BuildError

MAX_NAME_BYTES = 120  # well under the 255-byte limit of common filesystems, leaves room


def safe_name(name: str) -> str:
    """``name`` without path separators, ``..``, control, format (zero-width, bidi) or
    whitespace characters other than a plain space, cut to ``MAX_NAME_BYTES`` UTF-8 bytes."""
    kept = []
    for ch in unicodedata.normalize("NFC", name):
        cat = unicodedata.category(ch)
        if ch in "/\\:*?\"<>|" or cat[0] == "C" or (cat[0] == "Z" and ch != " "):
            continue
        kept.append(ch)
    text = "".join(kept).replace("..", "").strip(" .")
    data = text.encode("utf-8")[:MAX_NAME_BYTES]
    return data.decode("utf-8", errors="ignore").strip(" .")


def name_problem(name: str) -> str:
    """Why ``name`` cannot be used as it is in a file name ("" = it can)."""
    if safe_name(name) != name:
        return ("名称含路径分隔符、“..”、控制字符、零宽或双向控制字符，或超过"
                f"{MAX_NAME_BYTES}字节")
    return ""


def output_name(code: str, name: str, kind: str) -> str:
    """``<code>-<safe name>.<kind>``; the code alone when nothing of the name is safe."""
    safe = safe_name(name)
    return f"{safe_name(code)}-{safe}.{kind}" if safe else f"{safe_name(code)}.{kind}"


def folder_inside(root: Path, path: Path) -> Path:
    """Like ``inside``, and ``path`` (if it exists) must be a folder, not a file."""
    resolved = inside(root, path)
    if resolved.exists() and not resolved.is_dir():
        raise BuildError(f"{path.name} 是文件，不是文件夹",
                         hint=f"删除或改名这个文件（{path.name}），reportgen 会重新创建该文件夹")
    return resolved


def inside(root: Path, path: Path) -> Path:
    """``path`` resolved (links followed) and confirmed inside ``root``; else BuildError."""
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise BuildError(f"{path.name}: 解析后位于项目之外（{path} → 链接指向外部）",
                         hint="删除指向项目之外的符号链接，或改为项目内的普通文件夹")
    return resolved


def read_inside(root: Path, path: Path) -> bytes:
    """The bytes of an output or state file, read only once ``path`` is confirmed inside
    ``root`` (links followed, none out of it: BuildError, the target never opened). A
    folder, FIFO or device raises FileNotFoundError, like a missing file."""
    resolved = inside(root, path)
    if not resolved.is_file():
        raise FileNotFoundError(errno.ENOENT, "no such regular file", str(path))
    return resolved.read_bytes()


def read_text_inside(root: Path, path: Path) -> str:
    """``read_inside`` decoded as UTF-8 (UnicodeDecodeError, a ValueError, if it is not)."""
    return read_inside(root, path).decode("utf-8")


def read_text_or_none(root: Path, path: Path) -> str | None:
    """``read_text_inside`` for reportgen's own state (manifest, snapshot, logs): None when
    the file is missing, unreadable, not UTF-8 or a link out of ``root`` (never opened);
    the caller then starts afresh and its atomic write replaces the link."""
    try:
        return read_text_inside(root, path)
    except (OSError, ValueError, BuildError):
        return None


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a new file beside ``path`` (O_EXCL: never through a link) and rename it
    over ``path``: readers never see half a file, and a failure leaves the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

"""Cell text made safe to print in a message: no raw control or escape sequences."""

from __future__ import annotations


def escape_text(text: str, limit: int = 60) -> str:
    """``text`` safe to print: control characters escaped (\\x1b, \\n), cut at ``limit``."""
    cut = text[:limit]
    shown = "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in cut)
    return shown + ("…" if len(text) > limit else "")

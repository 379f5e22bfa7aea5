"""Cell text made safe to print in a message: no raw control or escape sequences."""

from __future__ import annotations


def escape_text(text: str, limit: int = 60) -> str:
    """``text`` safe to print: control characters escaped (\\x1b, \\n), cut at ``limit``."""
    cut = text[:limit]
    shown = "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in cut)
    return shown + ("…" if len(text) > limit else "")


MAX_MESSAGE = 4000  # characters of one error message printed on the terminal


def safe_message(text: str) -> str:
    """A whole message safe for a terminal: line breaks kept, every other control or
    escape character shown escaped (a region code typed as ESC[2J never clears the screen),
    cut at ``MAX_MESSAGE`` characters."""
    lines = text[:MAX_MESSAGE].split("\n")
    shown = "\n".join(escape_text(line, limit=MAX_MESSAGE) for line in lines)
    return shown + ("…" if len(text) > MAX_MESSAGE else "")

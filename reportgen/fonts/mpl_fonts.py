"""matplotlib side of the registry: fonts added BY FILE, checked against name clashes.

matplotlib picks fonts by family name; a system font with the same family (Debian's CFF
"Noto Sans CJK SC") would silently win over ours, so we refuse such a clash.
"""

from __future__ import annotations

from pathlib import Path

from reportgen.errors import FontError
from reportgen.fonts.files import file_sha256

_ADDED: dict[str, str] = {}  # file → family name


def add_font_files(paths: list[Path]) -> str:
    """Add the files to matplotlib's font manager; return their (single) family name."""
    from matplotlib import font_manager

    families: set[str] = set()
    for path in paths:
        key = str(path)
        if key not in _ADDED:
            font_manager.fontManager.addfont(key)
            _ADDED[key] = font_manager.FontProperties(fname=key).get_name()
        families.add(_ADDED[key])
    if len(families) != 1:
        raise FontError(f"font files {', '.join(p.name for p in paths)} have different family "
                        f"names {sorted(families)}",
                        hint="regular and bold of one role must share a family name")
    family = families.pop()
    _check_no_clash(family, {str(p) for p in paths})
    return family


def _check_no_clash(family: str, ours: set[str]) -> None:
    from matplotlib import font_manager

    # A copy with identical content (a project that copied the shipped fonts) is harmless.
    same = {file_sha256(Path(p)) for p in ours}
    others = sorted(
        entry.fname for entry in font_manager.fontManager.ttflist
        if entry.name == family and entry.fname not in ours
        and file_sha256(Path(entry.fname)) not in same
    )
    if others:
        raise FontError(f"family {family!r} is also provided by {others[0]}; matplotlib might "
                        "pick that file instead of ours",
                        hint="give the project's font a family name no other font has "
                        "(scripts/make_fonts.py renames the shipped fonts)")

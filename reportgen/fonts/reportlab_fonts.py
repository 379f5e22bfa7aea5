"""reportlab side of the registry: TrueType fonts registered once per file content."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from reportgen.errors import FontError
from reportgen.fonts.facecache import parsed_font
from reportgen.fonts.files import DAMAGED, file_sha256

_REGISTERED: dict[str, str] = {}  # reportlab font name → file it was registered from
_PARSED: dict[str, Any] = {}  # file → its first TTFont: a face used as regular and bold


def reportlab_name(role: str, digest: str, bold: bool = False) -> str:
    """Font names carry a content hash: two projects with different files never collide."""
    return f"Reportgen-{role}-{digest[:10]}" + ("-Bold" if bold else "")


def _register(name: str, path: Path) -> None:
    if _REGISTERED.get(name) == str(path):
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    try:
        pdfmetrics.registerFont(_font(name, path))
    except (TTFError, *DAMAGED) as exc:  # a damaged file fails deep inside reportlab too
        raise FontError(f"reportlab cannot use font file {path}: {exc}",
                        hint="fonts must have TrueType (glyf) outlines; rebuild them with "
                        "scripts/make_fonts.py") from exc
    _REGISTERED[name] = str(path)


def _font(name: str, path: Path) -> Any:
    """A TTFont named ``name``. A file parsed before (a role whose bold face is its regular
    file, like the single-weight 仿宋) is not parsed again (about 70 ms per CJK face):
    reportlab registers a second name of a known face as the first font object anyway,
    so a renamed copy is all ``registerFont`` needs."""
    first = _PARSED.get(str(path))
    if first is None:
        font = _PARSED[str(path)] = parsed_font(name, path, file_sha256(path))
        return font
    font = copy.copy(first)
    font.fontName = name
    return font


def register_family(role: str, regular: Path, bold: Path, digest: str) -> str:
    """Register regular + bold and map them as one family so ``<b>`` picks the bold face."""
    from reportlab.lib.fonts import addMapping

    normal_name = reportlab_name(role, digest)
    bold_name = reportlab_name(role, digest, bold=True)
    _register(normal_name, regular)
    _register(bold_name, bold)
    # registerFontFamily, spelled out: italic falls back to the upright faces (CJK has none).
    addMapping(normal_name, 0, 0, normal_name)
    addMapping(normal_name, 1, 0, bold_name)
    addMapping(normal_name, 0, 1, normal_name)
    addMapping(normal_name, 1, 1, bold_name)
    addMapping(bold_name, 0, 0, bold_name)
    addMapping(bold_name, 1, 0, bold_name)
    addMapping(bold_name, 0, 1, bold_name)
    addMapping(bold_name, 1, 1, bold_name)
    return normal_name

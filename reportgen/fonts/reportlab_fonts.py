"""reportlab side of the registry: TrueType fonts registered once per file content."""

from __future__ import annotations

from pathlib import Path

from reportgen.errors import FontError

_REGISTERED: dict[str, str] = {}  # reportlab font name → file it was registered from


def reportlab_name(role: str, digest: str, bold: bool = False) -> str:
    """Font names carry a content hash: two projects with different files never collide."""
    return f"Reportgen-{role}-{digest[:10]}" + ("-Bold" if bold else "")


def _register(name: str, path: Path) -> None:
    if _REGISTERED.get(name) == str(path):
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        pdfmetrics.registerFont(TTFont(name, str(path)))
    except TTFError as exc:
        raise FontError(f"reportlab cannot use font file {path}: {exc}",
                        hint="fonts must have TrueType (glyf) outlines; rebuild them with "
                        "scripts/make_fonts.py") from exc
    _REGISTERED[name] = str(path)


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

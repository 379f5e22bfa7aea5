"""reportlab's parse of a TrueType face, kept between runs in the state folder.

Registering a face, reportlab reads every glyph's metrics and the whole cmap in Python:
about 90 ms per CJK face, in every process of every build (a modern brief registers six
faces). What it keeps is plain data (ints, strings, bytes, lists, dicts); written once with
``marshal`` behind the cache's HMAC, it loads in about a third of that time. The font's
bytes, from which subsets are cut, are read from the font file itself.

Anything unexpected (another reportlab, a damaged or planted file, a face whose attributes
differ from what was stored) falls back to reportlab's own parse.
"""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import Any

FORMAT = 1  # bump when what is stored changes
_FOLDER: list[Path] = []  # the cache folder (use_face_cache); empty: no cache


def use_face_cache(folder: Path) -> None:
    """Keep parsed faces in ``folder`` (the state folder's cache) from now on."""
    _FOLDER[:] = [folder]


class _Scale:
    """reportlab's font-unit → 1/1000 em scale (it stores a lambda, which cannot be kept)."""

    def __init__(self, units_per_em: int) -> None:
        self.factor = 1000 / units_per_em

    def __call__(self, value: float) -> float:
        return value if self.factor == 1 else value * self.factor


def parsed_font(name: str, path: Path, digest: str) -> Any:
    """``reportlab.pdfbase.ttfonts.TTFont(name, path)``, from the cache when it can be."""
    from reportlab import Version
    from reportlab.pdfbase.ttfonts import TTFont

    if not _FOLDER:
        return TTFont(name, str(path))
    folder = _FOLDER[0]
    store = folder / "fonts" / f"{digest[:32]}-rl{Version}-{FORMAT}.marshal"
    font = _load(folder, store, name, path)
    if font is not None:
        return font
    font = TTFont(name, str(path))
    _save(folder, store, font)
    return font


def _load(folder: Path, store: Path, name: str, path: Path) -> Any:
    from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFont, TTFontFace

    from reportgen.data.parsecache import cache_secret, read_signed

    key = cache_secret(folder)
    body = read_signed(folder, store, key) if key is not None else None
    if body is None:
        return None
    try:
        kept = marshal.loads(body)
        face = TTFontFace.__new__(TTFontFace)
        attrs: dict[str, Any] = kept["face"]
        for field in kept["names"]:
            attrs[field] = TTFNameBytes(attrs[field])
        face.__dict__.update(attrs)
        face._ttf_data = path.read_bytes()
        if len(face._ttf_data) != kept["size"]:
            return None
        face._pdfScale = _Scale(face.unitsPerEm)
        reference = TTFont.__new__(TTFont)
        font = _assemble(reference, name, face)
        if sorted(vars(font)) != kept["font"] or sorted(vars(face)) != kept["face_keys"]:
            return None  # reportlab builds its fonts differently now: parse instead
        return font
    except (ValueError, EOFError, TypeError, KeyError, AttributeError, OSError):
        return None


def _assemble(font: Any, name: str, face: Any) -> Any:
    """What ``TTFont.__init__`` sets, with the face already parsed."""
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase import ttfonts

    font.fontName = name
    font.face = face
    font.encoding = ttfonts.TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    globs = getattr(ttfonts, "unShapedFontGlob", ())
    font.shapable = not any(fnmatch(name, g) for g in globs)
    return font


def _save(folder: Path, store: Path, font: Any) -> None:
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    from reportgen.data.parsecache import cache_secret, write_signed

    key = cache_secret(folder)
    fonts = store.parent
    if key is None or fonts.is_symlink() or (fonts.exists() and not fonts.is_dir()):
        return
    face = {k: v for k, v in vars(font.face).items() if k not in ("_ttf_data", "_pdfScale")}
    names = [k for k, v in face.items() if isinstance(v, TTFNameBytes)]
    face.update({k: bytes(face[k]) for k in names})
    try:
        body = marshal.dumps({"face": face, "names": names, "size": len(font.face._ttf_data),
                              "font": sorted(vars(font)), "face_keys": sorted(vars(font.face))})
        write_signed(store, body, key)
    except (ValueError, OSError):
        return  # an attribute marshal cannot keep, or a full disk: parse next time

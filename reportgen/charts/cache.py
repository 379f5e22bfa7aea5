"""Content-addressed cache of rendered charts.

Drawing a figure costs 0.03–0.05 s as SVG (0.5–0.8 s as PDF, which subsets the CJK font). The key
covers everything that changes the bytes: the spec, the document style (colours), the font
files, the size, the renderer version and matplotlib's version. A cache hit imports neither
matplotlib nor reportlab.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from reportgen.charts.render_mpl import RENDERER_VERSION
from reportgen.errors import BuildError
from reportgen.paths import write_atomic

if TYPE_CHECKING:
    from reportgen.charts.spec import ChartSpec
    from reportgen.fonts.registry import FontRegistry

ChartFormat = Literal["svg", "pdf", "png"]
SUBDIR = "charts"
_RENDERERS = {"svg": "render_svg", "pdf": "render_pdf", "png": "render_png"}


@cache
def _matplotlib_version() -> str:
    try:
        return metadata.version("matplotlib")
    except metadata.PackageNotFoundError:
        return "unknown"


def chart_key(spec: ChartSpec, fmt: str, registry: FontRegistry, size: dict[str, float],
              style: str = "modern") -> str:
    payload = json.dumps({
        "spec": spec.fingerprint(),
        "style": style,  # colours differ: a 公文 chart never reuses a modern file
        "fonts": registry.fingerprint(),
        "fmt": fmt,
        "size": {k: size[k] for k in sorted(size)},
        "renderer": RENDERER_VERSION,
        "matplotlib": _matplotlib_version(),
    }, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def cached_chart(spec: ChartSpec, fmt: ChartFormat, registry: FontRegistry, cache_dir: Path,
                 style: str = "modern", **size: float) -> Path:
    """Path of the rendered chart, rendering it only when no identical render is cached.

    ``style``: the document style whose colours the chart takes (part of the key);
    ``size``: width_mm, height_mm (and dpi for png), passed on to the renderer.
    """
    if fmt not in _RENDERERS:
        raise BuildError(f"chart {spec.id}: unknown format {fmt!r}",
                         hint="use 'svg', 'pdf' or 'png'")
    key = chart_key(spec, fmt, registry, size, style)
    stem = f"{spec.id}-{key[:24]}"
    folder = cache_dir / SUBDIR
    for found in sorted(folder.glob(f"{stem}-*.{fmt}")) if folder.is_dir() else []:
        if _verified(found):
            return found
        found.unlink(missing_ok=True)  # swapped or corrupt: never embedded, rendered again
    from reportgen.charts import render_mpl

    render = getattr(render_mpl, _RENDERERS[fmt])
    data = render(spec, registry, style=style, **size)
    path = folder / f"{stem}-{hashlib.sha256(data).hexdigest()[:_CONTENT]}.{fmt}"
    write_atomic(path, data)
    return path


_CONTENT = 16  # hex digits of the content hash kept in the file name


def _verified(path: Path) -> bool:
    """The file's bytes still hash to the content hash its name records."""
    if path.is_symlink() or not path.is_file():
        return False
    recorded = path.stem.rsplit("-", 1)[-1]
    try:
        actual = hashlib.sha256(path.read_bytes()).hexdigest()[:_CONTENT]
    except OSError:
        return False
    return len(recorded) == _CONTENT and actual == recorded

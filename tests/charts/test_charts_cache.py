from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.charts import cache as cache_module
from reportgen.charts import render_mpl
from reportgen.charts.cache import cached_chart
from reportgen.charts.samples import sample_specs
from reportgen.errors import BuildError
from reportgen.fonts.registry import FontRegistry

REPO = Path(__file__).resolve().parents[2]
KPI = next(s for s in sample_specs() if s.id == "s-kpi")


@pytest.fixture(scope="module")
def registry() -> FontRegistry:
    return FontRegistry.load(None)


def test_renders_once_then_hits(registry: FontRegistry, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    # SVG, the format briefs use (the matplotlib PDF backend is tested in test_charts_render)
    first = cached_chart(KPI, "svg", registry, tmp_path, width_mm=100, height_mm=40)
    assert first.read_bytes() == render_mpl.render_svg(KPI, registry, width_mm=100,
                                                       height_mm=40)

    def boom(*_a: object, **_k: object) -> bytes:
        raise AssertionError("rendered although cached")

    monkeypatch.setattr(render_mpl, "render_svg", boom)
    assert cached_chart(KPI, "svg", registry, tmp_path, width_mm=100, height_mm=40) == first
    assert [p.name for p in first.parent.iterdir()] == [first.name]  # no temp files left


def test_key_covers_size_format_spec_and_fonts(registry: FontRegistry, tmp_path: Path) -> None:
    base = cache_module.chart_key(KPI, "pdf", registry, {"width_mm": 100, "height_mm": 40})
    assert base != cache_module.chart_key(KPI, "pdf", registry,
                                          {"width_mm": 100, "height_mm": 41})
    assert base != cache_module.chart_key(KPI, "png", registry,
                                          {"width_mm": 100, "height_mm": 40})
    other = next(s for s in sample_specs() if s.id == "s-bar")
    assert base != cache_module.chart_key(other, "pdf", registry,
                                          {"width_mm": 100, "height_mm": 40})
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    for path in sorted(set(registry.files.values())):
        (fonts / path.name).symlink_to(path)
    (fonts / "ReportgenSansSC-Bold.ttf").unlink()
    (fonts / "ReportgenSansSC-Bold.ttf").symlink_to(registry.path("sans"))
    changed = FontRegistry.load(search=[fonts])
    assert base != cache_module.chart_key(KPI, "pdf", changed,
                                          {"width_mm": 100, "height_mm": 40})


def test_png_is_cached_too(registry: FontRegistry, tmp_path: Path) -> None:
    path = cached_chart(KPI, "png", registry, tmp_path, width_mm=100, height_mm=40, dpi=50)
    assert path.suffix == ".png" and path.read_bytes()[:4] == b"\x89PNG"
    with pytest.raises(BuildError, match="unknown format"):
        cached_chart(KPI, "eps", registry, tmp_path)  # type: ignore[arg-type]


def test_svg_is_cached_with_text_as_text(registry: FontRegistry, tmp_path: Path) -> None:
    path = cached_chart(KPI, "svg", registry, tmp_path, width_mm=100, height_mm=40)
    svg = path.read_text(encoding="utf-8")
    assert path.suffix == ".svg" and "<text" in svg
    assert registry.families["sans"] in svg  # labels name the registry's family


def test_cache_hit_imports_no_matplotlib(registry: FontRegistry, tmp_path: Path) -> None:
    cached_chart(KPI, "svg", registry, tmp_path, width_mm=100, height_mm=40)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reportgen.charts.cache import cached_chart\n"
        "from reportgen.charts.samples import sample_specs\n"
        "from reportgen.fonts.registry import FontRegistry\n"
        "spec = next(s for s in sample_specs() if s.id == 's-kpi')\n"
        f"cached_chart(spec, 'svg', FontRegistry.load(None), Path({str(tmp_path)!r}),\n"
        "             width_mm=100, height_mm=40)\n"
        "print('matplotlib' in sys.modules, 'reportlab' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_swapped_or_corrupt_cache_file_is_rendered_again(registry: FontRegistry,
                                                          tmp_path: Path) -> None:
    good = render_mpl.render_svg(KPI, registry, width_mm=100, height_mm=40)
    first = cached_chart(KPI, "svg", registry, tmp_path, width_mm=100, height_mm=40)
    other = next(s for s in sample_specs() if s.id == "s-bar")
    swapped = render_mpl.render_svg(other, registry, width_mm=100, height_mm=40)
    first.write_bytes(swapped)  # another chart's bytes under this key
    again = cached_chart(KPI, "svg", registry, tmp_path, width_mm=100, height_mm=40)
    assert again.read_bytes() == good
    again.write_bytes(b"<svg truncated")
    assert cached_chart(KPI, "svg", registry, tmp_path, width_mm=100,
                        height_mm=40).read_bytes() == good

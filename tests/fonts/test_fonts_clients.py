"""The registry with its real clients: reportlab (embedding, <b>) and matplotlib (by file)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from reportgen.config import Config, Project
from reportgen.errors import FontError
from reportgen.fonts.registry import MPL_FALLBACK, FontRegistry

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def registry() -> FontRegistry:
    return FontRegistry.load(Project(REPO, Config()))


def _base_fonts(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        fonts = resources["/Font"]
        for ref in fonts.values():
            names.add(str(ref.get_object()["/BaseFont"]).split("+")[-1])
    return names


def test_reportlab_embeds_every_role_and_bold_markup_works(registry: FontRegistry) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    names = registry.register_reportlab()
    assert sorted(names) == registry.roles
    assert registry.register_reportlab() == names  # idempotent
    story = [Paragraph(f"{role}：常规文字<b>加粗文字</b>",
                       ParagraphStyle(role, fontName=name, wordWrap="CJK"))
             for role, name in names.items()]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1,
                      initialFontName=names["sans"]).build(story)
    fonts = _base_fonts(buffer.getvalue())
    for stem in ("Sans", "Serif", "Kai"):
        assert f"Reportgen{stem}SC-Regular" in fonts
        assert f"Reportgen{stem}SC-Bold" in fonts  # <b> picked the real bold face
    assert registry.reportlab_name("sans", bold=True) != names["sans"]


def test_matplotlib_finds_our_files_by_family(registry: FontRegistry) -> None:
    from matplotlib import font_manager

    family = registry.matplotlib_family("sans")
    assert family == ["Reportgen Sans SC", MPL_FALLBACK]
    regular = font_manager.findfont(font_manager.FontProperties(family=family[0]),
                                    fallback_to_default=False)
    bold = font_manager.findfont(font_manager.FontProperties(family=family[0], weight="bold"),
                                 fallback_to_default=False)
    # Same bytes (another test may have registered a copy of the same file from a project)
    assert Path(regular).read_bytes() == registry.path("sans").read_bytes()
    assert Path(bold).read_bytes() == registry.path("sans", bold=True).read_bytes()


def test_matplotlib_refuses_a_family_clash(registry: FontRegistry) -> None:
    registry.matplotlib_family("kai")  # Kai regular + bold are now known to matplotlib
    regular = registry.path("kai")
    # A "sans" role made of the Kai regular file alone: its family is also served by the Kai
    # bold file (other content), so matplotlib could pick either: refused.
    odd = FontRegistry(files={("sans", False): regular, ("sans", True): regular},
                       families={"sans": "Reportgen Kai SC"})
    with pytest.raises(FontError, match="also provided by"):
        odd.matplotlib_family("sans")


def test_missing_glyph_warning_is_an_error_under_our_pytest_config(
        registry: FontRegistry) -> None:
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"font.family": registry.matplotlib_family("sans")}):
        fig = Figure()
        FigureCanvasAgg(fig)
        fig.text(0.1, 0.5, "𰻞𰻞面")
        with pytest.raises(UserWarning, match="missing"):
            fig.savefig(io.BytesIO(), format="png")

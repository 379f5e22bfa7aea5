from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from reportgen.config import Config, Project
from reportgen.errors import FontError
from reportgen.fonts.registry import ROLES, FontRegistry

REPO = Path(__file__).resolve().parents[2]
FONTS = REPO / "fonts"


@pytest.fixture(scope="module")
def registry() -> FontRegistry:
    return FontRegistry.load(Project(REPO, Config()))


def _linked_fonts(dest: Path) -> Path:
    """A fonts/ folder of symlinks to the shipped fonts (cheap to modify one file)."""
    dest.mkdir()
    for spec in ROLES.values():
        for name in {spec.regular, spec.bold}:
            if (FONTS / name).is_file():
                (dest / name).symlink_to(FONTS / name)
    return dest


def test_every_role_has_regular_and_bold(registry: FontRegistry) -> None:
    assert {"kai", "sans", "serif", "title"} <= set(registry.roles)
    for role in ("kai", "sans", "serif"):
        assert registry.path(role).is_file()
        assert registry.path(role, bold=True) != registry.path(role)
    assert registry.path("sans").name == "ReportgenSansSC-Regular.ttf"


def test_gongwen_title_face_is_shipped_with_one_weight(registry: FontRegistry) -> None:
    assert registry.path("title").name == "ReportgenTitleSC-Black.ttf"
    assert registry.path("title", bold=True) == registry.path("title")
    assert registry.families["title"] == "Reportgen Title SC"
    assert not registry.missing_chars("河南省脱贫攻坚工作简报第3期", "title")


def test_unknown_role_is_a_font_error(registry: FontRegistry) -> None:
    with pytest.raises(FontError, match="unknown font role 'nosuch'"):
        registry.path("nosuch")


def test_configured_gongwen_font_that_is_missing_is_named(tmp_path: Path) -> None:
    config = Config(gongwen_title_font="FZXBSJW.ttf")
    with pytest.raises(FontError, match=r"FZXBSJW\.ttf named by gongwen_title_font") as info:
        FontRegistry.load(Project(tmp_path, config))
    assert "fonts/" in (info.value.hint or "")


def test_configured_gongwen_font_replaces_the_shipped_face(tmp_path: Path) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copy(FONTS / "ReportgenKaiSC-Regular.ttf", fonts / "MyFangsong.ttf")
    registry = FontRegistry.load(Project(tmp_path, Config(gongwen_body_font="MyFangsong.ttf")))
    assert registry.path("fangsong") == fonts / "MyFangsong.ttf"


def test_project_fonts_override_shipped_ones(tmp_path: Path) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copy(FONTS / "ReportgenKaiSC-Regular.ttf", fonts)
    registry = FontRegistry.load(Project(tmp_path, Config()))
    assert registry.path("kai") == fonts / "ReportgenKaiSC-Regular.ttf"
    assert registry.path("kai", bold=True) == FONTS / "ReportgenKaiSC-Bold.ttf"


def test_missing_font_names_file_folder_and_fix(tmp_path: Path) -> None:
    with pytest.raises(FontError) as info:
        FontRegistry.load(search=[tmp_path])
    text = str(info.value)
    assert "ReportgenSansSC-Regular.ttf" in text
    assert str(tmp_path) in text
    assert "make_fonts.py" in info.value.hint


def test_fingerprint_is_stable_and_follows_content(tmp_path: Path) -> None:
    folder = _linked_fonts(tmp_path / "fonts")
    first = FontRegistry.load(search=[folder]).fingerprint()
    assert len(first) == 64
    assert FontRegistry.load(search=[FONTS]).fingerprint() == first  # same content, other path
    target = folder / "ReportgenKaiSC-Bold.ttf"
    target.unlink()
    shutil.copy(FONTS / "ReportgenKaiSC-Regular.ttf", target)
    assert FontRegistry.load(search=[folder]).fingerprint() != first


def test_fingerprint_and_cmap_import_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from reportgen.config import load_project\n"
        "from reportgen.fonts.registry import FontRegistry\n"
        "r = FontRegistry.load(load_project('.'))\n"
        "r.fingerprint()\n"
        "heavy = [m for m in ('matplotlib', 'reportlab', 'pandas') if m in sys.modules]\n"
        "print(','.join(heavy) or 'none')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "none"


def test_missing_chars_lists_each_absent_character_once(registry: FontRegistry) -> None:
    assert registry.missing_chars("平顶山市718.6万人−，。\n\t", "sans") == []
    assert registry.missing_chars("𰻞𰻞面 and 𠀀", "serif") == ["𰻞", "𠀀"]


def test_shipped_fonts_cover_gb2312_and_report_symbols(registry: FontRegistry) -> None:
    gb2312 = []
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                gb2312.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    text = "".join(gb2312) + "−–—…“”‘’《》（）【】、，。；：？！％０１①Ⅳ★●■▲→≥≤×÷±°"
    for role in registry.roles:
        assert registry.missing_chars(text, role) == [], role


def test_shipped_fonts_cover_every_character_in_data(registry: FontRegistry) -> None:
    """Fails when data/ gained a character the fonts lack: rerun scripts/make_fonts.py."""
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "data").rglob("*.csv")))
    for role in registry.roles:
        assert registry.missing_chars(text, role) == [], role


@pytest.mark.parametrize("role", sorted(ROLES))
def test_shipped_fonts_are_renamed_truetype(role: str) -> None:
    spec = ROLES[role]
    if spec.optional and not (FONTS / spec.regular).is_file():
        pytest.skip(f"{spec.regular} not built yet (scripts/make_fonts.py)")
    weights = ((spec.regular, 400), (spec.bold, 700)) if spec.bold != spec.regular else ()
    for name, weight in weights or ((spec.regular, None),):
        with TTFont(FONTS / name, lazy=True) as font:
            assert "glyf" in font and "CFF " not in font  # reportlab reads only glyf
            families = {n.toUnicode() for n in font["name"].names if n.nameID in (1, 16)}
            assert families == {spec.family}
            assert font["OS/2"].fsType == 0  # installable: embedding allowed
            assert weight is None or font["OS/2"].usWeightClass == weight
            assert font["head"].modified == font["head"].created  # fixed, reproducible


def test_licences_sit_beside_the_fonts() -> None:
    for name in ("OFL-Noto-CJK.txt", "OFL-LXGW-WenKai.txt"):
        text = (FONTS / name).read_text(encoding="utf-8")
        assert "SIL OPEN FONT LICENSE Version 1.1" in text
        assert "Copyright" in text
    fandol = (FONTS / "GPL-FandolFang.txt").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in fandol and "special exception" in fandol
    assert (FONTS / "README.md").is_file()


def test_the_shipped_fangsong_is_fandol_under_the_gpl_font_exception() -> None:
    with TTFont(FONTS / ROLES["fangsong"].regular, lazy=True) as font:
        assert "FandolFang" in (font["name"].getDebugName(10) or "")
        assert "font exception" in (font["name"].getDebugName(13) or "")


def test_modern_documents_do_not_need_the_gongwen_faces(registry: FontRegistry) -> None:
    assert "fangsong" in registry.roles and "title" in registry.roles
    assert set(registry.roles_for("modern")) == {"sans", "serif", "kai"}
    assert registry.roles_for("gongwen") == registry.roles


def test_pptx_typefaces_come_from_config(registry: FontRegistry) -> None:
    assert registry.pptx_typefaces(Config()) == ("Microsoft YaHei", "微软雅黑")
    custom = Config(pptx_latin_font="Arial", pptx_ea_font="等线")
    assert registry.pptx_typefaces(custom) == ("Arial", "等线")


def test_a_modern_brief_registers_only_its_own_faces() -> None:
    # Each CJK face costs a parse: a modern brief never loads the 公文 faces.
    registry = FontRegistry.load()
    names = registry.register_reportlab(registry.roles_for("modern"))
    assert set(names) == {"sans", "serif", "kai"}
    assert set(registry._reportlab) == {"sans", "serif", "kai"}
    registry.register_reportlab(registry.roles_for("gongwen"))
    assert set(registry._reportlab) == set(registry.roles)


def test_a_single_weight_face_is_registered_under_both_names() -> None:
    from reportlab.pdfbase import pdfmetrics

    registry = FontRegistry.load()
    regular = registry.reportlab_name("fangsong")
    bold = registry.reportlab_name("fangsong", bold=True)
    assert registry.path("fangsong") == registry.path("fangsong", bold=True)
    # reportlab answers both names with the first font object of the face (one subset)
    assert pdfmetrics.getFont(bold) is pdfmetrics.getFont(regular)
    assert pdfmetrics.getFont(regular).fontName == regular


def test_a_font_reportlab_chokes_on_is_a_font_error(tmp_path: Path) -> None:
    # unitsPerEm = 0: reportlab divides by it; the build must name the file, not crash
    from reportgen.fonts.reportlab_fonts import _register

    data = bytearray((FONTS / "ReportgenSansSC-Regular.ttf").read_bytes())
    with TTFont(FONTS / "ReportgenSansSC-Regular.ttf", lazy=True) as font:
        head = font.reader.tables["head"].offset
    data[head + 18:head + 20] = b"\0\0"
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(bytes(data))
    with pytest.raises(FontError, match=r"bad\.ttf"):
        _register("Reportgen-test-zero-upm", bad)

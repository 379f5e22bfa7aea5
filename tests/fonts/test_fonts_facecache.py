"""reportlab's parsed faces kept between runs: same font, same subsets, never a forged file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from reportgen.fonts import facecache
from reportgen.fonts.files import file_sha256

FONT = Path(__file__).resolve().parents[2] / "fonts" / "ReportgenSerifSC-Regular.ttf"


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(facecache, "_FOLDER", [])
    facecache.use_face_cache(tmp_path / "cache")
    return tmp_path / "cache"


def _stored(cache: Path) -> list[Path]:
    return sorted((cache / "fonts").glob("*.marshal"))


def test_a_cached_face_is_the_parsed_face(cache: Path) -> None:
    digest = file_sha256(FONT)
    parsed = facecache.parsed_font("A", FONT, digest)
    [stored] = _stored(cache)
    cached = facecache.parsed_font("B", FONT, digest)  # from the file just written
    real = TTFont("B", str(FONT))
    assert cached.fontName == "B" and sorted(vars(cached)) == sorted(vars(real))
    for name, value in vars(real.face).items():
        if name != "_pdfScale":
            assert vars(cached.face)[name] == value, name
    assert cached.face._pdfScale(512) == real.face._pdfScale(512)
    text = "平顶山市2020年累计脱贫110334人（约）"
    assert cached.stringWidth(text, 10.5) == real.stringWidth(text, 10.5)
    glyphs = sorted({ord(c) for c in text})
    assert cached.face.makeSubset(glyphs) == real.face.makeSubset(glyphs) \
        == parsed.face.makeSubset(glyphs)  # the PDF embeds the same bytes
    assert stored.stat().st_mode & 0o077 == 0


def test_a_forged_or_damaged_file_is_parsed_again(cache: Path) -> None:
    digest = file_sha256(FONT)
    facecache.parsed_font("A", FONT, digest)
    [stored] = _stored(cache)
    blob = bytearray(stored.read_bytes())
    blob[-10] ^= 0xFF  # the signature no longer matches
    stored.write_bytes(bytes(blob))
    font = facecache.parsed_font("B", FONT, digest)
    assert font.face.numGlyphs > 1000 and font.face.charToGlyph


def test_a_linked_cache_folder_is_not_written_through(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(facecache, "_FOLDER", [])
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "cache").mkdir()
    os.symlink(outside, tmp_path / "cache" / "fonts")
    facecache.use_face_cache(tmp_path / "cache")
    facecache.parsed_font("A", FONT, file_sha256(FONT))
    assert list(outside.iterdir()) == []

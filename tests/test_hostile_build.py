"""Hostile templates and long texts: the build fails with a located error naming the file,
or lays the text out (wrapped, cut with an ellipsis) in bounded time; never a traceback."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hostilehelp import make_world, run, tree


def test_broken_template_deck_is_a_template_error_naming_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, outside = make_world(tmp_path)
    deck = root / "templates" / "deck.pptx"
    deck.parent.mkdir(exist_ok=True)
    with zipfile.ZipFile(deck, "w") as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
    before_out = tree(outside)
    code, text = run(["-C", str(root), "build", "--region", "990000", "--kind", "pptx"], capsys)
    assert code == 1, text
    assert "template deck" in text and "deck.pptx" in text and "cannot be read" in text, text
    assert "make_template_deck.py" in text and "Traceback" not in text, text
    assert not list((root / "output").glob("*.pptx"))
    assert tree(outside) == before_out


def _long_name(root: Path, repeat: int) -> str:
    name = "脱贫人口" * repeat
    path = root / "data" / "indicators" / "core.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",脱贫人口,", f",{name},", 1), encoding="utf-8")
    return name


def test_a_1000_character_indicator_name_is_a_located_error_before_any_build(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, outside = make_world(tmp_path)
    _long_name(root, 250)
    before_out = tree(outside)
    code, text = run(["-C", str(root), "build", "--region", "990100"], capsys)
    assert code == 1 and "Traceback" not in text, text
    assert "data/indicators/core.csv 第" in text and "name 列有1000个字符，超过上限60" in text
    assert not list((root / "output").glob("*.pdf")) and tree(outside) == before_out


def test_very_long_text_that_is_allowed_still_builds_both_outputs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Names are limited by validate; a 9,000-character description is not, and the
    builders cut it in a table cell instead of failing or hanging on it."""
    from pptx import Presentation
    from pypdf import PdfReader

    root, outside = make_world(tmp_path)
    path = root / "data" / "indicators" / "core.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("description")] = "说明" * 4500
    path.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n",
                    encoding="utf-8")
    before_out = tree(outside)
    code, text = run(["-C", str(root), "build", "--region", "990100"], capsys)
    assert code == 0, text
    assert "failed 0" in text and "Traceback" not in text, text
    pdf = PdfReader(root / "output" / "990100-示例市.pdf")
    printed = "".join(page.extract_text() for page in pdf.pages)
    assert "说明说明" in printed and "…" in printed and "说明" * 4500 not in printed
    assert len(Presentation(str(root / "output" / "990100-示例市.pptx")).slides) >= 3
    assert tree(outside) == before_out


def test_pdf_cells_and_labels_are_cut_to_a_few_lines() -> None:
    from reportlab.lib.styles import ParagraphStyle

    from reportgen.builders.pdf.clip import clip

    style = ParagraphStyle("cell", fontName="Helvetica", fontSize=10)
    assert clip("short", style, 100, 3) == "short"
    cut = clip("word " * 5000, style, 100, 3)
    assert cut.endswith("…") and len(cut) < 200


def test_deck_text_fitting_is_bounded_for_very_long_text() -> None:
    from reportgen.builders.pptx.text import EMU_PER_PT, fit_text

    fit = fit_text(["脱贫人口" * 25_000], 200 * EMU_PER_PT, 100 * EMU_PER_PT, max_pt=18,
                   min_pt=10)
    assert fit.size_pt == 10 and fit.paragraphs[0].endswith("…")
    assert len(fit.paragraphs[0]) < 500

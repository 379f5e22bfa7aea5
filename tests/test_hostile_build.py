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

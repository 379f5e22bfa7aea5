"""A bureau's wide table imported, validated to the cell, and built (PDF and deck)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data"))
from importhelp import BOOK, make_book, make_project

from reportgen.cli import main


@pytest.mark.slow
def test_imported_table_builds_and_cites_its_cells(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    make_book(root / BOOK)
    assert main(["-C", str(root), "data", "import", str(root / BOOK)]) == 0
    assert main(["-C", str(root), "validate"]) == 0
    assert main(["-C", str(root), "build", "--region", "410423"]) == 0, capsys.readouterr()
    pdf = root / "output/410423-鲁山县.pdf"
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "工作表“2020年”C5单元格" in text  # the citation names sheet and cell
    assert "鲁山县" in text and "万人" in text
    with zipfile.ZipFile(root / "output/410423-鲁山县.pptx") as deck:
        notes = "".join(deck.read(n).decode("utf-8") for n in deck.namelist()
                        if n.startswith("ppt/notesSlides/"))
    assert "单元格" in notes

"""A qualifier, an inferred period and a doubt mark, end to end: built PDF and deck read back
with the real clients (pdftotext, python-pptx), not the report model."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from reportgen.cli import main

SAMPLE = Path(__file__).resolve().parents[1] / "projects" / "report-tiny"
HEADER = "region_code,indicator_id,period,value,unit,source_id,quote,note,flag,qualifier," \
         "period_basis,period_phrase\n"

pytestmark = pytest.mark.slow


def deck_texts(path: Path) -> str:
    """Every text of a deck: shapes, tables, chart XML (labels, categories) and notes."""
    out: list[str] = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                out.append(shape.text_frame.text)
            if shape.has_table:
                out += [cell.text for row in shape.table.rows for cell in row.cells]
            if shape.has_chart:
                out.append(shape.chart.part.blob.decode("utf-8"))
        if slide.has_notes_slide:
            out.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(out)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("faithful") / "project"
    shutil.copytree(SAMPLE, root)
    obs = root / "data" / "observations" / "pds.csv"
    lines = obs.read_text(encoding="utf-8").splitlines()[1:]
    rows = []
    for line in lines:
        extra = ",,,"
        if line.startswith("410400,poverty_exit_persons,2020,"):
            line = line.replace("21300人", "21300余人")
            extra = ",余,,"
        if line.startswith("410400,first_secretaries,"):
            extra = ",,inferred,五年来"
        rows.append(line + extra)
    obs.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    assert main(["-C", str(root), "build", "--region", "410400"]) == 0
    return root / "output"


def test_pdf_text_keeps_qualifier_and_time_words(built: Path) -> None:
    pdf = next(built.glob("410400-*.pdf"))
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "21300余人" in text  # table and sentence
    assert "约110334" in text  # a sum with an approximate part is approximate
    assert "21300余" in text.replace("\n", "")  # chart label (vector text)
    assert "五年来" in text and "截至2021年底" not in text  # an inferred period is no date


def test_deck_text_keeps_qualifier_and_time_words(built: Path) -> None:
    deck = next(built.glob("410400-*.pptx"))
    text = deck_texts(deck)
    assert "21300余" in text and "约110334" in text
    assert "五年来" in text and "截至2021年底" not in text

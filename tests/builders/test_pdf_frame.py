"""No text past the type area: every line of every shipped PDF, both styles, measured
with poppler's ``pdftotext -bbox-layout`` against the frame of its style."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from reportgen.builders.pdf.styles import make_style

REPO = Path(__file__).resolve().parents[2]
XHTML = "{http://www.w3.org/1999/xhtml}"
TOLERANCE = 0.5  # points: glyph side bearings and rounding in poppler's boxes


def lines_past(pdf: Path, left: float, right: float) -> list[str]:
    """Every text line whose box reaches past ``left`` or ``right`` (points)."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out))
    bad = []
    for number, page in enumerate(root.iter(f"{XHTML}page"), start=1):
        for line in page.iter(f"{XHTML}line"):
            x0, x1 = float(line.get("xMin", 0)), float(line.get("xMax", 0))
            if x1 > right + TOLERANCE or x0 < left - TOLERANCE:
                text = "".join(w.text or "" for w in line.iter(f"{XHTML}word"))
                bad.append(f"{pdf.name} p{number}: {x0:.1f}–{x1:.1f} {text[:40]}")
    return bad


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
@pytest.mark.parametrize("style", ["modern", "gongwen"])
def test_no_line_of_a_shipped_pdf_runs_past_the_frame(style: str, tmp_path: Path) -> None:
    project_dir = tmp_path / "p"
    shutil.copytree(REPO, project_dir, ignore=shutil.ignore_patterns(
        ".venv", ".git", "output", ".reportgen", "*.egg-info", "tests", "docs"))
    subprocess.run([sys.executable, "-m", "reportgen", "-C", str(project_dir), "build",
                    "--kind", "pdf", "--style", style], check=True, capture_output=True)
    frame = make_style(style, {"serif": "Helvetica"})
    left, right = frame.left, frame.left + frame.frame_width
    pdfs = sorted((project_dir / "output").glob("*.pdf"))
    assert len(pdfs) >= 5
    assert [line for pdf in pdfs for line in lines_past(pdf, left, right)] == []

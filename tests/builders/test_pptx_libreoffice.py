"""A real client: LibreOffice headless opens the deck and renders its Chinese text."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pptx_deck_sample import city_report

from reportgen.builders.pptx.builder import render_deck
from reportgen.config import Config, Project

REPO = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                       reason="needs LibreOffice (soffice) and poppler (pdftotext)"),
]


def _convert(deck: Path, tmp_path: Path) -> Path:
    profile = (tmp_path / "lo").as_uri()  # private profile: parallel runs do not clash
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(deck)],
        capture_output=True, text=True, timeout=180, check=False)
    pdf = tmp_path / (deck.stem + ".pdf")
    assert result.returncode == 0 and pdf.is_file(), result.stdout + result.stderr
    return pdf


def test_libreoffice_converts_the_deck_with_its_chinese_text(tmp_path: Path) -> None:
    report = city_report()
    deck = tmp_path / "410400.pptx"
    deck.write_bytes(render_deck(report, Project(REPO, Config())))
    pdf = _convert(deck, tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    squeezed = "".join(text.split())
    for expected in (report.title, "核心指标", "累计脱贫户数", "三年累计脱贫11.03万人",
                     "年度脱贫人口（万人）", "年度脱贫情况", "数据来源", "806"):
        assert expected in squeezed, expected
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    pages = int(next(ln.split()[-1] for ln in info.splitlines() if ln.startswith("Pages:")))
    from pptx import Presentation

    assert pages == len(Presentation(str(deck)).slides)

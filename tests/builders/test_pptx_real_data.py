"""Every deck of the repository's own data keeps the deck invariants (resolver → builder)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from reportgen.builders.pptx.builder import render_deck
from reportgen.config import load_project

REPO = Path(__file__).resolve().parents[2]
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _reports():  # type: ignore[no-untyped-def]
    from reportgen.data.load import load_valid_dataset
    from reportgen.report.resolve import buildable_regions, resolve_report

    project = load_project(REPO)
    dataset = load_valid_dataset(project)
    return project, [resolve_report(dataset, project, c)
                     for c in buildable_regions(dataset, project)]


@pytest.mark.slow
def test_repository_decks_keep_the_invariants() -> None:
    project, reports = _reports()
    assert reports
    for report in reports:
        data = render_deck(report, project)
        prs = Presentation(io.BytesIO(data))
        charts = sum(1 for s in prs.slides for sh in s.shapes if sh.has_chart)
        assert charts == sum(1 for sec in report.sections for c in sec.charts if c.kind != "kpi")
        for slide in prs.slides:
            assert slide.notes_slide.notes_text_frame.text.strip()
            for shape in slide.shapes:
                assert shape.left >= 0 and shape.top >= 0
                assert shape.left + shape.width <= prs.slide_width
                assert shape.top + shape.height <= prs.slide_height
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for name in z.namelist():
                if name.endswith(".xml") and ("slides/" in name or "charts/" in name):
                    root = etree.fromstring(z.read(name))
                    for props in root.iter(A + "rPr", A + "defRPr", A + "endParaRPr"):
                        assert props.find(A + "ea") is not None, (report.region.code, name)
        assert render_deck(report, project) == data

"""output/citations.json: the data rows behind every citation, kept out of the briefs."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from publishhelp import make_project, set_value

from reportgen.cli import main

pytestmark = pytest.mark.slow


def run(root: Path, *args: str) -> int:
    return main(["-C", str(root), *args])


def sidecar(root: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    data = json.loads((root / "output" / "citations.json").read_text(encoding="utf-8"))
    return {r["region_code"]: r for r in data["regions"]}


def test_every_citation_names_its_data_row_and_follows_rebuilds(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    assert run(root, "build", "--kind", "pdf") == 0
    regions = sidecar(root)
    smx = regions["411200"]
    assert smx["outputs"] == ["411200-三门峡市.pdf"]
    assert smx["citations"] and all(c["row"].startswith("data/observations/mini.csv:")
                                    for c in smx["citations"])
    assert all(c["quote"] and c["source_id"] for c in smx["citations"])
    before = (root / "output" / "citations.json").read_bytes()
    assert run(root, "build", "--kind", "pdf") == 0  # no-op: same bytes
    assert (root / "output" / "citations.json").read_bytes() == before
    # a warning on one region: its entry lists the rows and the fix, other entries are kept
    set_value(root, "411200", "deep_poor_villages", "400")
    assert run(root, "build", "--kind", "pdf") == 0
    checks = sidecar(root)["411200"]["checks"]
    assert any(c["hint"] and c["rows"] and c["marked"] for c in checks)
    pdf = root / "output" / "411200-三门峡市.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "数据核查" in text and "mini.csv" not in text and "data/" not in text

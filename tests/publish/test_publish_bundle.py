"""The bundle PDF: one outline, page labels per region, each face subset once; checked
with qpdf --check and pdffonts; rebuilt only when a member changes."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from publishhelp import make_project, set_value

from reportgen.config import load_project
from reportgen.pipeline.driver import BuildOptions, run_build
from reportgen.pipeline.progress import Reporter
from reportgen.publish.hook import Publisher

pytestmark = pytest.mark.slow
BUNDLE = "汇编-全部简报.pdf"


def build(root: Path) -> str:
    log = io.StringIO()
    run_build(load_project(root), BuildOptions(), Reporter(io.StringIO()),
              hook=Publisher(Reporter(log)))
    return log.getvalue()


def tool(*args: str) -> str:
    if shutil.which(args[0]) is None:
        pytest.skip(f"{args[0]} is not installed")
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def test_bundle_is_valid_with_one_outline_labels_and_fonts_once(tmp_path: Path) -> None:
    from pypdf import PdfReader

    root = make_project(tmp_path / "p", "[bundle]\nenabled = true\n")
    assert "built bundle" in build(root)
    path = root / "output" / BUNDLE
    tool("qpdf", "--check", str(path))
    rows = tool("pdffonts", str(path)).splitlines()[2:]
    names = [r.split()[0] for r in rows]
    assert names and len(names) == len(set(names)), names  # every face (piece) once
    assert all(r.split()[-5] == "yes" for r in rows)  # embedded
    assert not any("Type 3" in r for r in rows)
    reader = PdfReader(path)
    members = [PdfReader(root / "output" / n) for n in
               ("410000-河南省.pdf", "410400-平顶山市.pdf", "411200-三门峡市.pdf")]
    assert len(reader.pages) == sum(len(m.pages) for m in members)
    labels = [reader.page_labels[i] for i in range(len(reader.pages))]
    first = len(members[0].pages)
    assert labels[0] == "410000 河南省-1" and labels[first] == "410400 平顶山市-1"
    top = [o.title for o in reader.outline if not isinstance(o, list)]
    assert top == ["410000 河南省", "410400 平顶山市", "411200 三门峡市"]  # province first
    second = reader.pages[first + 1].extract_text()
    pages = len(members[1].pages)
    assert f"第 2 页 / 共 {pages} 页" in second and "平顶山市" in second


def test_bundle_rebuilt_only_when_a_member_changes(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", "[bundle]\nenabled = true\n")
    build(root)
    before = (root / "output" / BUNDLE).read_bytes()
    assert "built bundle" not in build(root)
    set_value(root, "411200", "poverty_incidence", "2.23")
    assert "built bundle" in build(root)
    assert (root / "output" / BUNDLE).read_bytes() != before
    (root / "output" / BUNDLE).write_bytes(b"edited by hand")
    assert "built bundle" in build(root)


def test_no_bundle_unless_enabled(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    build(root)
    assert not (root / "output" / BUNDLE).exists()

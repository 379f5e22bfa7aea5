"""Incremental builds end to end on a tiny project (real builders, real files)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from reportgen.config import load_project
from reportgen.data.load import load_valid_dataset
from reportgen.pipeline import worker
from reportgen.pipeline.atomic import sha256_file
from reportgen.pipeline.driver import BuildOptions, BuildResult, run_build
from reportgen.pipeline.progress import Reporter
from reportgen.report.resolve import report_inputs

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "projects" / "build-mini"

pytestmark = pytest.mark.slow


def make_project(dest: Path) -> Path:
    shutil.copytree(MINI, dest)
    # the shipped specs name indicators from every curated source
    shutil.copytree(REPO / "data" / "indicators", dest / "data" / "indicators")
    shutil.copytree(REPO / "templates", dest / "templates")
    shutil.copytree(REPO / "fonts", dest / "fonts")
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "proj")


def build(root: Path, **options: object) -> BuildResult:
    return run_build(load_project(root), BuildOptions(**options),  # type: ignore[arg-type]
                     Reporter(io.StringIO()))


def built(result: BuildResult) -> set[str]:
    return {j.path for j in result.built}


def hashes(root: Path) -> dict[str, str]:
    return {p.name: sha256_file(p) for p in sorted((root / "output").iterdir())
            if p.suffix in (".pdf", ".pptx")}


def set_value(root: Path, region: str, indicator: str, value: str) -> None:
    path = root / "data" / "observations" / "mini.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        cells = line.split(",")
        if cells[0] == region and cells[1] == indicator:
            cells[3] = value
            lines[i] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_second_build_rebuilds_nothing(project: Path) -> None:
    first = build(project)
    assert first.exit_code == 0 and len(first.built) == 6
    second = build(project)
    assert second.built == [] and len(second.skipped) == 6
    manifest = json.loads((project / "output" / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["outputs"]:
        assert sha256_file(project / "output" / entry["path"]) == entry["sha256"]


def test_one_city_row_rebuilds_only_what_uses_it(built_project: Path) -> None:
    project = built_project  # as a clean build left it
    set_value(project, "411200", "poverty_incidence", "2.23")
    result = build(project)
    expected = {"411200-三门峡市.pdf", "411200-三门峡市.pptx"}
    dataset = load_valid_dataset(load_project(project))
    province_uses = any(o.region_code == "411200" and o.indicator_id == "poverty_incidence"
                        for o in report_inputs(dataset, load_project(project), "410000"))
    if province_uses:
        expected |= {"410000-河南省.pdf", "410000-河南省.pptx"}
    assert built(result) == expected
    assert all("data changed" in j.reason for j in result.built)


def test_font_change_rebuilds_everything(built_project: Path) -> None:
    project = built_project  # as a clean build left it
    font = next(p for p in sorted((project / "fonts").rglob("*")) if p.suffix == ".ttf")
    font.write_bytes(font.read_bytes())  # same bytes: nothing to do
    assert build(project).built == []
    with font.open("ab") as handle:
        handle.write(b"\0\0\0\0")  # a different file (glyf tables untouched)
    assert len(build(project).built) == 6


def test_spec_change_rebuilds_only_what_uses_it(built_project: Path) -> None:
    project = built_project  # as a clean build left it
    spec = project / "templates" / "brief-city.toml"
    spec.write_text(spec.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    result = build(project)
    assert built(result) == {"410400-平顶山市.pdf", "410400-平顶山市.pptx",
                             "411200-三门峡市.pdf", "411200-三门峡市.pptx"}
    assert all(j.reason == "templates changed" for j in result.built)
    from pptx import Presentation

    deck = Presentation(str(project / "templates" / "deck.pptx"))
    deck.core_properties.subject = "our bureau's template"  # a different, valid deck
    deck.save(str(project / "templates" / "deck.pptx"))
    result = build(project)
    assert {j.kind for j in result.built} == {"pptx"} and len(result.built) == 3


def test_two_clean_builds_are_byte_identical(built_mini: Path, tmp_path: Path) -> None:
    one, two = built_mini, make_project(tmp_path / "b")  # built_mini: a clean build too
    build(two)
    assert hashes(one) == hashes(two) and len(hashes(one)) == 6


def test_failing_region_keeps_previous_files(built_project: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    project = built_project  # as a clean build left it
    before = hashes(project)
    real = worker.make_builder

    class Exploding:
        def __init__(self, kind: str) -> None:
            self.inner = real(kind)
            self.kind, self.suffix = self.inner.kind, self.inner.suffix

        def build(self, report, context, dest):  # type: ignore[no-untyped-def]
            if report.region.code == "411200":
                dest.write_bytes(b"half a file")
                raise RuntimeError("renderer crashed")
            self.inner.build(report, context, dest)

    monkeypatch.setattr(worker, "make_builder", Exploding)
    (project / "reportgen.toml").write_text('issuer = "另一个局"\n', encoding="utf-8")
    result = build(project)
    assert result.exit_code == 1
    assert {r.job.region_code for r in result.failed} == {"411200"}
    after = hashes(project)
    assert after["411200-三门峡市.pdf"] == before["411200-三门峡市.pdf"]
    assert after["410400-平顶山市.pdf"] != before["410400-平顶山市.pdf"]
    manifest = json.loads((project / "output" / "manifest.json").read_text(encoding="utf-8"))
    failed = [e for e in manifest["outputs"] if e["status"] == "failed"]
    assert {e["region_code"] for e in failed} == {"411200"}
    assert "renderer crashed" in failed[0]["error"]
    monkeypatch.setattr(worker, "make_builder", real)
    assert {j.region_code for j in build(project).built} == {"411200"}


def test_bad_data_stops_the_build_and_keeps_every_file(built_project: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    from reportgen.cli import main

    project = built_project  # as a clean build left it
    before = hashes(project)
    manifest = (project / "output" / "manifest.json").read_bytes()
    set_value(project, "411200", "poverty_incidence", "约2.2")
    data_before = (project / "data" / "observations" / "mini.csv").read_bytes()
    assert main(["-C", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert "data/observations/mini.csv" in err and "value" in err and "约2.2" in err
    assert hashes(project) == before
    assert (project / "output" / "manifest.json").read_bytes() == manifest
    assert (project / "data" / "observations" / "mini.csv").read_bytes() == data_before


def cli(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "reportgen", "-C", str(root), "build", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def assert_outputs_whole(root: Path) -> None:
    for path in (root / "output").iterdir():
        if path.name == "changes" and path.is_dir():  # change reports (reportgen.publish)
            assert all(p.suffix in (".md", ".html") for p in path.iterdir()), path
            continue
        data = path.read_bytes()
        if path.suffix == ".pdf":
            assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"), path
        elif path.suffix == ".pptx":
            with zipfile.ZipFile(path) as archive:
                assert archive.testzip() is None
        elif path.name in ("manifest.json", "citations.json"):
            json.loads(data)
        else:
            raise AssertionError(f"unexpected file in output/: {path.name}")


def test_concurrent_builds_do_not_corrupt(project: Path) -> None:
    first, second = cli(project, "--force"), cli(project, "--force")
    outs = [p.communicate(timeout=600)[0] for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, outs
    assert_outputs_whole(project)
    manifest = json.loads((project / "output" / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["outputs"]:
        assert sha256_file(project / "output" / entry["path"]) == entry["sha256"]


def test_killed_build_leaves_no_partial_file(project: Path) -> None:
    proc = cli(project)
    tmp = project / ".reportgen" / "tmp"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (tmp.is_dir() and any(tmp.iterdir())):
        if proc.poll() is not None:  # it ended (or crashed) before staging: do not wait on
            break
        time.sleep(0.02)
    proc.kill()
    proc.communicate()
    if (project / "output").exists():
        assert_outputs_whole(project)
    assert build(project).exit_code == 0  # the next build recovers
    assert_outputs_whole(project)


def test_noop_build_imports_nothing_heavy(built_project: Path) -> None:
    project = built_project  # as a clean build left it
    code = (
        "import sys; from reportgen.cli import main; "
        f"rc = main(['-C', {str(project)!r}, 'build']); "
        "heavy = [m for m in ('matplotlib', 'reportlab', 'pptx') if m in sys.modules]; "
        "print(rc, heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "0 []"

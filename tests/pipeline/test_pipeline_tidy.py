"""Housekeeping at the start of a build: leftovers of a kill, retired outputs, full disks."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pipelinehelp import build, make_project, tree_hash

from reportgen.cli import main
from reportgen.pipeline import atomic
from reportgen.pipeline.manifest import Manifest, ManifestEntry
from reportgen.pipeline.tidy import retire, retire_stale

pytestmark = pytest.mark.slow


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "proj")


def drop_region(root: Path, code: str) -> None:
    for rel in ("data/regions.csv", "data/observations/mini.csv"):
        path = root / rel
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join(x for x in lines if not x.startswith(code + ",")) + "\n",
                        encoding="utf-8")


def manifest_paths(root: Path) -> list[str]:
    payload = json.loads((root / "output" / "manifest.json").read_text(encoding="utf-8"))
    return [e["path"] for e in payload["outputs"]]


def test_removed_region_outputs_are_retired_and_dropped(built_project: Path) -> None:
    project = built_project  # as a clean build (exit 0) left it
    gone = (project / "output" / "411200-三门峡市.pdf").read_bytes()
    drop_region(project, "411200")
    data_before = tree_hash(project / "data")
    log = io.StringIO()
    assert build(project, log).exit_code == 0
    out = project / "output"
    assert sorted(p.name for p in out.glob("*.p*")) == [
        "410000-河南省.pdf", "410000-河南省.pptx", "410400-平顶山市.pdf", "410400-平顶山市.pptx"]
    assert (out / ".retired" / "411200-三门峡市.pdf").read_bytes() == gone
    assert (out / ".retired" / "411200-三门峡市.pptx").is_file()
    assert not any(p.startswith("411200") for p in manifest_paths(project))
    assert "retired 411200-三门峡市.pdf" in log.getvalue()
    assert tree_hash(project / "data") == data_before


def test_renamed_region_retires_its_old_file(project: Path) -> None:
    assert build(project, kinds=("pdf",)).exit_code == 0
    regions = project / "data" / "regions.csv"
    regions.write_text(regions.read_text(encoding="utf-8").replace("三门峡市", "三门峡"),
                       encoding="utf-8")
    assert build(project, kinds=("pdf",)).exit_code == 0
    out = project / "output"
    assert (out / "411200-三门峡.pdf").is_file()
    assert not (out / "411200-三门峡市.pdf").exists()
    assert (out / ".retired" / "411200-三门峡市.pdf").is_file()
    assert sorted(manifest_paths(project)) == ["410000-河南省.pdf", "410400-平顶山市.pdf",
                                               "411200-三门峡.pdf"]


def test_hostile_manifest_paths_never_leave_output(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    out = root / "output"
    (root / "data").mkdir(parents=True)
    out.mkdir()
    (root / "data" / "regions.csv").write_text("precious", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (out / ".retired").symlink_to(outside, target_is_directory=True)
    (out / "a.pdf").write_bytes(b"old")
    manifest = Manifest()
    for code, rel in (("1", "../data/regions.csv"), ("2", "/etc/hostname"), ("3", "a.pdf"),
                      ("4", ".retired")):
        manifest.put(ManifestEntry(code, "x", "pdf", rel, "", ""))
    lines = retire_stale(manifest, out, list(manifest.outputs))
    assert len(lines) == 4 and manifest.outputs == []
    assert (root / "data" / "regions.csv").read_text(encoding="utf-8") == "precious"
    assert list(outside.iterdir()) == []
    assert (out / ".retired").is_dir() and not (out / ".retired").is_symlink()
    assert (out / ".retired" / "a.pdf").read_bytes() == b"old"
    assert not retire(out, "a.pdf")  # already moved


def test_kill_leftovers_are_removed_by_the_next_build(project: Path) -> None:
    assert build(project, kinds=("pptx",)).exit_code == 0
    out = project / "output"
    (out / ".410000-河南省.pptx.partial").write_bytes(b"half a deck")
    cache = project / ".reportgen" / "cache"
    (cache / ".dataset.abc.tmp").write_bytes(b"half a pickle")
    (project / ".reportgen" / "tmp").mkdir(exist_ok=True)
    (project / ".reportgen" / "tmp" / "x.pdf").write_bytes(b"half")
    log = io.StringIO()
    assert build(project, log, kinds=("pptx",)).exit_code == 0
    assert not list(out.glob(".*.partial")) and not list(cache.rglob(".*.tmp"))
    assert not list((project / ".reportgen" / "tmp").iterdir())
    assert "removed output/.410000-河南省.pptx.partial" in log.getvalue()


def test_state_folder_deleted_between_builds(project: Path) -> None:
    assert build(project, kinds=("pptx",)).exit_code == 0
    shutil.rmtree(project / ".reportgen")
    again = build(project, kinds=("pptx",))
    assert again.exit_code == 0 and again.built == [] and len(again.skipped) == 3


def test_full_output_disk_is_a_located_error_and_keeps_outputs(
        project: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert build(project, kinds=("pptx",)).exit_code == 0
    before = tree_hash(project / "output")
    real = atomic.os.replace

    def other_fs(src: str, dst: str) -> None:
        if Path(src).parent.name == "tmp":
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real(src, dst)

    def full(src: object, dst: io.BufferedWriter, length: int = 0) -> None:
        dst.write(b"PK")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", other_fs)
    monkeypatch.setattr(atomic.shutil, "copyfileobj", full)
    code = main(["-C", str(project), "build", "--kind", "pptx", "--force"])
    captured = capsys.readouterr()
    assert code == 1
    assert "output/manifest.json：无法写入（No space left on device）" in captured.err
    assert "FAILED 410000-河南省.pptx: output/410000-河南省.pptx：无法写入" in captured.out
    assert "Traceback" not in captured.err + captured.out
    assert tree_hash(project / "output") == before  # no .partial, nothing replaced


UNSHARE = shutil.which("unshare")


@pytest.mark.skipif(not (sys.platform.startswith("linux") and UNSHARE), reason="needs unshare")
def test_real_full_and_read_only_output_folders(project: Path) -> None:
    """A 64 KiB tmpfs as output/ (full at once), then read-only, in a private mount space."""
    script = (
        "set -e; mount -t tmpfs -o size=64k tmpfs output; "
        f"{sys.executable} -m reportgen build --kind pdf > full.log 2>&1 || echo $? > full.rc; "
        "ls -a output > full.ls; touch output/keep; mount -o remount,ro output; "
        f"{sys.executable} -m reportgen build --kind pdf > ro.log 2>&1 || echo $? > ro.rc; "
        "ls -a output > ro.ls"
    )
    (project / "output").mkdir()
    probe = subprocess.run([UNSHARE or "unshare", "-rm", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("no private mount namespace here")
    subprocess.run([UNSHARE or "unshare", "-rm", "sh", "-c", script], cwd=project, check=True,
                   timeout=300)
    for run in ("full", "ro"):
        text = (project / f"{run}.log").read_text(encoding="utf-8")
        assert (project / f"{run}.rc").read_text().strip() == "1", text
        assert "Traceback" not in text and "无法写入" in text, text
        listing = (project / f"{run}.ls").read_text(encoding="utf-8").split()
        assert not [n for n in listing if n.endswith(".partial")], listing
    assert "只读" in (project / "ro.log").read_text(encoding="utf-8")


def cli_build(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "reportgen", "-C", str(root), "build", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wait_for_staging(root: Path, proc: subprocess.Popen[str]) -> None:
    tmp = root / ".reportgen" / "tmp"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if tmp.is_dir() and any(tmp.iterdir()):
            return
        time.sleep(0.01)
    raise AssertionError("the build never staged a file")


def test_kill_9_of_a_jobs_2_build_then_the_next_build_succeeds_at_once(project: Path) -> None:
    proc = cli_build(project, "--jobs", "2")
    wait_for_staging(project, proc)
    proc.kill()
    proc.communicate()
    started = time.monotonic()
    log = io.StringIO()
    result = build(project, log, lock_timeout=20.0)
    assert result.exit_code == 0, log.getvalue()
    assert "waiting for another build" not in log.getvalue()  # no orphan holds the lock
    assert time.monotonic() - started < 60
    assert not list((project / "output").glob(".*.partial"))


def test_removing_the_state_folder_during_a_build_still_serialises(project: Path) -> None:
    first = cli_build(project)
    wait_for_staging(project, first)
    shutil.rmtree(project / ".reportgen", ignore_errors=True)  # `rm -rf .reportgen`
    second = cli_build(project)
    out_first, out_second = first.communicate(timeout=300)[0], second.communicate(timeout=300)[0]
    # the job whose staged file was deleted fails, located; the second build redoes it
    assert first.returncode in (0, 1) and second.returncode == 0, (out_first, out_second)
    assert "Traceback" not in out_first and "Error" not in out_first, out_first
    if first.returncode == 1:
        assert ".reportgen/tmp/" in out_first and "被删除" in out_first, out_first
    assert "waiting for another build" in out_second
    for entry in json.loads((project / "output" / "manifest.json").read_text("utf-8"))["outputs"]:
        data = (project / "output" / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]


def test_files_and_links_in_place_of_state_folders_are_replaced(project: Path,
                                                                tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    state = project / ".reportgen"
    state.mkdir()
    (state / "cache").write_text("not a folder", encoding="utf-8")
    (state / "tmp").write_text("not a folder", encoding="utf-8")
    (state / "logs").symlink_to(outside, target_is_directory=True)
    log = io.StringIO()
    assert build(project, log, kinds=("pdf",)).exit_code == 0, log.getvalue()
    assert all((state / n).is_dir() and not (state / n).is_symlink() for n in ("cache", "tmp"))
    logs = state / "logs"  # the link is removed; the build may make its own folder there
    assert not logs.is_symlink() and (not logs.exists() or logs.is_dir())
    assert list(outside.iterdir()) == []

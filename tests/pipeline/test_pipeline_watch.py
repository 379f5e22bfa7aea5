from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from reportgen.config import load_project
from reportgen.pipeline.watch import is_relevant, watch_project

REPO = Path(__file__).resolve().parents[2]


def test_only_inputs_are_relevant(tmp_path: Path) -> None:
    project = load_project(tmp_path)
    root = project.root
    assert is_relevant(project, root / "data" / "observations" / "a.csv")
    assert is_relevant(project, root / "templates" / "brief-city.toml")
    assert is_relevant(project, root / "fonts" / "x.ttf")
    assert is_relevant(project, root / "reportgen.toml")
    assert not is_relevant(project, root / "output" / "manifest.json")
    assert not is_relevant(project, root / ".reportgen" / "tmp" / "x.pdf")
    assert not is_relevant(project, root / "data" / "~$observations.xlsx")
    assert not is_relevant(project, root / "data" / ".obs.csv.swp")


@pytest.mark.slow
def test_watch_rebuilds_after_a_data_change(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    shutil.copytree(REPO / "tests" / "projects" / "build-mini", root)
    shutil.copytree(REPO / "data" / "indicators", root / "data" / "indicators")
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "fonts", root / "fonts")
    stop = threading.Event()
    builds: list[int] = []
    built_once = threading.Event()
    rebuilt = threading.Event()

    def on_build(code: int) -> None:
        builds.append(code)
        (rebuilt if len(builds) > 1 else built_once).set()

    thread = threading.Thread(target=watch_project, args=(load_project(root),),
                              kwargs={"debounce": 0.2, "stop": stop, "on_build": on_build})
    thread.start()
    try:
        assert built_once.wait(300)
        before = (root / "output" / "411200-三门峡市.pdf").stat().st_mtime_ns
        untouched = (root / "output" / "410400-平顶山市.pdf").stat().st_mtime_ns
        obs = root / "data" / "observations" / "mini.csv"
        obs.write_text(obs.read_text(encoding="utf-8").replace("2.22,%", "2.23,%"),
                       encoding="utf-8")
        assert rebuilt.wait(300)
    finally:
        stop.set()
        thread.join(60)
    assert builds == [0, 0]
    assert (root / "output" / "411200-三门峡市.pdf").stat().st_mtime_ns != before
    assert (root / "output" / "410400-平顶山市.pdf").stat().st_mtime_ns == untouched


def test_toml_typo_is_reported_and_the_old_config_kept(tmp_path: Path) -> None:
    import io

    from reportgen.config import load_project
    from reportgen.pipeline import watch as watch_module
    from reportgen.pipeline.progress import Reporter

    (tmp_path / "reportgen.toml").write_text('style = "modern"\n', encoding="utf-8")
    project = load_project(tmp_path)
    (tmp_path / "reportgen.toml").write_text("style = = modern\n", encoding="utf-8")
    out = io.StringIO()
    kept, code = watch_module._reload_and_build(project, 1, Reporter(out))
    assert code == 2 and kept is project
    assert "reportgen.toml" in out.getvalue() and "still watching" in out.getvalue()


def test_unexpected_exception_in_a_rebuild_is_logged_and_survived(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from reportgen.config import load_project
    from reportgen.pipeline import watch as watch_module
    from reportgen.pipeline.progress import Reporter

    def boom(*_a: object, **_k: object) -> None:
        raise ValueError("year 0 is out of range")

    monkeypatch.setattr(watch_module, "run_build", boom)
    out = io.StringIO()
    assert watch_module._build_once(load_project(tmp_path), 1, Reporter(out)) == 1
    assert "ValueError: year 0 is out of range" in out.getvalue()
    assert (tmp_path / ".reportgen" / "logs" / "watch.log").is_file()


HOLD = """
import sys, time
from pathlib import Path
from reportgen.pipeline.lock import ProjectLock
root = Path(sys.argv[1])
ProjectLock(root / ".reportgen" / "build.lock", anchor=root).acquire()
print("held", flush=True)
sys.stdin.readline()
"""


@pytest.mark.slow
def test_watch_waits_for_a_running_build(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = tmp_path / "proj"
    shutil.copytree(REPO / "tests" / "projects" / "build-mini", root)
    shutil.copytree(REPO / "data" / "indicators", root / "data" / "indicators")
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "fonts", root / "fonts")
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(root)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)  # stands for `reportgen build`
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    stop, done = threading.Event(), threading.Event()
    builds: list[int] = []

    def on_build(code: int) -> None:
        builds.append(code)
        done.set()

    thread = threading.Thread(target=watch_project, args=(load_project(root),),
                              kwargs={"debounce": 0.2, "stop": stop, "on_build": on_build})
    thread.start()
    try:
        assert not done.wait(2.0)  # the watcher's build waits for the lock
        assert not (root / "output").exists()
        holder.communicate("\n", timeout=30)  # the other build finishes
        assert done.wait(300)
    finally:
        stop.set()
        thread.join(60)
        if holder.poll() is None:
            holder.kill()
            holder.wait()
    assert builds == [0]
    assert len(list((root / "output").glob("*.pdf"))) == 3

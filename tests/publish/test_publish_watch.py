"""``reportgen watch`` publishes after every rebuild: changes and failures, each once."""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path

import pytest
from publishhelp import Hooks, make_project, set_value

from reportgen.config import load_project
from reportgen.pipeline.progress import Reporter
from reportgen.pipeline.watch import watch_project
from reportgen.publish.hook import Publisher

pytestmark = pytest.mark.slow


def wait_for(condition, seconds: float = 120) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_watch_delivers_changes_and_failures(tmp_path: Path,
                                             http_server: tuple[Hooks, int]) -> None:
    hooks, port = http_server
    root = make_project(tmp_path / "p",
                        f'[[delivery.webhook]]\nurl = "http://127.0.0.1:{port}/h"\n')
    stop = threading.Event()
    builds: list[int] = []
    thread = threading.Thread(target=watch_project, args=(load_project(root),), kwargs={
        "debounce": 0.2, "stop": stop, "on_build": builds.append,
        "hook": Publisher(Reporter(io.StringIO()))})
    thread.start()
    try:
        assert wait_for(lambda: len(hooks.posts) == 1)  # the first build
        set_value(root, "411200", "poverty_incidence", "2.23")
        assert wait_for(lambda: len(hooks.posts) == 2)
        assert hooks.posts[1]["event"]["data_rows"][0]["new"] == "2.23%"
        set_value(root, "411200", "poverty_incidence", "约2")
        assert wait_for(lambda: len(hooks.posts) == 3)
        assert hooks.posts[2]["event"]["result"] == "failed"
    finally:
        stop.set()
        thread.join(60)
    assert builds == [0, 0, 1]

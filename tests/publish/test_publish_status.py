"""``reportgen status``: exit code for monitoring, stale outputs, data changes, deliveries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from publishhelp import Hooks, free_port, make_project, set_value

from reportgen.cli import main

pytestmark = pytest.mark.slow


def status(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:  # type: ignore[type-arg]
    capsys.readouterr()
    code = main(["-C", str(root), "status", "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_status_follows_builds_data_and_deliveries(
        tmp_path: Path, http_server: tuple[Hooks, int],
        capsys: pytest.CaptureFixture[str]) -> None:
    _, port = http_server
    toml = (f'[[delivery.webhook]]\nurl = "http://127.0.0.1:{port}/h"\nformat = "json"\n'
            f'[[delivery.webhook]]\nurl = "http://127.0.0.1:{free_port()}/down"\n')
    root = make_project(tmp_path / "p", toml)
    code, before = status(root, capsys)
    assert code == 1 and before["last_build"] is None and len(before["stale"]) == 6
    assert main(["-C", str(root), "build"]) == 0
    code, ok = status(root, capsys)
    assert ok["last_build"]["result"] == "ok" and ok["stale"] == []
    assert not ok["data_changed"] and code == 0
    results = sorted(d["ok"] for d in ok["deliveries"])
    assert results == [False, True] and ok["pending"] == 1
    set_value(root, "411200", "poverty_incidence", "2.23")
    code, changed = status(root, capsys)
    assert code == 1 and changed["data_changed"]
    assert {s["path"] for s in changed["stale"]} == {"411200-三门峡市.pdf", "411200-三门峡市.pptx"}
    assert all(s["reason"] == "data changed" for s in changed["stale"])
    set_value(root, "411200", "poverty_incidence", "约2")
    assert main(["-C", str(root), "build"]) == 1
    code, failed = status(root, capsys)
    assert code == 1 and failed["last_build"]["result"] == "failed" and failed["data_error"]
    capsys.readouterr()
    assert main(["-C", str(root), "status"]) == 1
    text = capsys.readouterr().out
    assert "last build:" in text and "FAILED" in text and "status: NEEDS ATTENTION" in text

"""Delivery end to end: real builds, a real SMTP server (aiosmtpd), a real HTTP server."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from publishhelp import Hooks, MailBox, free_port, make_project, set_value

from reportgen.config import load_project
from reportgen.pipeline import worker
from reportgen.pipeline.atomic import sha256_file
from reportgen.pipeline.driver import BuildOptions, BuildResult, run_build
from reportgen.pipeline.progress import Reporter
from reportgen.publish.hook import Publisher
from reportgen.publish.state import State

pytestmark = pytest.mark.slow


def toml_for(smtp_port: int, http_port: int, fmt: str = "wecom") -> str:
    return f"""
[[delivery.email]]
host = "127.0.0.1"
port = {smtp_port}
starttls = false
sender = "briefs@example.cn"
to = ["office@example.cn"]

[[delivery.webhook]]
url = "http://127.0.0.1:{http_port}/cgi-bin/webhook/send?key=test"
format = "{fmt}"
"""


def build(root: Path, log: io.StringIO | None = None) -> BuildResult:
    return run_build(load_project(root), BuildOptions(), Reporter(io.StringIO()),
                     hook=Publisher(Reporter(log or io.StringIO())))


def attached(message: object) -> list[str]:
    return sorted(p.get_filename() for p in message.iter_attachments())  # type: ignore[attr-defined]


def test_a_data_change_delivers_once_and_a_noop_sends_nothing(
        tmp_path: Path, smtp_server: tuple[MailBox, int], http_server: tuple[Hooks, int]) -> None:
    box, smtp_port = smtp_server
    hooks, http_port = http_server
    root = make_project(tmp_path / "p", toml_for(smtp_port, http_port))
    build(root)  # first build: the new briefs are delivered once
    assert len(box.messages) == 1 and len(hooks.posts) == 1
    assert attached(box.messages[0]) == ["410000-河南省.pdf", "410400-平顶山市.pdf",
                                         "411200-三门峡市.pdf"]
    set_value(root, "411200", "poverty_incidence", "2.23")
    build(root)
    assert len(box.messages) == 2 and len(hooks.posts) == 2
    mail = box.messages[1]
    assert attached(mail) == ["411200-三门峡市.pdf"]
    pdf = next(mail.iter_attachments()).get_content()  # type: ignore[attr-defined]
    assert pdf == (root / "output" / "411200-三门峡市.pdf").read_bytes()
    assert "三门峡市" in str(mail["Subject"])
    body = mail.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "2.22% → 2.23%" in body and "data/observations/mini.csv 第16行" in body
    assert box.recipients[1] == ["office@example.cn"]
    post = hooks.posts[1]
    assert post["msgtype"] == "markdown"
    assert "2.22% → 2.23%" in post["markdown"]["content"]
    assert len(post["markdown"]["content"].encode("utf-8")) <= 4096
    assert hooks.paths[1] == "/cgi-bin/webhook/send?key=test"
    build(root)  # no-op
    build(root)
    assert len(box.messages) == 2 and len(hooks.posts) == 2


def test_a_failed_region_sends_one_failure_message(
        tmp_path: Path, smtp_server: tuple[MailBox, int], http_server: tuple[Hooks, int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    box, smtp_port = smtp_server
    hooks, http_port = http_server
    root = make_project(tmp_path / "p", toml_for(smtp_port, http_port, "dingtalk"))
    build(root)
    real = worker.make_builder

    class Exploding:
        def __init__(self, kind: str) -> None:
            self.inner = real(kind)
            self.kind, self.suffix = self.inner.kind, self.inner.suffix

        def build(self, report, context, dest):  # type: ignore[no-untyped-def]
            if report.region.code == "411200":
                raise RuntimeError("renderer crashed")
            self.inner.build(report, context, dest)

    monkeypatch.setattr(worker, "make_builder", Exploding)
    set_value(root, "411200", "poverty_incidence", "2.23")
    assert build(root).exit_code == 1
    assert len(box.messages) == 2 and len(hooks.posts) == 2
    subject = str(box.messages[1]["Subject"])
    assert "失败" in subject and "三门峡市" in subject
    body = box.messages[1].get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "411200-三门峡市.pdf" in body and "renderer crashed" in body
    assert attached(box.messages[1]) == []  # nothing new was built
    text = hooks.posts[1]["markdown"]["text"]
    assert "三门峡市" in hooks.posts[1]["markdown"]["title"] and "renderer crashed" in text
    assert build(root).exit_code == 1  # the same failure again: not sent twice
    assert len(box.messages) == 2 and len(hooks.posts) == 2
    monkeypatch.setattr(worker, "make_builder", real)
    assert build(root).exit_code == 0  # fixed: the rebuilt brief is delivered
    assert len(box.messages) == 3 and attached(box.messages[2]) == ["411200-三门峡市.pdf"]


def test_a_server_that_is_down_keeps_the_build_and_retries_next_run(
        tmp_path: Path, http_server: tuple[Hooks, int]) -> None:
    from aiosmtpd.controller import Controller
    from publishhelp import MailBox

    hooks, http_port = http_server
    smtp_port = free_port()  # nothing listens here yet
    root = make_project(tmp_path / "p", toml_for(smtp_port, http_port))
    build(root)
    set_value(root, "411200", "poverty_incidence", "2.23")
    log = io.StringIO()
    result = build(root, log)
    assert result.exit_code == 0 and len(result.built) == 2
    assert "delivery FAILED" in log.getvalue()
    manifest = json.loads((root / "output" / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["outputs"]:
        assert entry["status"] == "ok"
        assert sha256_file(root / "output" / entry["path"]) == entry["sha256"]
    assert len(hooks.posts) == 2  # the webhook is up: it got both
    box = MailBox()
    controller = Controller(box, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        assert build(root).built == []  # a no-op build retries what is pending
        assert len(box.messages) == 2  # the first build's mail and the data change
        assert attached(box.messages[1]) == ["411200-三门峡市.pdf"]
        build(root)
        assert len(box.messages) == 2 and len(hooks.posts) == 2
    finally:
        controller.stop()
    state = State(load_project(root))
    assert state.get("pending", {}) == {}
    assert all(d["ok"] for d in state.get("deliveries", {}).values())


def test_bad_data_is_a_failure_message_sent_once(
        tmp_path: Path, http_server: tuple[Hooks, int]) -> None:
    from reportgen.cli import main

    hooks, http_port = http_server
    toml = f'[[delivery.webhook]]\nurl = "http://127.0.0.1:{http_port}/hook"\nformat = "json"\n'
    root = make_project(tmp_path / "p", toml)
    assert main(["-C", str(root), "build"]) == 0
    set_value(root, "411200", "poverty_incidence", "约2.2")
    assert main(["-C", str(root), "build"]) == 1
    assert main(["-C", str(root), "build"]) == 1
    assert len(hooks.posts) == 2
    failure = hooks.posts[1]
    assert failure["event"]["result"] == "failed"
    assert "第16行" in "\n".join(failure["event"]["error_findings"])
    assert "约2.2" in failure["summary"]


def test_command_hook_gets_the_summary_on_stdin(tmp_path: Path) -> None:
    out = tmp_path / "received.json"
    script = f"import sys, pathlib; pathlib.Path({str(out)!r}).write_bytes(sys.stdin.buffer.read())"
    run = json.dumps([sys.executable, "-c", script])
    toml = f"[[delivery.command]]\nrun = {run}\n"
    root = make_project(tmp_path / "p", toml)
    build(root)
    set_value(root, "410400", "village_work_teams", "2061")
    build(root)
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert payload["event"]["outputs"][0]["region_code"] == "410400"
    rows = payload["event"]["data_rows"]
    assert [(r["indicator_name"], r["old"], r["new"]) for r in rows] == [
        ("驻村工作队", "2060支", "2061支")]
    assert "2061" in payload["summary"]


def test_existing_outputs_without_publish_state_are_a_baseline(
        tmp_path: Path, http_server: tuple[Hooks, int]) -> None:
    hooks, http_port = http_server
    root = make_project(tmp_path / "p")
    run_build(load_project(root), BuildOptions(), Reporter(io.StringIO()))  # no publishing
    toml = f'[[delivery.webhook]]\nurl = "http://127.0.0.1:{http_port}/h"\nformat = "json"\n'
    with (root / "reportgen.toml").open("a", encoding="utf-8") as handle:
        handle.write(toml)
    # as after an upgrade of reportgen: everything is rebuilt (here forced), same bytes
    result = run_build(load_project(root), BuildOptions(force=True), Reporter(io.StringIO()),
                       hook=Publisher(Reporter(io.StringIO())))
    assert len(result.built) == 6
    assert hooks.posts == []
    set_value(root, "411200", "poverty_incidence", "2.23")
    build(root)
    assert len(hooks.posts) == 1
    assert [o["region_code"] for o in hooks.posts[0]["event"]["outputs"]] == ["411200",
                                                                               "411200"]

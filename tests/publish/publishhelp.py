"""Helpers of the publish tests: sample projects, real local SMTP (aiosmtpd) and HTTP
(http.server) servers."""

from __future__ import annotations

import email
import email.policy
import json
import shutil
import socket
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "projects" / "build-mini"


def make_project(dest: Path, toml: str = "") -> Path:
    """build-mini with the shipped indicators, templates and fonts, plus ``toml``."""
    shutil.copytree(MINI, dest)
    shutil.copytree(REPO / "data" / "indicators", dest / "data" / "indicators")
    shutil.copytree(REPO / "templates", dest / "templates")
    shutil.copytree(REPO / "fonts", dest / "fonts")
    with (dest / "reportgen.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n" + toml)
    return dest


def set_value(root: Path, region: str, indicator: str, value: str) -> None:
    path = root / "data" / "observations" / "mini.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        cells = line.split(",")
        if cells[0] == region and cells[1] == indicator:
            cells[3] = value
            lines[i] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class MailBox:
    """aiosmtpd handler: keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)  # type: ignore[arg-type]
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"


@pytest.fixture
def smtp_server() -> Iterator[tuple[MailBox, int]]:
    from aiosmtpd.controller import Controller

    box = MailBox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield box, controller.port
    finally:
        controller.stop()


class Hooks:
    def __init__(self) -> None:
        self.posts: list[dict[str, Any]] = []
        self.paths: list[str] = []
        self.answer = b'{"errcode": 0, "errmsg": "ok"}'


@pytest.fixture
def http_server() -> Iterator[tuple[Hooks, int]]:
    hooks = Hooks()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            hooks.posts.append(json.loads(self.rfile.read(length).decode("utf-8")))
            hooks.paths.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(hooks.answer)

        def log_message(self, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield hooks, int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()

"""Webhook POSTs to a real HTTP server on 127.0.0.1: 企业微信, 钉钉 (signed), JSON."""

from __future__ import annotations

import base64
import hashlib
import hmac
import urllib.parse
from pathlib import Path

import pytest
from publishhelp import Hooks, free_port

from reportgen.config import load_project
from reportgen.errors import DeliveryError
from reportgen.publish import render
from reportgen.publish.changeset import new_event
from reportgen.publish.deliver import send
from reportgen.publish.settings import Settings, WebhookChannel

ROW = {"change": "changed", "region_code": "411200", "region_name": "三门峡市",
       "indicator_id": "poverty_incidence", "indicator_name": "贫困发生率",
       "period": "2018-12-31", "period_label": "截至2018年底", "source_id": "mini",
       "source_title": "测试用小型数据", "file": "data/observations/mini.csv", "row": 16,
       "old": "2.22%", "new": "2.23%", "quote": "贫困发生率2.22%"}
OUTPUT = {"path": "411200-三门峡市.pdf", "region_code": "411200", "region_name": "三门峡市",
          "kind": "pdf", "reason": "data changed", "sha256": "x"}


def event() -> dict:  # type: ignore[type-arg]
    return new_event("ok", data_rows=[ROW], outputs=[OUTPUT])


def channel(port: int, fmt: str, **kw: str) -> WebhookChannel:
    return WebhookChannel(kind="webhook", url=f"http://127.0.0.1:{port}/send?key=k",
                          format=fmt, **kw)


def test_wecom_markdown(tmp_path: Path, http_server: tuple[Hooks, int]) -> None:
    hooks, port = http_server
    send(load_project(tmp_path), Settings(), channel(port, "wecom"), event())
    (post,) = hooks.posts
    assert post["msgtype"] == "markdown"
    assert "三门峡市 贫困发生率（截至2018年底）：2.22% → 2.23%" in post["markdown"]["content"]


def test_dingtalk_markdown_signed(tmp_path: Path, http_server: tuple[Hooks, int],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    hooks, port = http_server
    monkeypatch.setenv("DING_SECRET", "SECabc")
    send(load_project(tmp_path), Settings(), channel(port, "dingtalk", secret_env="DING_SECRET"),
         event())
    (post,) = hooks.posts
    assert post["markdown"]["title"] == render.title(event())
    assert "2.23%" in post["markdown"]["text"]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(hooks.paths[0]).query)
    stamp = query["timestamp"][0]
    digest = hmac.new(b"SECabc", f"{stamp}\nSECabc".encode(), hashlib.sha256).digest()
    assert query["sign"][0] == base64.b64encode(digest).decode()
    assert query["key"] == ["k"]


def test_generic_json_carries_the_event(tmp_path: Path, http_server: tuple[Hooks, int]) -> None:
    hooks, port = http_server
    send(load_project(tmp_path), Settings(), channel(port, "json"), event())
    (post,) = hooks.posts
    assert post["event"]["data_rows"][0]["row"] == 16
    assert post["title"].startswith("简报已更新：三门峡市")


def test_robot_error_code_is_a_failure(tmp_path: Path, http_server: tuple[Hooks, int]) -> None:
    hooks, port = http_server
    hooks.answer = b'{"errcode": 93000, "errmsg": "invalid webhook url"}'
    with pytest.raises(DeliveryError, match="93000"):
        send(load_project(tmp_path), Settings(), channel(port, "wecom"), event())


def test_server_down_is_a_delivery_error(tmp_path: Path) -> None:
    with pytest.raises(DeliveryError, match="webhook"):
        send(load_project(tmp_path), Settings(), channel(free_port(), "json"), event())


def test_long_summaries_fit_the_robot_limit() -> None:
    many = new_event("ok", data_rows=[ROW] * 200, outputs=[OUTPUT])
    text = render.summary(many)
    assert len(text.encode("utf-8")) <= 3800
    assert text.endswith("（完整内容见 output/changes/latest.html）")

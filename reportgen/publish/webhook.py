"""Webhook POSTs: 企业微信 and 钉钉 group robots (markdown), or generic JSON."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from reportgen.errors import DeliveryError
from reportgen.publish import render
from reportgen.publish.changeset import Event
from reportgen.publish.settings import WebhookChannel

TIMEOUT = 15.0


def payload(channel: WebhookChannel, event: Event) -> dict[str, Any]:
    text = render.summary(event)
    if channel.format == "wecom":
        return {"msgtype": "markdown", "markdown": {"content": text}}
    if channel.format == "dingtalk":
        return {"msgtype": "markdown",
                "markdown": {"title": render.title(event), "text": text}}
    return {"title": render.title(event), "summary": text, "event": event}


def target_url(channel: WebhookChannel) -> str:
    url = channel.url or os.environ.get(channel.url_env, "")
    if not url:
        raise DeliveryError(f"environment variable {channel.url_env} is not set")
    if channel.format == "dingtalk" and channel.secret_env:
        secret = os.environ.get(channel.secret_env, "")
        if not secret:
            raise DeliveryError(f"environment variable {channel.secret_env} is not set")
        stamp = str(int(time.time() * 1000))
        digest = hmac.new(secret.encode(), f"{stamp}\n{secret}".encode(), hashlib.sha256)
        sign = urllib.parse.quote_plus(base64.b64encode(digest.digest()))
        url += ("&" if "?" in url else "?") + f"timestamp={stamp}&sign={sign}"
    return url


def post(channel: WebhookChannel, event: Event) -> None:
    body = json.dumps(payload(channel, event), ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        target_url(channel), data=body, method="POST",
        headers={"Content-Type": "application/json; charset=utf-8"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            answer = response.read(65536)
    except (OSError, urllib.error.URLError) as exc:
        raise DeliveryError(f"webhook {channel.label}: {exc}") from exc
    _check_answer(channel, answer)


def _check_answer(channel: WebhookChannel, answer: bytes) -> None:
    """Robots answer 200 with {"errcode": 0}; anything else there is a failure."""
    if channel.format == "json":
        return
    try:
        data = json.loads(answer.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return
    if isinstance(data, dict) and data.get("errcode", 0) != 0:
        raise DeliveryError(f"webhook {channel.label}: errcode {data.get('errcode')} "
                            f"{str(data.get('errmsg', ''))[:200]}")

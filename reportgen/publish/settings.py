"""The ``[delivery]`` and ``[bundle]`` tables of reportgen.toml, declared once.

They are kept out of ``Config`` (reportgen.config.TABLES), so changing a recipient never
rebuilds a brief. Every key has a type, a default and a line in ``KEY_DOCS``; loading
reports every bad key before failing.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from reportgen.config import CONFIG_FILE, Project
from reportgen.errors import ConfigError
from reportgen.publish.settings_text import (
    address_problems,
    bundle_file_problem,
    control_problems,
)

KEY_DOCS: dict[str, str] = {
    "bundle.enabled": "Write one PDF with every region's brief after a build (default false).",
    "bundle.file": "File name of the bundle in output/ (default 汇编-全部简报.pdf).",
    "delivery.attach": "Attach the changed PDF briefs to e-mails (default true); false = "
    "summary only.",
    "delivery.max_attach_mb": "Attachments above this total size (MiB, default 20) are "
    "named in the mail instead of attached.",
    "delivery.email.host": "SMTP server name.",
    "delivery.email.port": "SMTP port (default 587).",
    "delivery.email.starttls": "Upgrade the connection with STARTTLS (default true).",
    "delivery.email.username": "SMTP login; empty = no login.",
    "delivery.email.password_env": "Environment variable holding the SMTP password "
    "(never the password itself).",
    "delivery.email.sender": "From address.",
    "delivery.email.to": "Recipient addresses (list).",
    "delivery.email.regions": "Region codes this mail is about; empty = all regions.",
    "delivery.webhook.url": "URL to POST to (企业微信 / 钉钉 group robot, or any).",
    "delivery.webhook.url_env": "Environment variable holding the URL instead (it carries "
    "the robot's key).",
    "delivery.webhook.format": "'wecom' (企业微信), 'dingtalk' (钉钉) or 'json' (generic).",
    "delivery.webhook.secret_env": "钉钉: environment variable with the robot's signing "
    "secret (加签); empty = unsigned.",
    "delivery.webhook.regions": "Region codes this webhook is about; empty = all regions.",
    "delivery.command.run": "Command and arguments (list); the change summary is its stdin "
    "as JSON.",
    "delivery.command.timeout": "Seconds before the command is stopped (default 60).",
    "delivery.command.regions": "Region codes this command is about; empty = all regions.",
}

WEBHOOK_FORMATS = ("wecom", "dingtalk", "json")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Channel:
    kind: str = ""
    regions: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """Stable while the channel's settings stay the same (delivery state key)."""
        text = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)
        return f"{self.kind}-{hashlib.sha256(text.encode()).hexdigest()[:12]}"

    @property
    def label(self) -> str:
        return self.kind

    def wants(self, region_codes: set[str]) -> bool:
        """Whether an event about these regions (empty = the whole build) concerns it."""
        return not self.regions or not region_codes or bool(set(self.regions) & region_codes)


@dataclass(frozen=True)
class EmailChannel(Channel):
    host: str = ""
    port: int = 587
    starttls: bool = True
    username: str = ""
    password_env: str = ""
    sender: str = ""
    to: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"email {','.join(self.to)} via {self.host}"


@dataclass(frozen=True)
class WebhookChannel(Channel):
    url: str = ""
    url_env: str = ""
    format: str = "json"
    secret_env: str = ""

    @property
    def label(self) -> str:
        where = f"${self.url_env}" if self.url_env else re.sub(r"[?].*", "?…", self.url)
        return f"webhook {self.format} {where}"


@dataclass(frozen=True)
class CommandChannel(Channel):
    run: tuple[str, ...] = ()
    timeout: float = 60.0

    @property
    def label(self) -> str:
        return f"command {self.run[0] if self.run else ''}"


@dataclass(frozen=True)
class BundleSettings:
    enabled: bool = False
    file: str = "汇编-全部简报.pdf"


@dataclass(frozen=True)
class Settings:
    bundle: BundleSettings = BundleSettings()
    attach: bool = True
    max_attach_mb: float = 20.0
    channels: tuple[Channel, ...] = field(default=())


_CHANNEL_TYPES: dict[str, type[Channel]] = {
    "email": EmailChannel, "webhook": WebhookChannel, "command": CommandChannel}


def load_settings(project: Project) -> Settings:
    problems: list[str] = []
    bundle = _record(BundleSettings, project.tables.get("bundle", {}), "bundle", problems)
    problems += [p for p in [bundle_file_problem(bundle.file)] if p]
    problems += control_problems("bundle", bundle)
    delivery = dict(project.tables.get("delivery", {}))
    channels: list[Channel] = []
    for kind, cls in _CHANNEL_TYPES.items():
        raw = delivery.pop(kind, [])
        items = [raw] if isinstance(raw, dict) else raw
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            problems.append(f"'delivery.{kind}' must be a table or [[delivery.{kind}]] tables")
            continue
        for item in items:
            channel = _record(cls, {**item, "kind": kind}, f"delivery.{kind}", problems)
            channels.append(channel)
            problems += [f"'delivery.{kind}': {p}" for p in _check_channel(channel)]
            problems += control_problems(f"delivery.{kind}", channel)
    top = _record(Settings, delivery, "delivery", problems)
    if problems:
        raise ConfigError(f"{CONFIG_FILE}: " + "; ".join(problems),
                          hint="see the Delivery section of README.md")
    return Settings(bundle=bundle, attach=top.attach, max_attach_mb=top.max_attach_mb,
                    channels=tuple(channels))


def _record(cls: Any, values: dict[str, Any], table: str, problems: list[str]) -> Any:
    """``cls(**values)`` with every key checked against the field's default type."""
    defaults = cls()
    known = {k for k in defaults.__dataclass_fields__ if k not in ("channels", "bundle")}
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known:
            problems.append(f"unknown key '{table}.{key}' (known: {', '.join(sorted(known))})")
            continue
        default = getattr(defaults, key)
        if isinstance(default, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(f"'{table}.{key}' must be a list of strings")
                continue
            value = tuple(value)
        elif isinstance(default, float) and isinstance(value, int) and not isinstance(
                value, bool):
            value = float(value)
        elif isinstance(value, bool) != isinstance(default, bool) or not isinstance(
                value, type(default)):
            problems.append(f"'{table}.{key}' must be {type(default).__name__}, got {value!r}")
            continue
        kwargs[key] = value
    return cls(**kwargs)


def _check_channel(channel: Channel) -> list[str]:
    out = [f"region code {c!r} is not 6 digits" for c in channel.regions
           if not re.fullmatch(r"[0-9]{6}", c)]
    if isinstance(channel, EmailChannel):
        out += [f"'{k}' is required" for k in ("host", "sender") if not getattr(channel, k)]
        out += [] if channel.to else ["'to' needs at least one address"]
        out += address_problems("sender", (channel.sender,))
        out += address_problems("to", channel.to)
        out += [] if 0 < channel.port < 65536 else [f"'port' {channel.port} is out of range"]
        if channel.username and not channel.password_env:
            out.append("'username' needs 'password_env' (the password is never in the file)")
    if isinstance(channel, WebhookChannel):
        if bool(channel.url) == bool(channel.url_env):
            out.append("give exactly one of 'url' and 'url_env'")
        if channel.url and not channel.url.startswith(("http://", "https://")):
            out.append(f"'url' must start with http:// or https://, got {channel.url[:40]!r}")
        if channel.format not in WEBHOOK_FORMATS:
            out.append(f"'format' must be one of {WEBHOOK_FORMATS}, got {channel.format!r}")
    if isinstance(channel, CommandChannel):
        out += [] if channel.run else ["'run' needs the command (a list)"]
        out += [] if 0 < channel.timeout <= 3600 else ["'timeout' must be 1–3600 seconds"]
    for key in ("password_env", "url_env", "secret_env"):
        name = getattr(channel, key, "")
        if name and not _ENV_NAME.fullmatch(name):
            out.append(f"'{key}' must name an environment variable, got {name!r}")
    return out

"""[delivery] and [bundle] in reportgen.toml: typed, documented, every error at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.config import load_project
from reportgen.errors import ConfigError
from reportgen.publish.settings import (
    KEY_DOCS,
    CommandChannel,
    EmailChannel,
    WebhookChannel,
    load_settings,
)

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def settings_of(tmp_path: Path, toml: str):  # type: ignore[no-untyped-def]
    (tmp_path / "reportgen.toml").write_text(toml, encoding="utf-8")
    return load_settings(load_project(tmp_path))


def test_every_key_is_documented_in_the_readme() -> None:
    for key in KEY_DOCS:
        assert f"`{key}`" in README, f"README.md does not document {key}"


def test_channels_and_bundle(tmp_path: Path) -> None:
    settings = settings_of(tmp_path, """
issuer = "测试局"
[bundle]
enabled = true
[delivery]
attach = false
max_attach_mb = 5
[[delivery.email]]
host = "smtp.example.cn"
username = "u"
password_env = "SMTP_PW"
sender = "s@example.cn"
to = ["a@example.cn"]
regions = ["410400"]
[[delivery.webhook]]
url_env = "WECOM_URL"
format = "wecom"
[delivery.command]
run = ["notify-send", "briefs"]
""")
    assert settings.bundle.enabled and not settings.attach and settings.max_attach_mb == 5.0
    email, webhook, command = settings.channels
    assert isinstance(email, EmailChannel) and email.port == 587 and email.starttls
    assert email.regions == ("410400",)
    assert isinstance(webhook, WebhookChannel) and webhook.url_env == "WECOM_URL"
    assert isinstance(command, CommandChannel) and command.run == ("notify-send", "briefs")
    assert len({c.id for c in settings.channels}) == 3


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        settings_of(tmp_path, """
[bundle]
file = "../x.pdf"
[delivery]
atach = true
[[delivery.email]]
host = "h"
sender = "s@example.cn"
to = []
password = "plain text"
port = "25"
[[delivery.webhook]]
url = "ftp://x"
format = "slack"
""")
    text = str(caught.value)
    for part in ("'bundle.file'", "unknown key 'delivery.atach'", "'to' needs",
                 "unknown key 'delivery.email.password'", "'delivery.email.port' must be int",
                 "http:// or https://", "'format' must be one of"):
        assert part in text, part


def test_tables_do_not_change_any_fingerprint(tmp_path: Path) -> None:
    from reportgen.pipeline.fingerprint import config_part

    (tmp_path / "reportgen.toml").write_text('issuer = "局"\n', encoding="utf-8")
    before = config_part(load_project(tmp_path))
    (tmp_path / "reportgen.toml").write_text(
        'issuer = "局"\n[bundle]\nenabled = true\n', encoding="utf-8")
    assert config_part(load_project(tmp_path)) == before


def test_a_table_key_that_is_not_a_table_is_refused(tmp_path: Path) -> None:
    (tmp_path / "reportgen.toml").write_text('delivery = "mail"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="must be a table"):
        load_project(tmp_path)


def test_cli_refuses_bad_delivery_settings_before_building(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from reportgen.cli import EXIT_USAGE, main

    (tmp_path / "reportgen.toml").write_text("[[delivery.webhook]]\nformat = \"wecom\"\n",
                                             encoding="utf-8")
    assert main(["-C", str(tmp_path), "build"]) == EXIT_USAGE
    assert "exactly one of 'url' and 'url_env'" in capsys.readouterr().err

"""E-mail over SMTP (STARTTLS, password from an environment variable)."""

from __future__ import annotations

import os
import smtplib
import ssl
from email.message import EmailMessage
from pathlib import Path

from reportgen.errors import DeliveryError
from reportgen.publish import render
from reportgen.publish.changeset import Event
from reportgen.publish.settings import EmailChannel

TIMEOUT = 30.0


def message(channel: EmailChannel, event: Event, attachments: list[Path],
            too_large: list[str]) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = f"【reportgen】{render.title(event)}"
    msg["From"] = channel.sender
    msg["To"] = ", ".join(channel.to)
    text = render.markdown(event)
    if too_large:
        text += "\n未附上（超过 delivery.max_attach_mb）：" + "、".join(too_large) + "\n"
    msg.set_content(text)
    msg.add_alternative(render.html(event), subtype="html")
    for path in attachments:
        msg.add_attachment(path.read_bytes(), maintype="application", subtype="pdf",
                           filename=path.name)
    return msg


def send_mail(channel: EmailChannel, msg: EmailMessage) -> None:
    password = ""
    if channel.username:
        password = os.environ.get(channel.password_env, "")
        if not password:
            raise DeliveryError(f"environment variable {channel.password_env} is not set")
    try:
        with smtplib.SMTP(channel.host, channel.port, timeout=TIMEOUT) as smtp:
            if channel.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if channel.username:
                smtp.login(channel.username, password)
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(f"SMTP {channel.host}:{channel.port}: {exc}") from exc

"""SMTP delivery against a real aiosmtpd server: STARTTLS, login, attachments, errors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from publishhelp import MailBox, free_port

from reportgen.config import Project, load_project
from reportgen.errors import DeliveryError
from reportgen.publish.changeset import new_event
from reportgen.publish.deliver import send
from reportgen.publish.settings import EmailChannel, Settings


def event(path: str = "410400-平顶山市.pdf") -> dict[str, Any]:
    return new_event("ok", outputs=[{"path": path, "region_code": "410400",
                                     "region_name": "平顶山市", "kind": "pdf",
                                     "reason": "data changed", "sha256": "x"}])


def project_with_pdf(tmp_path: Path, size: int = 1000) -> Project:
    (tmp_path / "output").mkdir(parents=True)
    (tmp_path / "output" / "410400-平顶山市.pdf").write_bytes(b"%PDF-1.4\n" + b"x" * size)
    return load_project(tmp_path)


def self_signed(folder: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


def test_starttls_and_login_with_the_password_from_the_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ssl

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str,
                      data: Any) -> AuthResult:
        if isinstance(data, LoginPassword):
            logins.append((data.login, data.password))
            return AuthResult(success=data.password == b"s3cret")
        return AuthResult(success=False)

    box, port = MailBox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port, tls_context=context,
                            require_starttls=True, auth_required=True,
                            authenticator=authenticator)
    controller.start()
    try:
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trust the test certificate
        monkeypatch.setenv("TEST_SMTP_PASSWORD", "s3cret")
        channel = EmailChannel(kind="email", host="127.0.0.1", port=port,
                               username="briefs", password_env="TEST_SMTP_PASSWORD",
                               sender="briefs@example.cn", to=("a@example.cn", "b@example.cn"))
        project = project_with_pdf(tmp_path / "p")
        send(project, Settings(), channel, event())
        assert logins == [(b"briefs", b"s3cret")]
        assert box.recipients == [["a@example.cn", "b@example.cn"]]
        names = [p.get_filename() for p in box.messages[0].iter_attachments()]
        assert names == ["410400-平顶山市.pdf"]
        monkeypatch.delenv("TEST_SMTP_PASSWORD")
        with pytest.raises(DeliveryError, match="TEST_SMTP_PASSWORD is not set"):
            send(project, Settings(), channel, event())
    finally:
        controller.stop()
    assert len(box.messages) == 1


def test_summary_only_and_size_cap(tmp_path: Path, smtp_server: tuple[MailBox, int]) -> None:
    box, port = smtp_server
    channel = EmailChannel(kind="email", host="127.0.0.1", port=port, starttls=False,
                           sender="s@example.cn", to=("t@example.cn",))
    project = project_with_pdf(tmp_path / "p", size=2 * 1024 * 1024)
    send(project, Settings(attach=False), channel, event())
    send(project, Settings(max_attach_mb=1.0), channel, event())
    assert [list(m.iter_attachments()) for m in box.messages] == [[], []]
    body = box.messages[1].get_body(preferencelist=("plain",)).get_content()
    assert "未附上" in body and "410400-平顶山市.pdf" in body


def test_regions_filter_limits_attachments(tmp_path: Path,
                                           smtp_server: tuple[MailBox, int]) -> None:
    box, port = smtp_server
    channel = EmailChannel(kind="email", host="127.0.0.1", port=port, starttls=False,
                           sender="s@example.cn", to=("t@example.cn",), regions=("411200",))
    assert channel.wants({"411200", "410400"}) and not channel.wants({"410400"})
    assert channel.wants(set())  # a whole-build failure concerns every recipient
    send(project_with_pdf(tmp_path / "p"), Settings(), channel, event())
    assert list(box.messages[0].iter_attachments()) == []


def test_server_down_is_a_delivery_error(tmp_path: Path) -> None:
    channel = EmailChannel(kind="email", host="127.0.0.1", port=free_port(), starttls=False,
                           sender="s@example.cn", to=("t@example.cn",))
    with pytest.raises(DeliveryError, match="SMTP"):
        send(project_with_pdf(tmp_path / "p"), Settings(), channel, event())

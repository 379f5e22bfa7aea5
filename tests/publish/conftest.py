"""Fixtures of the publish tests: real local SMTP and HTTP servers (see publishhelp)."""

from publishhelp import http_server, smtp_server

__all__ = ["http_server", "smtp_server"]

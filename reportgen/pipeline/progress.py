"""Build messages: a progress line on a terminal, plain log lines otherwise (cron)."""

from __future__ import annotations

import sys
from typing import TextIO


class Reporter:
    def __init__(self, stream: TextIO | None = None, *, total: int = 0) -> None:
        self.stream = stream or sys.stdout
        self.total = total
        self.done = 0
        self.tty = self.stream.isatty()

    def say(self, message: str) -> None:
        self._clear()
        print(message, file=self.stream, flush=True)

    def step(self, message: str) -> None:
        """One finished job: a log line, and an updated bar on a terminal."""
        self.done += 1
        self.say(message)
        if self.tty and self.total:
            width = 30
            filled = width * self.done // self.total
            bar = "#" * filled + "-" * (width - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total}")
            self.stream.flush()

    def _clear(self) -> None:
        if self.tty and self.total:
            self.stream.write("\r\033[K")

    def close(self) -> None:
        self._clear()

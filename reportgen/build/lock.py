"""Project lock: two builds at once wait for each other instead of clashing."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from types import TracebackType

from reportgen.errors import LockError


class ProjectLock:
    """An exclusive ``flock`` on ``path``; released by the OS if the process dies."""

    def __init__(self, path: Path, *, timeout: float = 600.0, poll: float = 0.2) -> None:
        self.path = path
        self.timeout = timeout
        self.poll = poll
        self._fd: int | None = None

    def acquire(self, on_wait: object = None) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.timeout
        announced = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not announced and callable(on_wait):
                    on_wait(self.holder())
                    announced = True
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise LockError(
                        f"another build (pid {self.holder() or '?'}) holds {self.path.name} "
                        f"after waiting {self.timeout:.0f} s",
                        hint="wait for it to finish; the lock is released when it exits",
                    ) from None
                time.sleep(self.poll)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    @property
    def fileno(self) -> int | None:
        return self._fd

    def holder(self) -> str:
        try:
            return self.path.read_text().strip()
        except OSError:
            return ""

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> ProjectLock:
        self.acquire()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

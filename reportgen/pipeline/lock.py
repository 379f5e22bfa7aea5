"""Project lock: two builds at once wait for each other instead of clashing.

The ``flock`` is taken on the project folder itself (``anchor``), which ``rm -rf .reportgen``
cannot remove, so deleting the state folder during a build never lets a second build in.
``.reportgen/build.lock`` only records the holder's pid; a link or folder in its place is
refused before anything is opened through it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import time
from pathlib import Path
from types import TracebackType

from reportgen.errors import BuildError, LockError


class ProjectLock:
    """An exclusive (or, ``shared``, a shared) ``flock`` on ``anchor`` (a folder), or on
    ``path`` when there is none; released by the kernel when the holding process dies,
    however it dies. Shard builds hold the project lock shared (they run side by side)
    and their own shard's lock exclusively; whole builds and the merge hold it exclusively."""

    def __init__(self, path: Path, *, timeout: float = 600.0, poll: float = 0.2,
                 anchor: Path | None = None, shared: bool = False) -> None:
        self.path = path
        self.anchor = anchor
        self.mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        self.timeout = timeout
        self.poll = poll
        self._fd: int | None = None

    def acquire(self, on_wait: object = None) -> None:
        self._refuse_odd_file()
        fd = self._open()
        deadline = time.monotonic() + self.timeout
        announced = False
        while True:
            try:
                fcntl.flock(fd, self.mode | fcntl.LOCK_NB)
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
            except OSError as exc:  # e.g. ENOLCK: a network filesystem without flock
                os.close(fd)
                raise BuildError(
                    f"cannot lock {self.anchor or self.path} ({exc.strerror or exc})",
                    hint="on NFS mount the project with local_lock=flock (locks then hold "
                    "per host; see Scale-out in README.md)") from None
        self._fd = fd
        self._record_pid()

    def _refuse_odd_file(self) -> None:
        try:
            mode = self.path.lstat().st_mode
        except FileNotFoundError:
            return
        except NotADirectoryError:
            raise BuildError(f"{self.path.parent.name} 是文件，不是文件夹",
                             hint=f"删除它（{self.path.parent.name}），reportgen 会重新创建"
                             ) from None
        if not stat.S_ISREG(mode):
            kind = "符号链接" if stat.S_ISLNK(mode) else "文件夹或特殊文件"
            raise BuildError(f"{self.path.parent.name}/{self.path.name} 是{kind}，不是锁文件",
                             hint=f"删除它（rm -r {self.path.parent.name}/{self.path.name}），"
                             "reportgen 会重新创建")

    def _open(self) -> int:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.anchor is not None:
                return os.open(self.anchor, os.O_RDONLY | os.O_DIRECTORY)
            return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except OSError as exc:
            raise BuildError(f"{self.path.parent.name}/{self.path.name}：无法打开锁"
                             f"（{exc.strerror or exc}）",
                             hint="检查项目文件夹的权限；.reportgen/ 可以整个删除") from None

    def _record_pid(self) -> None:
        """Best effort: a full disk or a vanished state folder must not fail the build."""
        with contextlib.suppress(OSError):
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW, 0o644)
            try:
                os.ftruncate(fd, 0)
                os.write(fd, str(os.getpid()).encode())
            finally:
                os.close(fd)

    @property
    def fileno(self) -> int | None:
        return self._fd

    def holder(self) -> str:
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            return ""
        try:
            return os.read(fd, 32).decode("ascii", "replace").strip()
        except OSError:
            return ""
        finally:
            os.close(fd)

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

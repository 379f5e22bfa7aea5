from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from reportgen.build.lock import ProjectLock
from reportgen.errors import LockError

HOLD = """
import sys, time
from pathlib import Path
from reportgen.build.lock import ProjectLock
lock = ProjectLock(Path(sys.argv[1]))
lock.acquire()
print("held", flush=True)
time.sleep(30)
"""


def test_second_holder_times_out_with_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "build.lock"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        waited: list[str] = []
        with pytest.raises(LockError, match=f"pid {holder.pid}"):
            ProjectLock(path, timeout=0.5, poll=0.05).acquire(on_wait=waited.append)
        assert waited == [str(holder.pid)]
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    # the OS released the dead holder's lock
    lock = ProjectLock(path, timeout=1)
    lock.acquire()
    lock.release()


def test_lock_is_reentrant_after_release(tmp_path: Path) -> None:
    path = tmp_path / "build.lock"
    with ProjectLock(path):
        pass
    start = time.monotonic()
    with ProjectLock(path, timeout=1):
        assert path.read_text() != ""
    assert time.monotonic() - start < 1  # not a timing test: it must not wait at all

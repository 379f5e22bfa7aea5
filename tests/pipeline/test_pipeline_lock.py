from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reportgen.errors import LockError
from reportgen.pipeline.lock import ProjectLock

HOLD = """
import sys, time
from pathlib import Path
from reportgen.pipeline.lock import ProjectLock
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


POOL = """
import os, sys, time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from reportgen.pipeline.lock import ProjectLock
from reportgen.pipeline.worker import init_worker
lock = ProjectLock(Path(sys.argv[1]))
lock.acquire()
with ProcessPoolExecutor(2, initializer=init_worker,
                         initargs=(os.getpid(), (lock.fileno,))) as pool:
    pids = {pool.submit(os.getpid).result() for _ in range(4)}
    print(" ".join(map(str, sorted(pids))), flush=True)
    time.sleep(30)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().split(") ")[-1][0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux")
def test_kill_9_of_the_parent_kills_workers_and_frees_the_lock(tmp_path: Path) -> None:
    import os
    import signal

    path = tmp_path / "build.lock"
    parent = subprocess.Popen([sys.executable, "-c", POOL, str(path)], stdout=subprocess.PIPE,
                              text=True)
    assert parent.stdout is not None
    workers = [int(p) for p in parent.stdout.readline().split()]
    parent.stdout.close()
    assert workers and all(_alive(p) for p in workers)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(p) for p in workers)
    lock = ProjectLock(path, timeout=2, poll=0.05)
    lock.acquire()  # no orphan holds it
    lock.release()


HOLD_ANCHORED = """
import sys, time
from pathlib import Path
from reportgen.pipeline.lock import ProjectLock
root = Path(sys.argv[1])
lock = ProjectLock(root / ".reportgen" / "build.lock", anchor=root)
lock.acquire()
print("held", flush=True)
time.sleep(30)
"""


def test_removing_the_state_folder_does_not_free_the_lock(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "proj"
    root.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", HOLD_ANCHORED, str(root)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        shutil.rmtree(root / ".reportgen")  # `rm -rf .reportgen` during a build
        second = ProjectLock(root / ".reportgen" / "build.lock", anchor=root,
                             timeout=0.3, poll=0.05)
        with pytest.raises(LockError):
            second.acquire()
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    with ProjectLock(root / ".reportgen" / "build.lock", anchor=root, timeout=1):
        assert (root / ".reportgen" / "build.lock").read_text() != ""


@pytest.mark.parametrize("odd", ["link", "folder"])
def test_lock_file_that_is_a_link_or_folder_is_refused(tmp_path: Path, odd: str) -> None:
    from reportgen.errors import BuildError

    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    state = tmp_path / "proj" / ".reportgen"
    state.mkdir(parents=True)
    path = state / "build.lock"
    if odd == "link":
        path.symlink_to(victim)
    else:
        path.mkdir()
    with pytest.raises(BuildError, match=re.escape(".reportgen/build.lock 是")) as exc:
        ProjectLock(path, anchor=tmp_path / "proj", timeout=0.5).acquire()
    assert "删除它" in str(exc.value)
    assert victim.read_text(encoding="utf-8") == "precious"

"""output/.retired/ is pruned by age and count; links are removed, never followed."""

from __future__ import annotations

import os
import time
from pathlib import Path

from reportgen.pipeline import tidy


def test_retired_files_are_kept_for_a_while_then_deleted(tmp_path: Path) -> None:
    output = tmp_path / "output"
    output.mkdir()
    (output / "old.pdf").write_bytes(b"old")
    (output / "new.pdf").write_bytes(b"new")
    assert tidy.retire(output, "old.pdf") and tidy.retire(output, "new.pdf")
    retired = output / tidy.RETIRED_DIR
    month_ago = time.time() - (tidy.RETIRED_KEEP_DAYS + 1) * 86400
    os.utime(retired / "old.pdf", (month_ago, month_ago))
    assert tidy.prune_retired(output) == ["old.pdf"]
    assert sorted(p.name for p in retired.iterdir()) == ["new.pdf"]


def test_count_cap_keeps_the_newest(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(tidy, "RETIRED_KEEP_FILES", 2)
    retired = tmp_path / tidy.RETIRED_DIR
    retired.mkdir()
    now = time.time()
    for n in range(4):
        path = retired / f"{n}.pdf"
        path.write_bytes(b"x")
        os.utime(path, (now - n, now - n))
    assert sorted(tidy.prune_retired(tmp_path)) == ["2.pdf", "3.pdf"]


def test_a_link_is_removed_not_its_target_and_a_linked_folder_is_left(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    precious = outside / "precious.pdf"
    precious.write_bytes(b"keep")
    output = tmp_path / "output"
    retired = output / tidy.RETIRED_DIR
    retired.mkdir(parents=True)
    link = retired / "link.pdf"
    link.symlink_to(precious)
    old = time.time() - 400 * 86400
    os.utime(link, (old, old), follow_symlinks=False)
    assert tidy.prune_retired(output) == ["link.pdf"]
    assert precious.read_bytes() == b"keep"
    # .retired itself a link out of output/: nothing is pruned through it
    os.rmdir(retired)
    retired.symlink_to(outside)
    os.utime(precious, (old, old))
    assert tidy.prune_retired(output) == [] and precious.exists()

"""Font file hashes remembered across runs, and forgotten when the file changes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reportgen.fonts import files


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "_HASHES", {})
    monkeypatch.setattr(files, "_REMEMBERED", {})
    monkeypatch.setattr(files, "_STORE", [])


def test_a_remembered_hash_is_used_until_the_file_changes(tmp_path: Path) -> None:
    font, store = tmp_path / "a.ttf", tmp_path / "state" / "font-hashes.json"
    font.write_bytes(b"one")
    files.use_hash_store(store)
    first = files.file_sha256(font)
    assert list(json.loads(store.read_text()).values()) == [first]
    # next run: the stored entry is answered without reading the file
    files._HASHES.clear()
    files._REMEMBERED.clear()
    stored = json.loads(store.read_text())
    store.write_text(json.dumps({k: "0" * 64 for k in stored}))
    files.use_hash_store(store)
    assert files.file_sha256(font) == "0" * 64
    # same size, same mtime set back: ctime still moves, so the hash is computed again
    stat = font.stat()
    font.write_bytes(b"two")
    os.utime(font, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    files._HASHES.clear()
    assert files.file_sha256(font) not in ("0" * 64, first)


def test_a_damaged_or_unwritable_store_only_costs_time(tmp_path: Path) -> None:
    font, store = tmp_path / "a.ttf", tmp_path / "font-hashes.json"
    font.write_bytes(b"one")
    store.write_text("{not json")
    files.use_hash_store(store)
    digest = files.file_sha256(font)
    assert json.loads(store.read_text()) and digest
    files._HASHES.clear()
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    files.use_hash_store(blocked / "font-hashes.json")  # parent is a file: cannot write
    assert files.file_sha256(font) == digest


def test_a_store_linked_elsewhere_is_neither_read_nor_written_through(tmp_path: Path) -> None:
    font, folder, outside = tmp_path / "a.ttf", tmp_path / "state", tmp_path / "outside.json"
    font.write_bytes(b"one")
    folder.mkdir()
    outside.write_text(json.dumps({"planted": "0" * 64}))
    (folder / "font-hashes.json").symlink_to(outside)
    files.use_hash_store(folder / "font-hashes.json")
    files.file_sha256(font)
    assert json.loads(outside.read_text()) == {"planted": "0" * 64}  # untouched
    store = folder / "font-hashes.json"
    assert not store.is_symlink() and "planted" not in json.loads(store.read_text())
    assert [p.name for p in folder.iterdir()] == ["font-hashes.json"]  # no partial left


def test_a_fifo_or_a_folder_in_the_stores_place_costs_only_time(tmp_path: Path) -> None:
    font = tmp_path / "a.ttf"
    font.write_bytes(b"one")
    fifo = tmp_path / "fifo" / "font-hashes.json"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    files.use_hash_store(fifo)  # would block forever if it were opened
    digest = files.file_sha256(font)
    assert not fifo.is_fifo() and json.loads(fifo.read_text())  # replaced by a real store
    files._HASHES.clear()
    folder = tmp_path / "dir" / "font-hashes.json"
    folder.mkdir(parents=True)
    files.use_hash_store(folder)
    assert files.file_sha256(font) == digest
    assert [p.name for p in folder.parent.iterdir()] == ["font-hashes.json"]  # no partials


def test_a_huge_store_is_not_read_and_gone_files_are_dropped(tmp_path: Path) -> None:
    font, store = tmp_path / "a.ttf", tmp_path / "font-hashes.json"
    font.write_bytes(b"one")
    store.write_text(json.dumps({"/nowhere/x.ttf|1|2|3|4": "0" * 64, "pad": "x" * (1 << 21)}))
    files.use_hash_store(store)
    files.file_sha256(font)
    kept = json.loads(store.read_text())
    assert len(kept) == 1 and "pad" not in kept and not any("nowhere" in k for k in kept)

"""--shard I/N: the arguments, a region's shard, and the locks shards take (no rendering)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from reportgen import cli
from reportgen.config import load_project
from reportgen.errors import ConfigError, LockError
from reportgen.pipeline.driver import locked_project
from reportgen.pipeline.manifest import ManifestEntry
from reportgen.pipeline.progress import Reporter
from reportgen.pipeline.shard import Shard, parse_shard, shard_of
from reportgen.pipeline.shardpart import ShardPart, load_part, save_part

CODES = [f"{n:06d}" for n in range(110000, 110400)]


@pytest.mark.parametrize("text", ["0/2", "3/2", "a/b", "1/0", "1/", "/2", "-1/2", "1/2/3",
                                  "1.5/2", "１/２", "2/1025"])
def test_bad_shard_is_a_usage_error_naming_it(text: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.main(["-C", str(tmp_path), "build", "--shard", text])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "argument --shard:" in err
    assert "I/N" in err or "between" in err


def test_good_shards_parse() -> None:
    assert parse_shard("1/1") == Shard(1, 1)
    assert parse_shard("3/4") == Shard(3, 4)
    assert parse_shard(" 2/2 ") == Shard(2, 2)


def test_merge_needs_a_shard_count(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["merge"], ["merge", "--shards", "0"], ["merge", "--shards", "x"]):
        with pytest.raises(SystemExit) as stop:
            cli.main(["-C", str(tmp_path), *argv])
        assert stop.value.code == 2
    assert "--shards" in capsys.readouterr().err


def test_shard_with_region_or_kind_is_refused(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    for extra in (["--region", "410000"], ["--kind", "pdf"]):
        code = cli.main(["-C", str(tmp_path), "build", "--shard", "1/2", *extra])
        assert code == ConfigError.exit_code == 2
        assert "--shard builds every output of its regions" in capsys.readouterr().err


def test_every_region_has_exactly_one_shard() -> None:
    for count in (1, 2, 3, 7):
        for code in CODES:
            owners = [i for i in range(1, count + 1) if Shard(i, count).owns(code)]
            assert owners == [shard_of(code, count)]


def test_a_regions_shard_does_not_depend_on_the_other_regions() -> None:
    before = {c: shard_of(c, 5) for c in CODES}
    fewer = CODES[::3]  # regions removed: the rest stay where they were
    assert all(shard_of(c, 5) == before[c] for c in fewer)
    assert {shard_of(c, 5) for c in CODES} == {1, 2, 3, 4, 5}  # and the share is spread


def test_part_round_trip_keeps_only_the_shards_regions(tmp_path: Path) -> None:
    shard = Shard(2, 3)
    mine = next(c for c in CODES if shard.owns(c))
    other = next(c for c in CODES if not shard.owns(c))
    entries = [ManifestEntry(c, "某地", "pdf", f"{c}-某地.pdf", "ab", "cd") for c in (mine, other)]
    save_part(ShardPart(shard, "key", entries, built=[{"region_code": mine, "kind": "pdf",
                                                       "reason": "forced"}]),
              tmp_path / "output", tmp_path / "tmp")
    part = load_part(tmp_path / "output", shard)
    assert part is not None and part.inputs == "key" and part.time
    assert [e.region_code for e in part.outputs] == [mine]
    assert part.built == [{"region_code": mine, "kind": "pdf", "reason": "forced"}]
    assert load_part(tmp_path / "output", Shard(1, 3)) is None


@pytest.mark.parametrize("junk", ["", "[]", '{"shard": 2}', '{"shard": 1, "count": 3, '
                                  '"inputs": "k"}', '{"shard": 2, "count": 3, "inputs": 5}'])
def test_a_broken_or_foreign_part_reads_as_missing(tmp_path: Path, junk: str) -> None:
    folder = tmp_path / "output" / ".shards"
    folder.mkdir(parents=True)
    (folder / "2-of-3.json").write_text(junk, encoding="utf-8")
    assert load_part(tmp_path / "output", Shard(2, 3)) is None


def test_hostile_part_entries_are_left_out(tmp_path: Path) -> None:
    shard = Shard(1, 1)
    folder = tmp_path / "output" / ".shards"
    folder.mkdir(parents=True)
    payload = {"shard": 1, "count": 1, "inputs": "k", "outputs": [3, {"region_code": []}],
               "run": {"built": "x", "failed": [1, {"region_code": "110000"}]}}
    (folder / "1-of-1.json").write_text(json.dumps(payload), encoding="utf-8")
    part = load_part(tmp_path / "output", shard)
    assert part is not None and part.outputs == [] and part.built == []
    assert part.failed == [{"region_code": "110000"}]


def _hold(root: Path, shard: Shard | None, timeout: float = 0.3):  # type: ignore[no-untyped-def]
    return locked_project(load_project(root), Reporter(io.StringIO()), timeout, shard)


def test_shards_on_one_host_run_side_by_side(tmp_path: Path) -> None:
    with _hold(tmp_path, Shard(1, 2)), _hold(tmp_path, Shard(2, 2)):
        pass  # the second shard got its locks while the first held its own


def test_the_same_shard_twice_waits(tmp_path: Path) -> None:
    with _hold(tmp_path, Shard(1, 2)), pytest.raises(LockError), _hold(tmp_path, Shard(1, 2)):
        pass


def test_a_whole_build_or_merge_waits_for_shards_and_shards_for_it(tmp_path: Path) -> None:
    with _hold(tmp_path, Shard(1, 2)), pytest.raises(LockError), _hold(tmp_path, None):
        pass
    with _hold(tmp_path, None), pytest.raises(LockError), _hold(tmp_path, Shard(2, 2)):
        pass


def test_a_shard_clears_only_its_own_staging_folder(tmp_path: Path) -> None:
    state = tmp_path / ".reportgen"
    theirs = state / "shards" / "2-of-2" / "tmp" / "x.pdf"
    shared = state / "tmp" / "y.pdf"
    mine = state / "shards" / "1-of-2" / "tmp" / "z.pdf"
    for path in (theirs, shared, mine):
        path.parent.mkdir(parents=True)
        path.write_bytes(b"staged")
    with _hold(tmp_path, Shard(1, 2)):
        assert theirs.exists() and shared.exists() and not mine.exists()

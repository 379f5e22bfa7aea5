"""N shards and a merge build exactly what one build does (real builders, tiny project)."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from reportgen.config import load_project
from reportgen.errors import BuildError
from reportgen.pipeline.merge import run_merge
from reportgen.pipeline.progress import Reporter
from reportgen.pipeline.shard import Shard
from reportgen.publish.hook import Publisher
from tests.pipeline.pipelinehelp import build, make_project, tree_hash

pytestmark = pytest.mark.slow
# the shards' parts; change reports carry the build time; citations.json is written by the
# publish step, which the unsharded reference build here runs without
SHARED = (".shards/", "changes/", "citations.json")


@pytest.fixture
def whole(built_mini: Path) -> Path:
    return built_mini  # one unsharded clean build (read only)


def outputs(root: Path) -> dict[str, str]:
    return {k: v for k, v in tree_hash(root / "output").items() if not k.startswith(SHARED)}


def entries(root: Path) -> list[dict[str, object]]:
    return json.loads((root / "output" / "manifest.json").read_text("utf-8"))["outputs"]


def merge(root: Path, count: int) -> str:
    log = io.StringIO()
    run_merge(load_project(root), count, Reporter(log), hook=Publisher(Reporter(log)))
    return log.getvalue()


def build_shards(root: Path, count: int) -> None:
    for index in range(1, count + 1):
        result = build(root, shard=Shard(index, count))
        assert not result.failed
        assert not (root / "output" / "manifest.json").exists()  # the merge writes it
        assert not (root / "output" / "changes").exists()  # and publishes, once


@pytest.mark.parametrize("count", [2, 3])
def test_shards_and_merge_build_what_one_build_does(whole: Path, tmp_path: Path,
                                                    count: int) -> None:
    root = make_project(tmp_path / "proj")
    build_shards(root, count)
    said = merge(root, count)
    assert outputs(root) == outputs(whole)  # same files, same bytes
    assert entries(root) == entries(whole)
    assert f"merged {count} shards: 6 outputs" in said
    assert (root / "output" / "changes" / "latest.md").is_file()  # published by the merge
    cited = json.loads((root / "output" / "citations.json").read_text("utf-8"))["regions"]
    assert sorted(r["region_code"] for r in cited) == sorted({e["region_code"]
                                                               for e in entries(whole)})
    assert "首次构建" in (root / "output" / "changes" / "latest.md").read_text("utf-8")

    (root / "output" / ".shards" / f"{count}-of-{count}.json").unlink()
    with pytest.raises(BuildError, match=f"shard {count}/{count} is missing"):
        merge(root, count)
    assert entries(root) == entries(whole)  # a refused merge leaves the manifest as it was


def test_a_missing_shard_is_named_by_the_merge(whole: Path, tmp_path: Path) -> None:
    root = tmp_path / "proj"
    shutil.copytree(whole, root)
    manifest = (root / "output" / "manifest.json").read_bytes()
    for index in (1, 3):
        assert build(root, shard=Shard(index, 3)).built == []  # up to date: parts only
    with pytest.raises(BuildError) as refused:
        merge(root, 3)
    message = str(refused.value)
    assert "shard 2/3 is missing" in message and "output/.shards/2-of-3.json" in message
    assert "1/3" not in message and "3/3" not in message
    assert (root / "output" / "manifest.json").read_bytes() == manifest


def test_shards_of_other_data_are_refused(whole: Path, tmp_path: Path) -> None:
    root = tmp_path / "proj"
    shutil.copytree(whole, root)
    for index in (1, 2):
        build(root, shard=Shard(index, 2))  # up to date: parts only, nothing rebuilt
    config = root / "reportgen.toml"
    config.write_text(config.read_text("utf-8") + 'author = "别人"\n', encoding="utf-8")
    with pytest.raises(BuildError, match="shard 1/2 was built from different data"):
        merge(root, 2)


def test_a_shard_touches_only_its_own_regions(whole: Path, tmp_path: Path) -> None:
    root = tmp_path / "proj"
    shutil.copytree(whole, root)
    gone = plant_gone_region(root, "999999")  # no longer in the data; shard 2/3's region
    before, manifest = outputs(root), entries(root)
    for index in (1, 3):
        result = build(root, shard=Shard(index, 3))
        assert result.built == [] and result.failed == []  # up to date from the whole build
        assert outputs(root) == before and entries(root) == manifest  # 999999 untouched
    result = build(root, shard=Shard(2, 3))
    assert result.built == [] and {j.region_code for j in result.skipped} == {"410400"}
    assert not gone.exists() and (root / "output" / ".retired" / gone.name).is_file()
    assert entries(root) == manifest  # the manifest is the merge's to write
    part = json.loads((root / "output/.shards/2-of-3.json").read_text("utf-8"))
    assert [e["region_code"] for e in part["outputs"]] == ["410400", "410400"]
    (root / "output" / ".shards" / "1-of-2.json").write_text("{}", encoding="utf-8")
    merge(root, 3)
    assert entries(root) == entries(whole)
    assert sorted(p.name for p in (root / "output" / ".shards").iterdir()) == [
        "1-of-3.json", "2-of-3.json", "3-of-3.json"]  # another N's part is dropped


def plant_gone_region(root: Path, code: str) -> Path:
    manifest_path = root / "output" / "manifest.json"
    manifest = json.loads(manifest_path.read_text("utf-8"))
    entry = dict(manifest["outputs"][0], region_code=code, path=f"{code}-旧地.pdf")
    manifest["outputs"].append(entry)
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    (root / "output" / entry["path"]).write_bytes(b"%PDF old")
    return root / "output" / entry["path"]

from __future__ import annotations

import json
from pathlib import Path

from reportgen.pipeline.manifest import Manifest, ManifestEntry, load_manifest, save_manifest


def test_roundtrip_and_contract_fields(tmp_path: Path) -> None:
    manifest = Manifest()
    manifest.put(ManifestEntry("411200", "三门峡市", "pdf", "411200-三门峡市.pdf", "ab", "fp",
                               {"data": "1"}))
    manifest.put(ManifestEntry("410400", "平顶山市", "pptx", "410400-平顶山市.pptx", "cd", "fp2"))
    save_manifest(manifest, tmp_path, tmp_path / ".tmp")
    payload = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    first = payload["outputs"][0]
    for key in ("region_code", "region_name", "kind", "path", "sha256", "fingerprint"):
        assert key in first
    assert first["region_code"] == "410400"  # sorted: stable file
    again = load_manifest(tmp_path)
    assert again.entry("411200", "pdf") == manifest.entry("411200", "pdf")


def test_put_replaces_same_region_and_kind() -> None:
    manifest = Manifest()
    manifest.put(ManifestEntry("411200", "三门峡市", "pdf", "a.pdf", "1", "f1"))
    manifest.put(ManifestEntry("411200", "三门峡市", "pdf", "a.pdf", "2", "f2"))
    assert [e.sha256 for e in manifest.outputs] == ["2"]


def test_unreadable_manifest_means_rebuild_everything(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    assert load_manifest(tmp_path).outputs == []


def test_entries_of_the_wrong_shape_are_left_out(tmp_path: Path) -> None:
    good = {"region_code": "410400", "region_name": "平顶山市", "kind": "pdf",
            "path": "410400-平顶山市.pdf", "sha256": "ab", "fingerprint": "fp"}
    hostile = [1, "x", None, {**good, "region_code": ["x"]}, {**good, "path": 5},
               {**good, "parts": [1]}, {**good, "parts": {"data": 1}}, {**good, "sha256": None},
               {"path": "a.pdf"}]
    (tmp_path / "manifest.json").write_text(
        json.dumps({"outputs": [*hostile, good], "data_changes": [1]}), encoding="utf-8")
    manifest = load_manifest(tmp_path)
    assert [e.path for e in manifest.outputs] == ["410400-平顶山市.pdf"]
    assert manifest.data_changes == {}
    assert {e.key for e in manifest.outputs} == {("410400", "pdf")}  # hashable keys

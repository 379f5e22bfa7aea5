"""The shipped repository data validates (its warnings are the sources' own conflicts)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from datahelp import run_cli, tree_hash

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(autouse=True)
def _no_env_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REPORTGEN_SOURCES_DIR", raising=False)


def _findings(capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object]]:
    code, out = run_cli(capsys, REPO, "validate", "--format", "json")
    return code, json.loads(out)


def test_repository_data_validates(capsys: pytest.CaptureFixture[str]) -> None:
    before = tree_hash(REPO / "data")
    code, payload = _findings(capsys)
    assert code == 0, json.dumps(payload, ensure_ascii=False, indent=1)
    assert payload["errors"] == 0
    assert tree_hash(REPO / "data") == before


@pytest.mark.skipif(not SEEDS.is_dir(), reason="source documents ../shared/seeds are absent")
def test_repository_provenance_against_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    code, payload = _findings(capsys)
    findings = payload["findings"]
    assert isinstance(findings, list)
    found = {f["code"] for f in findings}
    assert "provenance-skipped" not in found  # the check really ran
    assert not {"quote-not-found", "missing-document"} & found
    assert code == 0

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportgen.data.model import Dataset, Observation
from reportgen.data.periods import parse_period
from reportgen.pipeline.changes import describe, diff, snapshot


def _obs(value: str, region: str = "410400",
         indicator: str = "poverty_exit_persons") -> Observation:
    return Observation(region, indicator, parse_period("2019"), Decimal(value), "人", value, "人",
                       Decimal("0.5"), "src", f"脱贫{value}人")


def _dataset(*observations: Observation) -> Dataset:
    return Dataset({}, {}, {}, list(observations))


def test_first_build_counts_everything() -> None:
    changes = diff(None, snapshot(_dataset(_obs("1"), _obs("2", region="411200"))))
    assert changes["first_build"] and changes["added"] == 2
    assert describe(changes) == "data: first build, 2 observations"


def test_added_removed_changed() -> None:
    old = snapshot(_dataset(_obs("1"), _obs("5", region="411200")))
    new = snapshot(_dataset(_obs("2"), _obs("7", indicator="poverty_exit_households")))
    changes = diff(old, new)
    assert (changes["added"], changes["removed"], changes["changed"]) == (1, 1, 1)
    changed = [r for r in changes["rows"] if r["change"] == "changed"]
    assert changed[0]["old"] == "1" and changed[0]["value"] == "2"


def test_no_change() -> None:
    snap = snapshot(_dataset(_obs("1")))
    assert describe(diff(snap, dict(snap))) == "data: no change since the previous build"


def test_snapshot_of_the_wrong_shape_counts_as_none(tmp_path: Path) -> None:
    import json

    from reportgen.pipeline.changes import load_snapshot

    path = tmp_path / "snapshot.json"
    for hostile in ({"a": "b"}, {"a": {"value": 1}}, {"a": {"unit": "人"}}, [1]):
        path.write_text(json.dumps(hostile), encoding="utf-8")
        assert load_snapshot(path) is None
    path.write_text(json.dumps({"k": {"value": "1", "unit": "人"}}), encoding="utf-8")
    assert load_snapshot(path) == {"k": {"value": "1", "unit": "人"}}

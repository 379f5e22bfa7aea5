"""Locating tables, load_valid_dataset, and keeping the load path light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from datahelp import OBS, SAMPLES, make_project, observations, run_cli

from reportgen.config import load_project
from reportgen.data.load import load_dataset, load_valid_dataset
from reportgen.errors import DataError


def test_clean_dataset_contents() -> None:
    dataset = load_valid_dataset(load_project(SAMPLES / "data-clean"))
    assert len(dataset.regions) == 4 and len(dataset.indicators) == 8
    assert dataset.findings == []
    first = dataset.observations[0]
    assert first.location is not None and (first.location.file, first.location.row) == (OBS, 2)
    pds = next(o for o in dataset.observations if o.region_code == "410400")
    assert (str(pds.value), pds.unit, pds.value_written, pds.unit_written) == (
        "51000", "人", "5.1", "万人")


def test_load_valid_dataset_raises_with_the_errors(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"data/observations/x.csv": observations(
        "410482,nope,2019,1,人,doc-a,q,,", "410482,poverty_exit_persons,2019,x,人,doc-a,q,,")})
    with pytest.raises(DataError) as info:
        load_valid_dataset(load_project(root))
    assert [f.code for f in info.value.findings] == ["unknown-indicator", "not-a-number"]
    assert "2 errors" in str(info.value)


def test_every_problem_of_a_row_is_reported(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"data/observations/x.csv": observations(
        "419999,poverty_exit_persons,2019年,-5,人口,doc-z,2019年脱贫8000人,,maybe")})
    findings = load_dataset(load_project(root)).findings
    assert sorted((f.code, f.column) for f in findings) == [
        ("bad-flag", "flag"), ("bad-period", "period"), ("negative-value", "value"),
        ("unknown-region", "region_code"), ("unknown-source", "source_id"),
        ("unknown-unit", "unit")]
    assert all(f.row == 2 and f.file == "data/observations/x.csv" for f in findings)


def test_lock_files_are_ignored_and_old_sheets_warned(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p", {"data/observations/~$doc-a.xlsx": b"lock",
                                         "data/observations/old.xls": b"\xd0\xcf"})
    code, out = run_cli(capsys, root, "validate")
    assert code == 0, out
    assert "data/observations/old.xls: warning: old.xls is not read" in out
    assert "~$" not in out


def test_single_file_tables_and_duplicates(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    (root / "data/observations/doc-a.csv").rename(root / "data/observations.csv")
    (root / "data/observations").rmdir()
    code, out = run_cli(capsys, root, "validate")
    assert code == 0 and "12 observations" in out, out
    (root / "data/regions.xlsx").write_bytes(b"")
    code, out = run_cli(capsys, root, "validate")
    assert code == 1 and "both data/regions.csv and data/regions.xlsx exist" in out


def test_missing_tables(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    (root / "data/regions.csv").unlink()
    (root / OBS).unlink()
    findings = {f.code: f for f in load_dataset(load_project(root)).findings}
    assert findings["missing-regions"].is_error
    assert not findings["missing-observations"].is_error


def test_validate_imports_neither_pandas_nor_openpyxl() -> None:
    """No-op builds load the data: that path must stay light for CSV projects."""
    code = (
        "import sys; from reportgen.config import load_project; "
        "from reportgen.data.load import load_dataset; "
        f"d = load_dataset(load_project({str(SAMPLES / 'data-clean')!r})); "
        "assert len(d.observations) == 12; "
        "print(sorted(m for m in ('pandas', 'openpyxl', 'numpy') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"

"""Bad inputs through the CLI: exit code, message naming file/row/column, tree untouched."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from datahelp import OBS, make_project, observations, run_cli, tree_hash

GOOD = "410482,poverty_exit_persons,2019,8000,人,doc-a,2019年脱贫8000人,,"


def check_rejected(capsys: pytest.CaptureFixture[str], root: Path, where: str,
                   *needles: str) -> str:
    """validate exits 1, names ``where`` and every needle; export refuses; nothing changed."""
    before = tree_hash(root)
    code, out = run_cli(capsys, root, "validate")
    assert code == 1, out
    assert where in out, out
    for needle in needles:
        assert needle in out, out
    code, err = run_cli(capsys, root, "data", "export", "--format", "csv")
    assert code == 1 and "error" in err
    assert tree_hash(root) == before
    return out


CASES = {
    "non-numeric": (GOOD.replace(",8000,人,", ",约5万,人,"), "column 'value'",
                    ("not a number", "write the number only (5)", "(万人)", "put 约 in note")),
    "negative-count": (GOOD.replace(",8000,", ",-8000,"), "column 'value'", ("negative",)),
    "fractional-count": (GOOD.replace(",8000,人,", ",1.23456,万人,"), "column 'value'",
                         ("counts 人",)),
    "unknown-region": (GOOD.replace("410482", "419999"), "column 'region_code'",
                       ("unknown region '419999'", "2019年脱贫8000人")),
    "bad-region-code": (GOOD.replace("410482", "41048"), "column 'region_code'",
                        ("not 6 digits",)),
    "unknown-unit": (GOOD.replace(",人,doc", ",人口,doc"), "column 'unit'",
                     ("unknown unit '人口'",)),
    "wrong-unit": (GOOD.replace(",人,doc", ",万元,doc"), "column 'unit'",
                   ("indicator is measured in 人",)),
    "unknown-indicator": (GOOD.replace("poverty_exit_persons", "exits"),
                          "column 'indicator_id'", ("unknown indicator 'exits'",)),
    "unknown-source": (GOOD.replace("doc-a", "doc-z"), "column 'source_id'", ("doc-z",)),
    "bad-period": (GOOD.replace(",2019,", ",2019年,"), "column 'period'", ("not understood",)),
    "percent-range": ("410482,poverty_incidence,2019-12-31,126,%,doc-a,贫困发生率0.26%,,",
                      "column 'value'", ("outside 0–100",)),
    "bad-flag": (GOOD + "conflict", "column 'flag'", ("source-conflict",)),
    "empty-quote": (GOOD.replace("2019年脱贫8000人", ""), "column 'quote'", ("quote is empty",)),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_observation_row(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                             case: str) -> None:
    row, column, needles = CASES[case]
    root = make_project(tmp_path / "p", {"data/observations/extra.csv": observations(row)})
    check_rejected(capsys, root, f"data/observations/extra.csv, row 2, {column}", *needles)


def test_malformed_csv_names_row_and_column(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    bad = '410482,poverty_exit_persons,2019,8000,人,doc-a,"2019年脱贫8000人,,'
    root = make_project(tmp_path / "p", {OBS: observations(GOOD, bad, GOOD)})
    check_rejected(capsys, root, f"{OBS}, row 3, column 'quote'", "malformed CSV")


def test_row_with_more_cells_than_header(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p", {OBS: observations(GOOD, GOOD + ",extra")})
    check_rejected(capsys, root, f"{OBS}, row 3", "10 cells but the header has 9")


def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p", {OBS: b""})
    check_rejected(capsys, root, OBS, "is empty (no header row)")


def test_header_only_regions_is_an_error(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p", {"data/regions.csv": "code,name,level,parent_code\n"})
    check_rejected(capsys, root, "data/regions.csv", "has a header but no rows")


def test_missing_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = observations(GOOD).replace(",quote,", ",quot,")
    root = make_project(tmp_path / "p", {OBS: text})
    out = check_rejected(capsys, root, f"{OBS}, row 1, column 'quote'", "missing column(s) quote",
                         "found: region_code")
    assert "unknown column" not in out  # the missing column is the error that matters


def test_conflicting_duplicates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = GOOD.replace(",8000,", ",8100,")
    root = make_project(tmp_path / "p", {"data/observations/extra.csv": observations(other)})
    check_rejected(capsys, root, "data/observations/extra.csv, row 2, column 'value'",
                   "different values", f"{OBS}:6", "data/observations/extra.csv:2")


def test_flagged_duplicates_are_a_warning(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    clean = (Path(__file__).parents[1] / "projects/data-clean" / OBS).read_text("utf-8")
    flagged = clean.replace("2019年脱贫8000人,,", "2019年脱贫8000人,,source-conflict")
    other = GOOD.replace(",8000,", ",8100,") + "source-conflict"
    root = make_project(tmp_path / "p", {OBS: flagged,
                                         "data/observations/extra.csv": observations(other)})
    code, out = run_cli(capsys, root, "validate")
    assert code == 0, out
    assert "warning: sources disagree" in out and f"{OBS}:6" in out


def test_identical_duplicate_from_another_source_is_fine(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p", {"data/observations/extra.csv": observations(GOOD)})
    code, out = run_cli(capsys, root, "validate")
    assert code == 0 and "0 warnings" in out, out


def test_xlsx_with_title_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["汝州市脱贫攻坚数据表"])
    sheet.append([])
    sheet.append(["region_code", "indicator_id", "period", "value", "unit", "source_id",
                  "quote"])
    sheet.append([410482, "poverty_exit_persons", 2019, 8000, "人", "doc-a", "2019年脱贫8000人"])
    workbook.save(root / "data/observations/extra.xlsx")
    check_rejected(capsys, root, "data/observations/extra.xlsx, row 1",
                   "row 1 is not the header; the header was found in row 3")


def test_indicator_and_region_table_errors(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    regions = (Path(__file__).parents[1] / "projects/data-clean/data/regions.csv").read_text()
    root = make_project(tmp_path / "p", {
        "data/regions.csv": regions + "410423,鲁山县,county,410499\n410424,某县,town,410400\n",
        "data/indicators/more.csv": "id,name,unit,category,aggregate,part_of\n"
        "Bad-Id,坏,人,x,sum,\nok_id,好,万人,x,sum,\nok_two,好,人,,total,nothing\n",
    })
    out = check_rejected(capsys, root, "data/regions.csv, row 6, column 'parent_code'",
                         "data/regions.csv, row 7, column 'level'",
                         "data/indicators/more.csv, row 2, column 'id'",
                         "data/indicators/more.csv, row 3, column 'unit'",
                         "data/indicators/more.csv, row 4, column 'category'",
                         "data/indicators/more.csv, row 4, column 'aggregate'",
                         "data/indicators/more.csv, row 4, column 'part_of'")
    assert out.count("error:") == 7, out

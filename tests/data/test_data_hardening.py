"""Issue 13, data side: strict numbers, located errors for cells, periods and files."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from datahelp import OBS, make_project, observations, run_cli, tree_hash

GOOD = "410482,poverty_exit_persons,2019,8000,人,doc-a,2019年脱贫8000人,,"


def _rejected(capsys: pytest.CaptureFixture[str], root: Path, *needles: str) -> str:
    before = tree_hash(root)
    code, out = run_cli(capsys, root, "validate")
    assert code == 1, out
    for needle in needles:
        assert needle in out, out
    assert "Traceback" not in out
    assert tree_hash(root) == before
    return out


@pytest.mark.parametrize(("value", "needle"), [
    ("\"2,5\"", "千位分隔符位置不对"),
    ("\"1,23\"", "千位分隔符位置不对"),
    ("1_000", "含下划线"),
    ("١٢٣", "含非 ASCII 数字"),
    ("1e28", "科学计数法"),
    ("10000000000000000000000000000", "过大"),
    ("NaN", "不是数字"),
    ("inf", "不是数字"),
    ("8000.1234567", "小数位过多"),
])
def test_strict_numbers_are_located_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           value: str, needle: str) -> None:
    root = make_project(tmp_path / "p", {OBS: observations(GOOD.replace(",8000,", f",{value},"))})
    out = _rejected(capsys, root, needle, "第2行", "value列")
    assert "InvalidOperation" not in out


@pytest.mark.parametrize("value", ['"8,000"', "８０００", "8000.0"])
def test_valid_groups_and_full_width_digits_are_read(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str],
                                                     value: str) -> None:
    root = make_project(tmp_path / "p", {OBS: observations(GOOD.replace(",8000,", f",{value},"))})
    code, out = run_cli(capsys, root, "validate")
    assert code == 0, out


@pytest.mark.parametrize("period", ["0000", "9999", "0000-12-31", "cumulative:0000", "1900-2020"])
def test_absurd_years_are_located_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         period: str) -> None:
    root = make_project(tmp_path / "p", {OBS: observations(GOOD.replace(",2019,", f",{period},"))})
    _rejected(capsys, root, "period列", "1949–2100")


def test_control_characters_are_errors_and_escaped(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    row = GOOD.replace("2019年脱贫8000人", "2019年\x1b[31m脱贫8000人\x07")
    root = make_project(tmp_path / "p", {OBS: observations(row)})
    out = _rejected(capsys, root, "控制字符", "quote列", "第2行", "\\x1b")
    assert "\x1b" not in out and "\x07" not in out
    code, err = run_cli(capsys, root, "data", "export", "--format", "xlsx",
                        "-o", str(tmp_path / "x.xlsx"))
    assert code == 1 and "Traceback" not in err


def test_oversized_cell_is_an_error_with_its_start(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    row = GOOD.replace("2019年脱贫8000人", "2019年脱贫8000人" + "长" * 20_000)
    root = make_project(tmp_path / "p", {OBS: observations(row)})
    out = _rejected(capsys, root, "单元格过长", "quote列", "2019年脱贫8000人长")
    assert len(out) < 5_000


def test_xlsx_whose_parts_decompress_too_large_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import reportgen.data.workbook as workbook

    monkeypatch.setattr(workbook, "MAX_XLSX_MEMBER_BYTES", 1_000_000)
    root = make_project(tmp_path / "p")
    with zipfile.ZipFile(root / "data/observations/big.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", "<sst>" + "a" * 2_000_000 + "</sst>")
    _rejected(capsys, root, "data/observations/big.xlsx", "超过上限")


def _dangling(path: Path) -> None:
    path.symlink_to(path.parent / "nowhere.csv")


def _loop(path: Path) -> None:
    path.symlink_to(path)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.mkdir()


@pytest.mark.parametrize("make", [_dangling, _loop, _fifo, _folder])
def test_unreadable_data_entries_are_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              make) -> None:  # type: ignore[no-untyped-def]
    root = make_project(tmp_path / "p")
    make(root / "data/observations/extra.csv")
    _rejected(capsys, root, "data/observations/extra.csv", "无法读取 extra.csv")


def test_unreadable_permission_is_a_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path / "p")
    target = root / "data/observations/doc-a.csv"
    original = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self == target:
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)  # root ignores chmod 000
    code, out = run_cli(capsys, root, "validate")
    assert code == 1, out
    assert "data/observations/doc-a.csv" in out and "无法读取该文件" in out, out


@pytest.mark.parametrize("rel", ["data/observations/doc-a.csv", "data/regions.csv",
                                 "data/observations", "data"])
def test_data_linked_out_of_the_project_is_a_finding_and_never_read(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], rel: str) -> None:
    root = make_project(tmp_path / "p")
    outside = tmp_path / "outside" / Path(rel).name
    outside.parent.mkdir()
    shutil.move(root / rel, outside)  # a perfectly good table, but outside the project
    (root / rel).symlink_to(outside, target_is_directory=outside.is_dir())
    out = _rejected(capsys, root, "指向项目之外的符号链接", "不读取")
    assert Path(rel).name in out

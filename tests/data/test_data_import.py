"""reportgen data import: a wide statistics table into observations, cited to the cell."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from importhelp import BOOK, ROWS, make_book, make_project

from reportgen.cli import main


def run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["-C", str(root), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "p")
    make_book(root / BOOK)
    return root


def test_wide_table_imports_with_codes_units_years_and_cells(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, project, "data", "import", str(project / BOOK))
    assert code == 0, out
    assert "导入24个数字（工作表：2019年、2020年），0个警告" in out
    obs = rows(project / "data/observations/平顶山市脱贫攻坚统计表.csv")
    assert len(obs) == 24  # 4 regions × 3 indicators × 2 years; 合计 and the note are not
    first = obs[0]
    assert (first["region_code"], first["period"], first["value"], first["unit"],
            first["cell"], first["quote"]) == ("410402", "2019", "1.2", "万人", "2019年!B4", "")
    assert {o["region_code"] for o in obs} == {"410402", "410423", "410422", "410425"}
    assert {o["period"] for o in obs} == {"2019", "2020"}
    indicators = rows(project / "data/indicators/平顶山市脱贫攻坚统计表.csv")
    assert [(i["name"], i["unit"]) for i in indicators] == [
        ("贫困人口", "人"), ("脱贫户数", "户"), ("贫困村", "个")]
    assert all(i["id"].startswith("ind_") and i["id"].isascii() for i in indicators)
    regions = rows(project / "data/regions/平顶山市脱贫攻坚统计表.csv")
    assert [r["name"] for r in regions] == ["新华区", "叶县", "鲁山县", "郏县"]
    assert (project / "sources" / BOOK).is_file()  # copied for the provenance check
    code, out = run(capsys, project, "validate")
    assert code == 0 and "共24条数据，0个错误，0个警告" in out, out


def test_ids_are_stable_and_reuse_the_project_indicators(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = []
    for name in ("a", "b"):
        root = make_project(tmp_path / name)
        make_book(root / BOOK)
        assert run(capsys, root, "data", "import", str(root / BOOK))[0] == 0
        ids.append([i["id"] for i in rows(root / "data/indicators/平顶山市脱贫攻坚统计表.csv")])
    assert ids[0] == ids[1]
    root = make_project(tmp_path / "own")
    (root / "data/indicators.csv").write_text(
        "id,name,unit,category,aggregate\npoor_persons,贫困人口,人,脱贫攻坚,stock\n",
        encoding="utf-8")
    make_book(root / BOOK)
    assert run(capsys, root, "data", "import", str(root / BOOK))[0] == 0
    obs = rows(root / "data/observations/平顶山市脱贫攻坚统计表.csv")
    assert "poor_persons" in {o["indicator_id"] for o in obs}
    new = rows(root / "data/indicators/平顶山市脱贫攻坚统计表.csv")
    assert "贫困人口" not in {i["name"] for i in new}


def test_changed_cell_is_a_provenance_error(project: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, project, "data", "import", str(project / BOOK))[0] == 0
    book = openpyxl.load_workbook(project / "sources" / BOOK)
    book["2020年"]["C5"] = 9999
    book.save(project / "sources" / BOOK)
    code, out = run(capsys, project, "validate")
    assert code == 1
    assert ("data/observations/平顶山市脱贫攻坚统计表.csv 第19行 cell列：错误："
            f"{BOOK} 的单元格 2020年!C5 为“9999”，而该行数值为“5600”") in out, out


def test_wrong_total_is_a_located_warning(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    make_book(root / BOOK, total_shift=0.3)
    code, out = run(capsys, root, "data", "import", str(root / BOOK))
    assert code == 0, out
    assert (f"{BOOK}（工作表“2019年”） 第8行 B（贫困人口 / （万人））列：警告："
            "合计行为20.4，而4个地区之和为20.1，相差0.3") in out, out


def test_total_within_rounding_is_fine(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    make_book(root / BOOK, total_shift=0.1)  # 20.2 vs 20.1: within the written digits' slack
    code, out = run(capsys, root, "data", "import", str(root / BOOK))
    assert code == 0 and "0个警告" in out, out


def test_unknown_region_is_a_located_error_and_nothing_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    make_book(root / BOOK, [*ROWS, ("鲁山新县", 1.0, 10, 1)])
    code, out = run(capsys, root, "data", "import", str(root / BOOK))
    assert code == 1
    assert (f"{BOOK}（工作表“2019年”） 第8行 A列：错误："
            "地区名称“鲁山新县”不在地区表（GB/T 2260）中") in out, out
    assert "[regions]" in out  # the hint says how to map it
    assert not (root / "data/observations").exists()


def test_ambiguous_region_is_an_error_unless_scoped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p", regions="130000,河北省,province,\n"
                        "410000,河南省,province,\n")
    make_book(root / BOOK, [("新华区", 1.2, 350, 3), ("郏县", 4.3, 1200, 21)])
    code, out = run(capsys, root, "data", "import", str(root / BOOK))
    assert code == 1
    assert "地区名称“新华区”有3个：130105（河北省石家庄市新华区）" in out, out
    assert "--parent" in out
    code, out = run(capsys, root, "data", "import", "--parent", "410400", str(root / BOOK))
    assert code == 0, out
    obs = rows(root / "data/observations/平顶山市脱贫攻坚统计表.csv")
    assert {o["region_code"] for o in obs} == {"410402", "410425"}


def test_header_without_unit_is_a_located_error(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    make_book(root / BOOK, unit="")
    code, out = run(capsys, root, "data", "import", str(root / BOOK))
    assert code == 1
    assert (f"{BOOK}（工作表“2019年”） 第3行 B（贫困人口）列：错误："
            "列“贫困人口”的表头没有写单位") in out, out
    mapping = root / "map.toml"
    mapping.write_text('[units]\n"贫困人口" = "人"\n', encoding="utf-8")
    code, out = run(capsys, root, "data", "import", "--mapping", str(mapping), str(root / BOOK))
    assert code == 0, out


def test_second_import_refuses_to_overwrite(project: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, project, "data", "import", str(project / BOOK))[0] == 0
    before = (project / "data/observations/平顶山市脱贫攻坚统计表.csv").read_bytes()
    code, out = run(capsys, project, "data", "import", str(project / BOOK))
    assert code == 2 and "不覆盖已有的文件" in out, out
    assert (project / "data/observations/平顶山市脱贫攻坚统计表.csv").read_bytes() == before


def test_output_folder_and_gbk_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    table = root / "表.csv"
    table.write_bytes("2020年各县贫困人口\n县,贫困人口（人）\n鲁山县,8500\n郏县,4300\n"
                      "合计,12800\n".encode("gbk"))
    code, out = run(capsys, root, "data", "import", "-o", str(tmp_path / "out"), str(table))
    assert code == 0, out
    obs = rows(tmp_path / "out/observations/表.csv")
    assert [(o["region_code"], o["period"], o["cell"]) for o in obs] == [
        ("410423", "2020", "B3"), ("410425", "2020", "B4")]
    assert not (root / "data/observations").exists()


def test_output_into_templates_and_data_linked_out_are_refused(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, project, "data", "import", "-o", str(project / "templates/x"),
                    str(project / BOOK))
    assert code == 2 and "templates/" in out, out
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (project / "data/observations").symlink_to(outside)
    code, out = run(capsys, project, "data", "import", str(project / BOOK))
    assert code == 1 and "项目之外" in out, out
    assert list(outside.iterdir()) == []


def test_year_columns_under_a_merged_header(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Sheet1"
    ws.append(["各县贫困人口及贫困村情况"])
    ws.append(["序号", "县（市、区）", "贫困人口（人）", None, "贫困发生率（%）"])
    ws.append([None, None, "2019年", "2020年", "2020年"])
    ws.merge_cells("C2:D2")
    ws.append([1, "鲁山县", 8500, 0, 0.5])
    ws.append([2, "郏县", 4300, 0, 0.3])
    ws.append([None, "合计", 12800, 0, None])
    book.save(root / "t.xlsx")
    code, out = run(capsys, root, "data", "import", str(root / "t.xlsx"))
    assert code == 0 and "导入6个数字" in out, out
    obs = rows(root / "data/observations/t.csv")
    assert [(o["region_code"], o["period"], o["value"], o["unit"], o["cell"]) for o in obs][:3] \
        == [("410423", "2019", "8500", "人", "Sheet1!C4"), ("410425", "2019", "4300", "人",
                                                             "Sheet1!C5"),
            ("410423", "2020", "0", "人", "Sheet1!D4")]
    rates = [i for i in rows(root / "data/indicators/t.csv") if i["unit"] == "%"]
    assert [(i["name"], i["aggregate"]) for i in rates] == [("贫困发生率", "none")]

"""Binding raw rows to a table's columns: order, absent columns, short and long rows."""

from __future__ import annotations

from reportgen.data.read import RawRow, RawTable
from reportgen.data.schema import REGIONS, bind


def _table(*rows: list[str]) -> RawTable:
    return RawTable("data/regions.csv", [RawRow(n, list(r)) for n, r in enumerate(rows, 1)])


def test_columns_in_any_order_and_absent_optional_columns_read_empty() -> None:
    records, findings = bind(_table(["level", "Name", "code", "extra"],
                                    ["city", "平顶山市", "410400", "x"]), REGIONS)
    assert [f.code for f in findings] == ["unknown-column"]
    (rec,) = records
    assert (rec.get("code"), rec.get("name"), rec.get("level")) == ("410400", "平顶山市", "city")
    assert rec.get("parent_code") == "" and rec.get("no-such-column") == ""
    assert rec.cells == ("410400", "平顶山市", "city", "")  # the schema's order


def test_short_rows_pad_and_trailing_empty_cells_are_ignored() -> None:
    records, findings = bind(_table(["code", "name", "level", "parent_code"],
                                    ["410400", "平顶山市"], ["410482", "汝州市", "county",
                                                          "410400", "", ""]), REGIONS)
    assert [(f.code, f.row, f.column) for f in findings] == [("empty-cell", 2, "level")]
    assert [r.cells for r in records] == [("410400", "平顶山市", "", ""),
                                          ("410482", "汝州市", "county", "410400")]


def test_extra_filled_cells_are_refused_with_the_row() -> None:
    records, findings = bind(_table(["code", "name", "level"],
                                    ["410400", "平顶山市", "city", "oops"]), REGIONS)
    assert records == []
    assert [(f.code, f.row) for f in findings] == [("too-many-cells", 2), ("no-rows", None)]


def test_too_long_name_is_located() -> None:
    _, findings = bind(_table(["code", "name", "level"], ["410400", "长" * 61, "city"]),
                       REGIONS)
    assert [(f.code, f.row, f.column) for f in findings] == [("too-long", 2, "name")]


def test_data_under_an_empty_header_cell_is_named_once() -> None:
    records, findings = bind(_table(["code", "", "name", "level", ""],
                                    ["410400", "", "平顶山市", "city", ""],
                                    ["410482", "x", "汝州市", "county", "y"]), REGIONS)
    assert len(records) == 2
    assert [(f.code, f.row) for f in findings] == [("unnamed-column", 3)]
    assert "第2列没有列名" in findings[0].message

"""A realistic wide statistics workbook, made with openpyxl, and a project to import it into."""

from __future__ import annotations

from pathlib import Path

import openpyxl

ROWS = [("新华区", 1.2, 350, 3), ("鲁山县", 8.5, 2800, 46), ("叶 县", 6.1, 1900, 38),
        ("郏县", 4.3, 1200, 21)]
BOOK = "平顶山市脱贫攻坚统计表.xlsx"


def make_project(root: Path, *, regions: str = "410000,河南省,province,\n"
                 "410400,平顶山市,city,410000\n") -> Path:
    (root / "data").mkdir(parents=True)
    (root / "reportgen.toml").write_text('issuer = "平顶山市乡村振兴局"\nsources_dir = "sources"\n',
                                         encoding="utf-8")
    (root / "data/regions.csv").write_text("code,name,level,parent_code\n" + regions,
                                           encoding="utf-8")
    return root


def make_book(path: Path, rows: list[tuple[str, float, int, int]] | None = None, *,
              total_shift: float = 0.0, unit: str = "（万人）") -> Path:
    """Two sheets (2019年, 2020年): merged title, two-row merged header with the unit of
    贫困人口 in its own row, region names (one padded), a 合计 row and a note below."""
    rows = rows or ROWS
    book = openpyxl.Workbook()
    book.remove(book.active)
    for year, scale in (("2019年", 1), ("2020年", 2)):
        ws = book.create_sheet(year)
        ws.append([f"平顶山市{year}脱贫攻坚主要指标"])
        ws.merge_cells("A1:D1")
        ws.append(["地区", "贫困人口", "脱贫户数（户）", "贫困村（个）"])
        ws.append([None, unit])
        for cells in ("A2:A3", "C2:C3", "D2:D3"):
            ws.merge_cells(cells)
        for name, persons, households, villages in rows:
            ws.append([name, persons * scale, households * scale, villages])
        ws.append(["合计", round(sum(r[1] for r in rows) * scale + total_shift, 1),
                   sum(r[2] for r in rows) * scale, sum(r[3] for r in rows)])
        ws.append(["注：数据来自扶贫开发信息系统"])
    book.save(path)
    return path

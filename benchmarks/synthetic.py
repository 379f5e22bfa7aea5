"""Generate a SYNTHETIC project (fake regions and figures) for benchmarks only.

Every region code starts with 99 (not a GB/T 2260 code) and every name says 合成;
the figures are random but internally consistent (children never exceed parents).
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE_ID = "synthetic"
YEARS = range(2016, 2021)


def _regions(count: int) -> list[tuple[str, str, str, str]]:
    cities = max(1, round((count - 1) / 10))
    rows = [("990000", "合成省", "province", "")]
    for c in range(1, cities + 1):
        rows.append((f"99{c:02d}00", f"合成{c:02d}市", "city", "990000"))
    county = 0
    while len(rows) < count:
        c = county % cities + 1
        k = county // cities + 1
        rows.append((f"99{c:02d}{k:02d}", f"合成{c:02d}{k:02d}县", "county", f"99{c:02d}00"))
        county += 1
    return rows


def _leaf_values(rng: random.Random) -> dict[str, int]:
    persons = {y: rng.randint(2000, 9000) for y in YEARS}
    return {**{f"p{y}": v for y, v in persons.items()},
            **{f"h{y}": v // 3 for y, v in persons.items()},
            "villages": rng.randint(10, 60), "teams": rng.randint(10, 60)}


def _rows_for(code: str, values: dict[str, int]) -> list[list[str]]:
    rows = []
    for y in YEARS:
        rows.append([code, "poverty_exit_persons", str(y), str(values[f"p{y}"]), "人"])
        rows.append([code, "poverty_exit_households", str(y), str(values[f"h{y}"]), "户"])
    rows.append([code, "poor_villages", "2015-12-31", str(values["villages"]), "个"])
    rows.append([code, "village_work_teams", "2020-12-31", str(values["teams"]), "支"])
    return [[*r, SOURCE_ID, f"合成数据 {r[1]} {r[2]} {r[3]}{r[4]}", "synthetic", ""]
            for r in rows]


def make_project(dest: Path, count: int = 200, seed: int = 7, copies: int = 1) -> Path:
    """Write a complete project (data, templates, fonts) with ``count`` regions into dest.

    ``copies`` > 1 repeats every observation row (the same figure cited again, identical
    value: no finding) to reach large row counts; regions are capped by the code scheme."""
    rng = random.Random(seed)
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "data" / "observations").mkdir(parents=True)
    shutil.copytree(REPO / "data" / "indicators", dest / "data" / "indicators")
    shutil.copytree(REPO / "templates", dest / "templates")
    shutil.copytree(REPO / "fonts", dest / "fonts")
    (dest / "reportgen.toml").write_text('issuer = "合成数据（基准测试）"\n', encoding="utf-8")
    regions = _regions(count)
    _write(dest / "data" / "regions.csv", ["code", "name", "level", "parent_code"], regions)
    _write(dest / "data" / "sources.csv", ["id", "title", "publisher", "date", "file"],
           [(SOURCE_ID, "合成基准数据（非真实数据）", "reportgen benchmark", "2021", "none.txt")])
    values = _aggregate(regions, rng)
    obs = [row for code, *_ in regions for row in _rows_for(code, values[code])] * copies
    header = ["region_code", "indicator_id", "period", "value", "unit", "source_id", "quote",
              "note", "flag"]
    _write(dest / "data" / "observations" / "synthetic.csv", header, obs)
    return dest


def _aggregate(regions: list[tuple[str, str, str, str]],
               rng: random.Random) -> dict[str, dict[str, int]]:
    values: dict[str, dict[str, int]] = {}
    for code, _, level, _ in regions:
        if level == "county":
            values[code] = _leaf_values(rng)
    for level in ("city", "province"):
        for code, _, lvl, _ in regions:
            if lvl != level:
                continue
            kids = [values[c] for c, _, _, parent in regions if parent == code and c in values]
            own = _leaf_values(rng)
            values[code] = {k: own[k] + sum(v[k] for v in kids) for k in own}
    return values


def _write(path: Path, header: list[str], rows: list) -> None:  # type: ignore[type-arg]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--regions", type=int, default=200)
    parser.add_argument("--copies", type=int, default=1, help="repeat every observation row")
    args = parser.parse_args()
    print(make_project(args.dest, args.regions, copies=args.copies))

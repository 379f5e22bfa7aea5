"""Region names → six-digit codes, through the project's regions and the shipped GB/T 2260
table (reportgen/defaults/regions/gbt2260.csv), scoped where a name is ambiguous."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportgen.data.model import Region

TABLE = Path(__file__).resolve().parents[2] / "defaults" / "regions" / "gbt2260.csv"
TOTAL_LABELS = frozenset({"合计", "总计", "全市", "全省", "全县", "全区", "总数", "全州", "全盟"})
SUFFIXES = ("市", "县", "区", "省", "自治县", "旗", "自治州", "地区", "盟", "林区", "特区")
_SPACE = re.compile(r"[\s\u3000]+")


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    level: str
    parent_code: str


@cache
def gbt2260() -> dict[str, Place]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: Place(row["code"], row["name"], row["level"], row["parent_code"])
                for row in csv.DictReader(handle)}


@cache
def gbt2260_children() -> dict[str, tuple[str, ...]]:
    """parent code → codes of its children in the GB/T 2260 table."""
    out: dict[str, list[str]] = {}
    for place in gbt2260().values():
        out.setdefault(place.parent_code, []).append(place.code)
    return {code: tuple(children) for code, children in out.items()}


def clean_label(text: str) -> str:
    """"鲁 山 县" / "　鲁山县" → 鲁山县 (tables pad names with spaces)."""
    return _SPACE.sub("", text)


def is_total(label: str) -> bool:
    return clean_label(label) in TOTAL_LABELS


class RegionBook:
    """Resolves names; ``scope`` (a region code) narrows ambiguous names to its area."""

    def __init__(self, project: dict[str, Region], scope: str | None = None) -> None:
        self.places = dict(gbt2260())
        for region in project.values():
            self.places[region.code] = Place(region.code, region.name, region.level,
                                             region.parent_code or "")
        self.project = set(project)
        self.scope = scope
        self._by_name: dict[str, list[Place]] = {}
        for place in self.places.values():
            self._by_name.setdefault(place.name, []).append(place)

    def known(self, label: str) -> bool:
        return bool(self.candidates(clean_label(label)))

    def candidates(self, name: str) -> list[Place]:
        exact = self._by_name.get(name, [])
        if exact or not name:
            return list(exact)
        return [p for suffix in SUFFIXES for p in self._by_name.get(name + suffix, [])]

    def resolve(self, label: str) -> tuple[Place | None, str, str]:
        """(place, problem, hint): problem "" when the name names one region."""
        name = clean_label(label)
        found = self.candidates(name)
        if not found:
            return None, f"地区名称“{name}”不在地区表（GB/T 2260）中", (
                "改正名称（写全称，如 鲁山县），或在映射文件 [regions] 中写明代码："
                f'"{name}" = "410423"')
        narrowed = self._narrow(found)
        if len(narrowed) == 1:
            return narrowed[0], "", ""
        listing = "、".join(f"{p.code}（{self.path(p)}）" for p in narrowed)
        return None, f"地区名称“{name}”有{len(narrowed)}个：{listing}", (
            "用 --parent 代码 指定表格所属的地区，或在映射文件 [regions] 中写明："
            f'"{name}" = "{narrowed[0].code}"')

    def _narrow(self, found: list[Place]) -> list[Place]:
        if self.scope:
            return [p for p in found if self.within(p.code, self.scope)] or found
        in_project = [p for p in found if p.code in self.project]
        if in_project:
            return in_project
        below = [p for p in found if any(self.within(p.code, c) for c in self.project)]
        return below or found

    def within(self, code: str, ancestor: str) -> bool:
        seen = 0
        while code and seen < 5:
            if code == ancestor:
                return True
            code = self.places[code].parent_code if code in self.places else ""
            seen += 1
        return False

    def path(self, place: Place) -> str:
        """河北省石家庄市新华区."""
        names = [place.name]
        code = place.parent_code
        while code and code in self.places and len(names) < 5:
            names.insert(0, self.places[code].name)
            code = self.places[code].parent_code
        return "".join(names)

    def chain(self, code: str) -> list[Place]:
        """The place and its ancestors, the place first."""
        out: list[Place] = []
        while code and code in self.places and len(out) < 5:
            out.append(self.places[code])
            code = self.places[code].parent_code
        return out

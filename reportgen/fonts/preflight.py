"""Glyph preflight: every character a document may draw must be in the fonts.

A missing glyph becomes a box (豆腐块) on paper; matplotlib only warns, reportlab draws
nothing. So before anything is rendered we check every string against the fonts' cmaps and
raise one ``FontError`` listing every missing character with where it occurs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportgen.errors import FontError

if TYPE_CHECKING:
    from reportgen.data.model import Dataset, Location
    from reportgen.fonts.registry import FontRegistry

MAX_PLACES = 5  # occurrences listed per character; the rest are counted

_FIELDS = {  # record kind → attributes a report may draw
    "regions": ("name",),
    "indicators": ("name", "unit", "category", "description"),
    "sources": ("title", "publisher"),
    "observations": ("unit", "unit_written", "quote", "note"),
}


@dataclass(frozen=True)
class MissingGlyph:
    char: str
    roles: tuple[str, ...]  # font roles that lack it
    origin: str  # "data/observations/x.csv row 12 column quote"
    text: str  # the string it occurs in

    @property
    def codepoint(self) -> str:
        return f"U+{ord(self.char):04X}"


def find_missing(items: Iterable[tuple[str, str]], registry: FontRegistry,
                 role: str | Sequence[str] = "sans") -> list[MissingGlyph]:
    """Every (character, place) the fonts of ``role`` (one or several) cannot draw."""
    roles = (role,) if isinstance(role, str) else tuple(role)
    found: list[MissingGlyph] = []
    for origin, text in items:
        if not text:
            continue
        lacking: dict[str, list[str]] = {}
        for r in roles:
            for ch in registry.missing_chars(text, r):
                lacking.setdefault(ch, []).append(r)
        found.extend(MissingGlyph(ch, tuple(rs), origin, text) for ch, rs in lacking.items())
    return found


def check_texts(items: Iterable[tuple[str, str]], registry: FontRegistry,
                role: str | Sequence[str] = "sans") -> None:
    """Raise FontError naming every missing character, its text and its origin."""
    missing = find_missing(items, registry, role)
    if missing:
        raise FontError(describe(missing), hint=(
            "rerun `python scripts/make_fonts.py` (it adds every character found in data/ and "
            "templates/ if the source fonts have it), or replace the character (e.g. a variant "
            "form or a common equivalent) in the data"))


def describe(missing: Sequence[MissingGlyph]) -> str:
    by_char: dict[str, list[MissingGlyph]] = {}
    for m in missing:
        by_char.setdefault(m.char, []).append(m)
    lines = [f"{len(by_char)} character(s) are missing from the fonts:"]
    for ch, places in by_char.items():
        first = places[0]
        lines.append(f"  {first.codepoint} {ch!s} (not in font role {', '.join(first.roles)}):")
        for m in places[:MAX_PLACES]:
            lines.append(f"    {m.origin}: {excerpt(m.text, ch)}")
        if len(places) > MAX_PLACES:
            lines.append(f"    … and {len(places) - MAX_PLACES} more place(s)")
    return "\n".join(lines)


def excerpt(text: str, ch: str, width: int = 24) -> str:
    """The text around the first occurrence of ``ch``, on one line."""
    flat = " ".join(text.split())
    at = flat.find(ch)
    start, end = max(0, at - width), at + width + 1
    return ("…" if start else "") + "“" + flat[start:end] + "”" + ("…" if end < len(flat) else "")


def dataset_texts(dataset: Dataset) -> Iterator[tuple[str, str]]:
    """(origin, text) of every string a report may draw from the data."""
    groups: dict[str, Iterable[object]] = {
        "regions": dataset.regions.values(),
        "indicators": dataset.indicators.values(),
        "sources": dataset.sources.values(),
        "observations": dataset.observations,
    }
    for kind, records in groups.items():
        for record in records:
            for attr in _FIELDS[kind]:
                text = getattr(record, attr, "")
                if isinstance(text, str) and text:
                    yield _origin(kind, getattr(record, "location", None), attr), text


def _origin(kind: str, location: Location | None, column: str) -> str:
    if location is None:
        return f"{kind} column {column}"
    row = f" row {location.row}" if location.row is not None else ""
    return f"{location.file}{row} column {column}"


def check_dataset(dataset: Dataset, registry: FontRegistry,
                  roles: Sequence[str] | None = None) -> None:
    """Check every data string against every font role (data may be drawn in any of them)."""
    check_texts(dataset_texts(dataset), registry, tuple(roles or registry.roles))

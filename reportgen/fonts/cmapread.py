"""What a TrueType font can draw and how wide, read straight from its tables.

Every build checks each text against the faces (fonts/preflight.py) and measures chart
labels with the face's advance widths (charts/mpl_text.py). fontTools builds a glyph-name
map of the whole font for either (about 70 ms per CJK face, once per process and face);
reading the ``cmap`` segments or groups and the ``hmtx`` array takes a few milliseconds.
Formats 4 (BMP segments) and 12 (full Unicode groups) are read here; a font whose best
Unicode subtable has another format returns None and the caller asks fontTools.
"""

from __future__ import annotations

import struct
from pathlib import Path

# fontTools' getBestCmap order: full-repertoire subtables before BMP-only ones.
_PREFERRED = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))
_MAX_TABLES = 1024  # a table directory larger than this is not a font
# Code points a subtable may map, counted over its ranges before any is read: a real
# format 4 table covers at most the BMP once, format 12 all of Unicode once. A hostile
# table of overlapping ranges would otherwise cost minutes.
_MAX_BMP_POINTS = 0x10000
_MAX_POINTS = 0x110000


class CmapFormatError(ValueError):
    """The file is not a TrueType/OpenType font with a readable cmap table."""


def code_points(path: Path) -> frozenset[int] | None:
    """Code points mapped to a glyph other than .notdef; None for an unsupported format."""
    glyphs = glyph_map(path)
    return None if glyphs is None else frozenset(glyphs)


def advances(path: Path) -> dict[int, float] | None:
    """Code point → advance width in ems; None for an unsupported cmap format."""
    tables = _tables(path, (b"cmap", b"head", b"hhea", b"hmtx"))
    glyphs = _best(tables[b"cmap"])
    if glyphs is None:
        return None
    head, hhea, hmtx = tables[b"head"], tables[b"hhea"], tables[b"hmtx"]
    if len(head) < 20 or len(hhea) < 36:
        raise CmapFormatError("head or hhea table cut short")
    (units,) = struct.unpack(">H", head[18:20])
    (count,) = struct.unpack(">H", hhea[34:36])
    if not units or not count or len(hmtx) < 4 * count:
        raise CmapFormatError("hmtx table cut short")
    widths = struct.unpack(f">{2 * count}H", hmtx[:4 * count])[0::2]
    last = widths[-1]  # glyphs past numberOfHMetrics share the last advance
    return {cp: (widths[g] if g < count else last) / units for cp, g in glyphs.items()}


def glyph_map(path: Path) -> dict[int, int] | None:
    """Code point → glyph id (never .notdef); None for an unsupported cmap format."""
    return _best(_tables(path, (b"cmap",))[b"cmap"])


def _tables(path: Path, tags: tuple[bytes, ...]) -> dict[bytes, bytes]:
    with path.open("rb") as fh:
        head = fh.read(12)
        if len(head) < 12:
            raise CmapFormatError("file too short for a font header")
        (count,) = struct.unpack(">H", head[4:6])
        if count > _MAX_TABLES:
            raise CmapFormatError(f"{count} tables in the directory")
        directory = fh.read(16 * count)
        if len(directory) < 16 * count:
            raise CmapFormatError("table directory cut short")
        found: dict[bytes, tuple[int, int]] = {}
        for i in range(count):
            tag, _, start, size = struct.unpack(">4sIII", directory[16 * i:16 * i + 16])
            if tag in tags:
                found[tag] = (start, size)
        out: dict[bytes, bytes] = {}
        for tag in tags:
            if tag not in found:
                raise CmapFormatError(f"no {tag.decode()} table")
            start, size = found[tag]
            fh.seek(start)
            out[tag] = fh.read(size)
    return out


def _best(table: bytes) -> dict[int, int] | None:
    if len(table) < 4:
        raise CmapFormatError("cmap table cut short")
    (count,) = struct.unpack(">H", table[2:4])
    subtables: dict[tuple[int, int], int] = {}
    for i in range(count):
        at = 4 + 8 * i
        if at + 8 > len(table):
            raise CmapFormatError("cmap subtable list cut short")
        platform, encoding, start = struct.unpack(">HHI", table[at:at + 8])
        subtables.setdefault((platform, encoding), start)
    for key in _PREFERRED:
        if key in subtables:
            return _subtable(table, subtables[key])
    raise CmapFormatError("no Unicode cmap subtable")


def _subtable(table: bytes, start: int) -> dict[int, int] | None:
    if start + 2 > len(table):
        raise CmapFormatError("cmap subtable outside the table")
    (fmt,) = struct.unpack(">H", table[start:start + 2])
    if fmt == 4:
        return _format4(table, start)
    if fmt == 12:
        return _format12(table, start)
    return None


def _format4(table: bytes, start: int) -> dict[int, int]:
    length, _, seg_x2 = struct.unpack(">HHH", table[start + 2:start + 8])
    segments = seg_x2 // 2
    arrays = start + 14
    if start + length > len(table) or arrays + 4 * seg_x2 + 2 > len(table):
        raise CmapFormatError("format 4 subtable cut short")
    ends = struct.unpack(f">{segments}H", table[arrays:arrays + seg_x2])
    starts_at = arrays + seg_x2 + 2  # after reservedPad
    starts = struct.unpack(f">{segments}H", table[starts_at:starts_at + seg_x2])
    deltas = struct.unpack(f">{segments}h", table[starts_at + seg_x2:starts_at + 2 * seg_x2])
    range_at = starts_at + 2 * seg_x2
    ranges = struct.unpack(f">{segments}H", table[range_at:range_at + seg_x2])
    if sum(max(0, last - first + 1) for first, last in zip(starts, ends, strict=True)) \
            > _MAX_BMP_POINTS + 1:
        raise CmapFormatError("format 4 segments overlap (more code points than the BMP)")
    end_of_table = start + length  # the subtable's own length bounds its glyph array
    found: dict[int, int] = {}
    for i in range(segments):
        first, last, delta, offset = starts[i], ends[i], deltas[i], ranges[i]
        if first > last or first == 0xFFFF:
            continue
        if offset == 0:
            for c in range(first, last + 1):
                if glyph := (c + delta) & 0xFFFF:
                    found[c] = glyph
            continue
        base = range_at + 2 * i + offset  # idRangeOffset counts from its own slot
        for c in range(first, last + 1):
            at = base + 2 * (c - first)
            if at + 2 > end_of_table:
                raise CmapFormatError("format 4 glyph array cut short")
            (raw,) = struct.unpack(">H", table[at:at + 2])
            if raw and (glyph := (raw + delta) & 0xFFFF):
                found[c] = glyph
    return found


def _format12(table: bytes, start: int) -> dict[int, int]:
    (groups,) = struct.unpack(">I", table[start + 12:start + 16])
    end = start + 16 + 12 * groups
    if end > len(table):
        raise CmapFormatError("format 12 subtable cut short")
    found: dict[int, int] = {}
    total = 0
    for i in range(groups):
        first, last, glyph = struct.unpack(">III", table[start + 16 + 12 * i:start + 28 + 12 * i])
        if first > last or last > 0x10FFFF:
            raise CmapFormatError("format 12 group out of range")
        total += last - first + 1
        if total > _MAX_POINTS:
            raise CmapFormatError("format 12 groups overlap (more code points than Unicode)")
        found.update((c, glyph + c - first) for c in range(first, last + 1)
                     if glyph + c - first)  # glyph 0 is .notdef
    return found

#!/usr/bin/env python3
"""Rebuild fonts/ reproducibly from the Debian font packages.

    .venv/bin/python scripts/make_fonts.py [--project DIR] [--out DIR] [--jobs N]
        [--only STEM ...] [--fandol FILE]

Sources (Debian): fonts-noto-cjk (Noto Sans/Serif CJK SC, CFF outlines, converted to
TrueType glyf outlines here because reportlab reads only glyf), fonts-noto-cjk-extra
(Noto Serif CJK SC Black: the 小标宋-like 公文 title face) and fonts-lxgw-wenkai
(LXGW WenKai, already glyf) and texlive-lang-chinese (FandolFang 仿宋, GPL-3 with the
font exception, CFF outlines: the 公文 body face). FandolFang covers GB 2312 and about 8,000
hanzi; it is NOT filled from Noto (its GPL and Noto's OFL cannot share one font file), so
its subset is the requested set it has, plus U+2212 minus and U+2015 drawn with its own
en dash and em dash glyphs.
Every font is subset to the character set below plus every
character found in the project's data/ and templates/, renamed to a family no system font
has ("Reportgen Sans SC" ...; the OFL also requires a new name for modified fonts), and
saved with fixed timestamps so a rerun gives byte-identical files.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import os
import sys
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(os.environ.get("REPORTGEN_FONT_SOURCES", "/"))  # an unpacked .deb tree works too
NOTO = ROOT / "usr/share/fonts/opentype/noto"
LXGW = ROOT / "usr/share/fonts/truetype/lxgw-wenkai"
DEBIAN_COPYRIGHT = {
    "Noto-CJK": ROOT / "usr/share/doc/fonts-noto-cjk/copyright",
    "LXGW-WenKai": ROOT / "usr/share/doc/fonts-lxgw-wenkai/copyright",
}
FANDOL = ROOT / "usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
FANDOL_DOC = ROOT / "usr/share/doc/texlive-doc/fonts/fandol"  # README, COPYING.gz (GPL-3)
# code point → code point whose glyph draws it (FandolFang lacks these two)
FANDOL_ALIASES = ((0x2212, 0x2013), (0x2015, 0x2014))

# Unicode blocks always kept: Latin, punctuation, symbols used in reports, CJK punctuation,
# all CJK Unified Ideographs of the basic block (a superset of GB2312's and GBK's hanzi),
# full-width forms.
RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1
    (0x0391, 0x03C9),  # Greek letters (in GB2312)
    (0x2000, 0x206F),  # general punctuation
    (0x2100, 0x218F),  # letterlike symbols, number forms (Ⅰ Ⅱ)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators (U+2212 minus)
    (0x2460, 0x24FF),  # enclosed alphanumerics (①)
    (0x25A0, 0x25FF),  # geometric shapes (■ ● ▲)
    (0x2600, 0x26FF),  # miscellaneous symbols (★)
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3200, 0x32FF),  # enclosed CJK (㈠)
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half-width and full-width forms
)
TEXT_SUFFIXES = {".csv", ".toml", ".md", ".txt", ".json", ".yaml", ".yml", ".tsv"}
ZIP_SUFFIXES = {".xlsx", ".pptx", ".docx"}
FIXED_TIME = 0x0000_0000_E0B8_3E00  # head.created/modified: 2023-06-01, seconds since 1904


@dataclass(frozen=True)
class Job:
    source: str  # path of the .ttc/.ttf
    index: int  # font number inside a collection (-1: plain .ttf)
    family: str  # new family name
    style: str  # "Regular" | "Bold"
    out: str  # output file
    origin: str  # "Noto Sans CJK SC" ..., for the description
    licence: str  # key of DEBIAN_COPYRIGHT (or "FandolFang")
    fill: str = ""  # font whose glyphs fill the code points the source lacks ("" = none)
    fill_index: int = -1
    aliases: tuple[tuple[int, int], ...] = ()  # (code point, code point whose glyph it uses)


JOBS = (
    ("NotoSansCJK-{}.ttc", "Noto Sans CJK SC", "Reportgen Sans SC", "ReportgenSansSC", "Noto-CJK"),
    ("NotoSerifCJK-{}.ttc", "Noto Serif CJK SC", "Reportgen Serif SC", "ReportgenSerifSC",
     "Noto-CJK"),
    ("LXGWWenKai-{}.ttf", "LXGW WenKai", "Reportgen Kai SC", "ReportgenKaiSC", "LXGW-WenKai"),
)


def base_codepoints() -> set[int]:
    points = {cp for lo, hi in RANGES for cp in range(lo, hi + 1)}
    points |= gb2312_codepoints()
    return points


def gb2312_codepoints() -> set[int]:
    """Every character of GB 2312 (symbols rows 1–9, hanzi rows 16–87)."""
    points: set[int] = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                points.add(ord(bytes((hi, lo)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return points


def project_codepoints(project: Path) -> set[int]:
    """Every character in the project's data/ and templates/ (text files and Office zips)."""
    points: set[int] = set()
    for folder in (project / "data", project / "templates"):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            points |= {ord(ch) for ch in _file_text(path) if ord(ch) >= 0x20}
    return points


def _file_text(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return path.read_text(encoding="utf-8", errors="ignore")
    if suffix in ZIP_SUFFIXES:
        with zipfile.ZipFile(path) as archive:
            parts = [archive.read(n).decode("utf-8", "ignore")
                     for n in archive.namelist() if n.endswith(".xml")]
        return html.unescape("".join(parts))
    return ""


def load_source(job: Job) -> TTFont:
    # recalcTimestamp=False: keep head.modified as we set it, or reruns differ.
    return TTFont(job.source, fontNumber=job.index, recalcTimestamp=False)


def collection_index(path: Path, family: str) -> int:
    collection = TTCollection(str(path), lazy=True)
    for i, font in enumerate(collection.fonts):
        if font["name"].getDebugName(1) == family:
            return i
    raise SystemExit(f"{path}: no font with family {family!r}")


def subset_font(font: TTFont, codepoints: set[int]) -> None:
    options = subset.Options()
    options.layout_features = ["vert", "vrt2", "kern", "palt", "halt"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.glyph_names = False
    options.hinting = False
    options.desubroutinize = True  # plain charstrings convert faster and smaller
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints & set(font.getBestCmap())))
    subsetter.subset(font)


def cff_to_glyf(font: TTFont) -> None:
    """Replace CFF outlines by quadratic TrueType outlines (fontTools' otf2ttf recipe)."""
    order = font.getGlyphOrder()
    glyphset = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphset)
        glyphset[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    _fix_metrics_tables(font, glyf)
    font.sfntVersion = "\x00\x01\x00\x00"


def _fix_metrics_tables(font: TTFont, glyf: object) -> None:
    hmtx = font["hmtx"]
    for name, g in glyf.glyphs.items():  # type: ignore[attr-defined]
        g.recalcBounds(glyf)
        advance, _ = hmtx[name]
        hmtx[name] = (advance, getattr(g, "xMin", 0))
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones",):
        setattr(maxp, attr, 1)
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.numGlyphs = len(font.getGlyphOrder())
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 3.0  # no glyph names: CID fonts have none worth keeping
    post.extraNames = []
    post.mapping = {}


def rename(font: TTFont, job: Job, psname: str) -> None:
    """Family names no system font has; drop every other-language name (霞鹜文楷 ...)."""
    table = font["name"]
    keep = {0, 7, 8, 9, 11, 12, 13, 14}
    table.names = [n for n in table.names if n.nameID in keep]
    full = job.family if job.style == "Regular" else f"{job.family} {job.style}"
    version = font["head"].fontRevision
    records = {
        1: job.family,
        2: job.style,
        3: f"{psname}:reportgen:{version:.3f}",
        4: full,
        5: f"Version {version:.3f}; reportgen subset of {job.origin}",
        6: psname,
        10: f"Subset of {job.origin} ({Path(job.source).name}) made by reportgen "
        "scripts/make_fonts.py; " + ("GPL-3 with the font exception, see GPL-FandolFang.txt."
                                     if job.licence == "FandolFang" else
                                     "renamed as the SIL OFL 1.1 requires for modified fonts."),
    }
    for name_id, text in records.items():
        table.setName(text, name_id, 3, 1, 0x409)
        table.setName(text, name_id, 1, 0, 0)
    font["OS/2"].fsSelection = (font["OS/2"].fsSelection & ~0b1100001) | (
        0b100000 if job.style == "Bold" else 0b1000000)
    font["head"].macStyle = 1 if job.style == "Bold" else 0


def fill_glyphs(font: TTFont, job: Job, codepoints: set[int]) -> int:
    """Add glyphs for the requested code points the font lacks, taken from ``job.fill``."""
    lacking = codepoints - set(font.getBestCmap())
    donor = TTFont(job.fill, fontNumber=job.fill_index, recalcTimestamp=False)
    subset_font(donor, lacking)
    if "CFF " in donor:
        cff_to_glyf(donor)
    scale = font["head"].unitsPerEm / donor["head"].unitsPerEm
    donor_cmap = donor.getBestCmap()
    order = list(font.getGlyphOrder())
    glyf, hmtx = font["glyf"], font["hmtx"]
    for cp in sorted(donor_cmap):
        name = f"fill{cp:05X}"
        glyph = donor["glyf"][donor_cmap[cp]]
        if scale != 1 and glyph.numberOfContours > 0:
            glyph.coordinates.scale((scale, scale))
        order.append(name)
        glyf.glyphs[name] = glyph
        advance, lsb = donor["hmtx"][donor_cmap[cp]]
        hmtx[name] = (round(advance * scale), round(lsb * scale))
        for table in font["cmap"].tables:
            if table.isUnicode() and (cp <= 0xFFFF or table.format == 12):
                table.cmap[cp] = name
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    if "vmtx" in font:
        for name in order:
            if name not in font["vmtx"].metrics:
                font["vmtx"][name] = (font["head"].unitsPerEm, 0)
    font["maxp"].numGlyphs = len(order)
    return len(donor_cmap)


def add_aliases(font: TTFont, aliases: tuple[tuple[int, int], ...]) -> None:
    """Map each missing code point to the glyph of another code point of the same font."""
    best = font.getBestCmap()
    for new, existing in aliases:
        if new in best or existing not in best:
            continue
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[new] = best[existing]


def build_one(job: Job, codepoints: frozenset[int]) -> tuple[str, float, int]:
    started = time.perf_counter()
    font = load_source(job)
    add_aliases(font, job.aliases)
    subset_font(font, set(codepoints))
    if "CFF " in font:
        cff_to_glyf(font)
    if job.fill:
        filled = fill_glyphs(font, job, set(codepoints))
        print(f"{Path(job.out).name}: {filled} characters filled from {Path(job.fill).name}")
    psname = Path(job.out).stem
    rename(font, job, psname)
    if job.licence == "FandolFang":
        # the GPL grants every right fsType 8 (editable embedding) would restrict
        font["OS/2"].fsType = 0
        font["name"].setName(FANDOL_LICENCE_NAME, 13, 3, 1, 0x409)
    font["head"].created = FIXED_TIME
    font["head"].modified = FIXED_TIME
    out = Path(job.out)
    tmp = out.with_suffix(".tmp")
    font.save(str(tmp), reorderTables=True)
    tmp.replace(out)
    return job.out, time.perf_counter() - started, out.stat().st_size


def gongwen_jobs(out_dir: Path, fandol: Path) -> list[Job]:
    """公文 faces: FandolFang (仿宋) and Noto Serif CJK SC Black (小标宋-like title)."""
    black = NOTO / "NotoSerifCJK-Black.ttc"
    black_index = collection_index(black, "Noto Serif CJK SC Black") if black.exists() else 0
    return [
        Job(str(fandol), -1, "Reportgen Fangsong SC", "Regular",
            str(out_dir / "ReportgenFangsongSC-Regular.ttf"), "FandolFang", "FandolFang",
            aliases=FANDOL_ALIASES),
        Job(str(black), black_index, "Reportgen Title SC", "Regular",
            str(out_dir / "ReportgenTitleSC-Black.ttf"), "Noto Serif CJK SC Black",
            "Noto-CJK"),
    ]


PACKAGES = {"Noto-CJK": "fonts-noto-cjk fonts-noto-cjk-extra",
            "LXGW-WenKai": "fonts-lxgw-wenkai", "FandolFang": "texlive-lang-chinese"}


def make_jobs(out_dir: Path) -> list[Job]:
    jobs = []
    for pattern, origin, family, stem, licence in JOBS:
        for style in ("Regular", "Bold"):
            source = (LXGW if licence == "LXGW-WenKai" else NOTO) / pattern.format(style)
            index = (collection_index(source, origin)
                     if source.suffix == ".ttc" and source.exists() else -1)
            jobs.append(Job(str(source), index, family, style,
                            str(out_dir / f"{stem}-{style}.ttf"), origin, licence))
    return jobs


def write_licences(out_dir: Path, jobs: list[Job]) -> None:
    """OFL 1.1 text (from the Debian copyright files) with the fonts' copyright lines."""
    for key, path in DEBIAN_COPYRIGHT.items():
        ours = [job for job in jobs if job.licence == key]
        if not ours:
            continue
        header: list[str] = []
        for job in ours:
            with TTFont(job.source, fontNumber=job.index, lazy=True) as font:
                notice = font["name"].getDebugName(0) or ""
            line = f"{job.family} {job.style}: {notice.strip()}"
            header.append(line.replace("\n", " "))
        header.append(f"Modified by reportgen scripts/make_fonts.py: subset, renamed "
                      f"({', '.join(sorted({j.family for j in ours}))}) as the OFL requires"
                      + (", CFF outlines converted to TrueType." if key == "Noto-CJK" else "."))
        text = "\n".join([*header, "", *_ofl_text(path)]).rstrip() + "\n"
        (out_dir / f"OFL-{key}.txt").write_text(text, encoding="utf-8")


FANDOL_LICENCE_NAME = ("GNU General Public License version 3 with the GPL font exception "
                       "(see GPL-FandolFang.txt)")
FONT_EXCEPTION = """\
As a special exception, if you create a document which uses this font, and embed this font
or unaltered portions of this font into the document, this font does not by itself cause
the resulting document to be covered by the GNU General Public License. This exception does
not however invalidate any other reasons why the document might be covered by the GNU
General Public License. If you modify this font, you may extend this exception to your
version of the font, but you are not obligated to do so. If you do not wish to do so,
delete this exception statement from your version."""


def write_fandol_licence(out_dir: Path, doc_dir: Path) -> None:
    """The GPL-3 text shipped with Fandol, its README's licence line and the font exception
    (which reportgen extends to its modified version)."""
    copying, readme = doc_dir / "COPYING.gz", doc_dir / "README"
    for path in (copying, readme):
        if not path.exists():
            raise SystemExit(f"missing {path}: apt-get install texlive-lang-chinese")
    gpl = gzip.decompress(copying.read_bytes()).decode("utf-8").strip()
    said = next(line.strip() for line in readme.read_text(encoding="utf-8").splitlines()
                if "licens" in line.lower())
    header = (
        "Reportgen Fangsong SC (ReportgenFangsongSC-Regular.ttf) is a modified version of\n"
        "FandolFang-Regular.otf 0.3 (Copyright (c) 2012-2013, the Fandol team: Clerk Ma &\n"
        "Jie Su), made by reportgen scripts/make_fonts.py: subset, renamed, CFF outlines\n"
        "converted to TrueType, U+2212 and U+2015 mapped to its en and em dash glyphs,\n"
        "OS/2.fsType set to 0. Source: CTAN fonts/fandol, Debian texlive-lang-chinese.\n"
        f"Fandol's README: \"{said}\"\n"
        "The font exception below (the FSF's standard text) applies to Fandol and is\n"
        "extended by reportgen to its modified version.\n")
    text = f"{header}\n{FONT_EXCEPTION}\n\n{gpl}\n"
    (out_dir / "GPL-FandolFang.txt").write_text(text, encoding="utf-8")


def _ofl_text(path: Path) -> list[str]:
    """The stand-alone OFL paragraph of a Debian copyright file, unindented."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines)
                 if line.startswith(("License: OFL-1.1", "License: SIL"))
                 and (i == 0 or not lines[i - 1].strip())
                 and i + 1 < len(lines) and lines[i + 1].startswith(" "))
    body = []
    for line in lines[start + 1:]:
        if line and not line.startswith(" "):
            break
        body.append("" if line.strip() == "." else line[1:])
    return body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parents[1]
    parser.add_argument("--project", type=Path, default=root)
    parser.add_argument("--out", type=Path, default=root / "fonts")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", nargs="*", default=[],
                        help="build only these outputs (file stems, e.g. ReportgenTitleSC-Black)")
    parser.add_argument("--fandol", type=Path, default=FANDOL / "FandolFang-Regular.otf",
                        help="FandolFang-Regular.otf (Debian texlive-lang-chinese, CTAN fandol)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    codepoints = frozenset(base_codepoints() | project_codepoints(args.project))
    print(f"{len(codepoints)} code points requested")
    started = time.perf_counter()
    every = make_jobs(args.out) + gongwen_jobs(args.out, args.fandol)
    jobs = [job for job in every if not args.only or Path(job.out).stem in args.only]
    for job in jobs:
        if not Path(job.source).exists():
            raise SystemExit(f"missing {job.source}: apt-get install {PACKAGES[job.licence]}")
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(build_one, jobs, [codepoints] * len(jobs)))
    total = 0
    for out, seconds, size in results:
        digest = hashlib.sha256(Path(out).read_bytes()).hexdigest()[:16]
        print(f"{Path(out).name:32} {size / 1e6:6.2f} MB {seconds:6.1f} s  sha256 {digest}")
        total += size
    # a partial run (--only) rewrites only the licences whose fonts it rebuilt in full
    write_licences(args.out, [j for j in every if all(
        k in jobs for k in every if k.licence == j.licence)])
    if any(job.licence == "FandolFang" for job in jobs):
        write_fandol_licence(args.out, FANDOL_DOC)
    print(f"total {total / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

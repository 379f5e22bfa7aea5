"""Table rows written as one XML string, not cell by cell through python-pptx.

python-pptx's cell API (``cell.fill.solid()``, margins, anchor, ``write_runs`` on each
text frame) costs over a millisecond a cell in xpath lookups; the decks' ~800 cells took
1.7 s. Each cell here gets the very XML that path wrote (same attributes, same order), and
tests/builders/test_pptx_table_xml.py compares the two; the markup of a cell look (fill,
style, faces) is built once and reused for every cell that has it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from pptx.oxml import parse_xml
from pptx.util import Pt

from reportgen.builders.pptx.text import A_NS, Style, Typefaces

# python-pptx's run.text writes control characters (but tab and line feed) as "_x0007_"
_CONTROL = re.compile(r"[\x00-\x08\x0B-\x1F]")
_ATTR = {'"': "&quot;"}


def _text(text: str) -> str:
    return escape(_CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text))


@lru_cache(maxsize=256)
def _cell_parts(style: Style, fill: str, faces: Typefaces, pad: tuple[int, int]) -> \
        tuple[str, str]:
    """The cell's markup before and after its text: what ``write_runs`` (with
    space_after=0) and the fill / margin / anchor setters wrote."""
    algn = f' algn="{style.align}"' if style.align else ""
    color = (f'<a:solidFill><a:srgbClr val="{style.color}"/></a:solidFill>'
             if style.color else "")
    bold = "1" if style.bold else "0"
    latin, ea = escape(faces.latin, _ATTR), escape(faces.ea, _ATTR)
    head = ('<a:tc><a:txBody><a:bodyPr wrap="square" lIns="0" rIns="0" tIns="0" bIns="0">'
            f'<a:noAutofit/></a:bodyPr><a:lstStyle/><a:p><a:pPr{algn}><a:spcAft>'
            f'<a:spcPts val="0"/></a:spcAft></a:pPr><a:r>'
            f'<a:rPr sz="{Pt(style.size_pt).centipoints}" b="{bold}">{color}'
            f'<a:latin typeface="{latin}"/><a:ea typeface="{ea}"/></a:rPr><a:t>')
    x, y = pad
    tail = ('</a:t></a:r></a:p></a:txBody>'
            f'<a:tcPr marL="{x}" marR="{x}" marT="{y}" marB="{y}" anchor="ctr">'
            f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill></a:tcPr></a:tc>')
    return head, tail


def cell_xml(text: str, style: Style, fill: str, faces: Typefaces,
             pad: tuple[int, int]) -> str:
    """One ``a:tc``: a single run of ``text`` on a solid ``fill``, centred vertically,
    ``pad`` = (left/right, top/bottom) margins in EMU."""
    head, tail = _cell_parts(style, fill, faces, pad)
    return head + _text(text) + tail


def row_xml(height: int, cells: Iterable[str]) -> str:
    return f'<a:tr h="{height}">{"".join(cells)}</a:tr>'


def replace_rows(tbl: Any, rows: Sequence[str]) -> None:
    """Swap the ``a:tr`` rows of python-pptx's ``a:tbl`` for ``rows`` (parsed with
    python-pptx's parser, so ``frame.table`` still reads them)."""
    for tr in tbl.findall(f"{{{A_NS}}}tr"):
        tbl.remove(tr)
    parsed = parse_xml(f'<a:tbl xmlns:a="{A_NS}">{"".join(rows)}</a:tbl>')
    for t in parsed.iter(f"{{{A_NS}}}t"):
        if t.text is None:
            t.text = ""  # an empty cell saves as <a:t></a:t>, as run.text = "" did
    tbl.extend(list(parsed))

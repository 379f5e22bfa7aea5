"""Editorial rules applied to a section's rendered sentences before they become paragraphs.

* **Openings vary.** Consecutive sentences of a section that open with the same period
  ("截至2020年底，全省…" twelve times) are grouped under the first one: the later ones drop
  the repeated opening, so the period is said once and the figures read as one passage.
  A sentence with another period (or none) ends the group.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reportgen.report.model import runs_text
from reportgen.report.narrative import Rendered


def vary_openings(paragraphs: Sequence[Sequence[Rendered]]) -> list[list[Rendered]]:
    out: list[list[Rendered]] = []
    previous = ""
    for sentences in paragraphs:
        kept: list[Rendered] = []
        for sentence in sentences:
            opening = sentence.opening
            if opening and opening == previous:
                sentence = _without_opening(sentence)
            previous = opening
            kept.append(sentence)
        out.append(kept)
    return out


def _without_opening(sentence: Rendered) -> Rendered:
    prefix = sentence.opening + "，"
    first = sentence.runs[0] if sentence.runs else None
    if not isinstance(first, str) or not first.startswith(prefix):
        return sentence
    rest = first[len(prefix):]
    runs = ((rest,) if rest else ()) + sentence.runs[1:]
    return replace(sentence, text=runs_text(runs), runs=runs)

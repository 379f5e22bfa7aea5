"""Editorial rules applied to a section's rendered sentences before they become paragraphs.

* **Openings vary.** Consecutive sentences of a section that open with the same period
  ("截至2020年底，全省…" twelve times) are grouped under the first one: the later ones drop
  the repeated opening, so the period is said once and the figures read as one passage.
  A sentence with another period (or none) ends the group.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from reportgen.report.model import FigureRun, Paragraph, Section, runs_text
from reportgen.report.narrative import Rendered


def vary_openings(paragraphs: Sequence[Sequence[Rendered]]) -> list[list[Rendered]]:
    """Within a paragraph, a sentence with the previous one's opening period drops it.
    Every paragraph states its own period: a paragraph is quoted (and moved to 要点) on its
    own, and a cumulative total must never read as undated."""
    out: list[list[Rendered]] = []
    for sentences in paragraphs:
        previous = ""
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


TAKEAWAY_CHARS = 32  # a slide title a room can read: about one line at 28 pt
CLAUSE = re.compile(r"[，；。]")


def takeaway(sentence: str, limit: int = TAKEAWAY_CHARS) -> str:
    """A sentence's lead as a title: whole clauses from its start, within ``limit``
    characters where possible, never cut inside a bracket or a figure, and never a lone
    opening period: "党的十八大以来，全省累计脱贫718.6万人"."""
    clauses = _clauses(sentence)
    if not clauses:
        return ""
    title = clauses[0]
    for clause in clauses[1:]:
        if _states_a_figure(title) and len(title) + 1 + len(clause) > limit:
            break
        title += "，" + clause
    return title


def _clauses(sentence: str) -> list[str]:
    """Clauses split at ，；。 outside brackets and quotes."""
    clauses, depth, start = [], 0, 0
    for n, char in enumerate(sentence):
        if char in OPENING:
            depth += 1
        elif char in CLOSING:
            depth = max(0, depth - 1)
        elif depth == 0 and CLAUSE.match(char):
            clauses.append(sentence[start:n])
            start = n + 1
    clauses.append(sentence[start:])
    return [c for c in clauses if c]


OPENING, CLOSING = "（(“《", "）)”》"
_PERIOD_ONLY = re.compile(r"[^，]*(以来|之初|年底|年|月|报道)")


# Dates and spans ("2018—2020年", "2019年9月底"): digits that are not a figure.
_DATES = re.compile(r"\d{4}\s*[—–~\-至到]\s*\d{4}年?|\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?")


def _states_a_figure(text: str) -> bool:
    """Whether the title so far says something: a number beyond its dates and periods
    ("据2020年报道的此前情况" alone is a period, not a message)."""
    return any(ch.isdigit() for ch in _DATES.sub("", text)) \
        and not _PERIOD_ONLY.fullmatch(text)


def lead_takeaway(paragraphs: Sequence[Paragraph]) -> str:
    """The takeaway of the first paragraph that states figures and none a data check
    doubts: a doubted figure (※) never headlines a slide."""
    return next((paragraph_takeaway(p) for p in paragraphs
                 if p.figures() and not any(f.flagged for f in p.figures())), "")


def paragraph_takeaway(paragraph: Paragraph) -> str:
    """``takeaway`` of a paragraph, keeping the scope of every figure it keeps: a scope
    said once after the last figure of a run is added back when that figure is cut."""
    title = takeaway(paragraph.text)
    for run in paragraph.runs:
        if not isinstance(run, FigureRun) or not run.scope:
            continue
        bracket = f"（{run.scope}）"
        if run.text.replace(bracket, "") in title and bracket not in title:
            title += bracket
    return title


KEY_MESSAGES = 4  # page 1 says what a leader must know in a few sentences
KEY_SECTION_ID = "key-messages"


def lift_key_messages(sections: Sequence[Section]) -> list[Section]:
    """The lead paragraph of the first sections becomes the 要点 block that opens the
    brief (moved, not copied: the section goes on from its next paragraph, which then says
    its own period). Leads with a doubted figure stay where they are; the comparison is
    never lifted. Fewer than two leads make no block."""
    lifted: list[Paragraph] = []
    out: list[Section] = []
    for section in sections:
        lead = section.paragraphs[0] if section.paragraphs else None
        if (len(lifted) < KEY_MESSAGES and lead is not None and section.id != "comparison"
                and lead.figures() and not any(f.flagged for f in lead.figures())):
            lifted.append(lead)
            rest = section.after_lead  # the slide shows and the notes say what is left
            section = replace(
                section, paragraphs=rest,
                key_sentences=tuple(p.text for p in rest[:len(section.key_sentences) or 1]),
                takeaway=lead_takeaway(rest))
        if section.paragraphs or section.charts or section.tables:
            out.append(section)  # a section whose only sentence was lifted is said there
    if len(lifted) < 2:
        return list(sections)
    block = Section(id=KEY_SECTION_ID, title="要点", category="要点", paragraphs=tuple(lifted),
                    key_sentences=tuple(p.text for p in lifted),
                    takeaway=paragraph_takeaway(lifted[0]))
    return [block, *out]


UNFOLDED = (KEY_SECTION_ID, "comparison")


def fold_thin_sections(sections: Sequence[Section]) -> list[Section]:
    """A section of one paragraph and nothing else is too thin to stand alone: it joins
    the section before it ("防返贫监测与目标任务"), its paragraph after that section's text."""
    out: list[Section] = []
    for section in sections:
        thin = (len(section.paragraphs) == 1 and not section.charts and not section.tables
                and section.id not in UNFOLDED)
        if thin and out and out[-1].id not in UNFOLDED:
            before = out[-1]
            out[-1] = replace(before, title=f"{before.title}与{section.title}",
                              paragraphs=before.paragraphs + section.paragraphs,
                              key_sentences=before.key_sentences or section.key_sentences,
                              takeaway=before.takeaway or section.takeaway)
        else:
            out.append(section)
    return out

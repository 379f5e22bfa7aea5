"""Text templates → Chinese sentences with every number from the data.

Template syntax (documented in README, "Report specs"):

* ``{indicator_id}`` — the figure in the paragraph's default period (``latest`` unless the
  section sets ``period``), formatted with its unit: ``43091户``, ``718.6万人``.
* ``{indicator_id@selector}`` — a chosen period (see ``query`` for selectors).
* ``{indicator_id@selector|period}`` — the period label of that figure: ``2019年``.
* ``{indicator_id|change}`` — change from the first to the latest figure: ``提高1.2个百分点``.
* ``{region}`` (平顶山市), ``{scope}`` (全省 / 全市 / 全县 / 全区) and ``{period}`` (alias
  ``{range}``): the period of the sentence's figures, ``2018—2020年``. In such a sentence
  all figures must have that one period; a clause whose figure has another is dropped.
* ``[...]`` — an optional clause, dropped when its data is missing.

In a sentence, cumulative periods read "截至2020年底" (the template says 累计 where meant).
A period the curator inferred is never printed as a date (``figtext``): the sentence opens
with the source's own time words instead, and only figures of the same period *and* basis
share it. ``{scope}`` (全市) is left out when a figure covers less than the region: the
figure then names what it covers, 207次（市委书记）. ``|change`` needs two comparable figures
(stated periods, one scope, no qualifier): a change of approximations is not computed.
A paragraph may be given as a list of alternatives: the first that yields a figure is used.

Paragraphs are split into sentences at 。！？; a sentence whose data is missing is dropped
whole (never printed with a placeholder), and so is a paragraph left without any figure.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from reportgen.report.figtext import figure_run, figure_text, opening_period, period_key
from reportgen.report.model import FigureRun, Run, runs_text
from reportgen.report.query import Figure, is_valid_selector
from reportgen.text.numbers import format_change

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_BODY = re.compile(r"^([a-z][a-z0-9_]*)(?:@([^|@]+))?(?:\|([a-z]+))?$")
SPECIALS = ("region", "scope", "period", "range")
FILTERS = ("period", "change")
_SENTENCE_END = "。！？"

Lookup = Callable[[str, str], Figure | None]


@dataclass(frozen=True)
class Placeholder:
    raw: str  # "{poverty_exit_persons@total}"
    name: str  # indicator id or one of SPECIALS
    selector: str | None = None
    filter: str | None = None

    @property
    def is_special(self) -> bool:
        return self.name in SPECIALS


@dataclass(frozen=True)
class Rendered:
    text: str
    figures: tuple[Figure, ...]
    runs: tuple[Run, ...] = ()  # the text as words and figures
    opening: str = ""  # the period the sentence opens with ("截至2020年底"), if it does


@dataclass(frozen=True)
class TextContext:
    region_name: str
    scope: str  # 全省 / 全市 / 全县 / 全区
    default_selector: str = "latest"
    decimals: int = 2


def parse_placeholder(raw: str) -> Placeholder:
    """Parse "{id@sel|filter}"; ValueError says what is wrong."""
    match = _BODY.match(raw[1:-1].strip())
    if not match:
        raise ValueError(f"placeholder {raw} is not of the form {{indicator_id@period|filter}}")
    name, selector, filter_ = match[1], match[2], match[3]
    if name in SPECIALS and (selector or filter_):
        raise ValueError(f"placeholder {raw}: {{{name}}} takes no period or filter")
    if selector is not None and not is_valid_selector(selector):
        raise ValueError(f"placeholder {raw}: unknown period selector {selector!r}")
    if filter_ is not None and filter_ not in FILTERS:
        raise ValueError(f"placeholder {raw}: unknown filter {filter_!r} "
                         f"(known: {', '.join(FILTERS)})")
    if filter_ == "change" and selector is not None:
        raise ValueError(f"placeholder {raw}: |change always compares first and latest")
    return Placeholder(raw, name, selector, filter_)


def placeholders(text: str) -> list[Placeholder]:
    return [parse_placeholder(m[0]) for m in PLACEHOLDER.finditer(text)]


def check_template(text: str) -> list[str]:
    """Every syntax problem of a text template (empty list = fine)."""
    problems = []
    for match in PLACEHOLDER.finditer(text):
        try:
            parse_placeholder(match[0])
        except ValueError as exc:
            problems.append(str(exc))
    stray = PLACEHOLDER.sub("", text)
    if "{" in stray or "}" in stray:
        problems.append("unbalanced { or } (placeholders look like {indicator_id})")
    depth = 0
    for char in stray:
        depth += {"[": 1, "]": -1}.get(char, 0)
        if depth not in (0, 1):
            problems.append("optional clauses [...] must not be nested or unbalanced")
            break
    if depth != 0 and len(problems) == 0:
        problems.append("unbalanced [ or ] (optional clauses look like [，其中……])")
    ascii_punct = sorted(set(stray) & set(",;?!"))
    if ascii_punct:
        problems.append(f"ASCII punctuation {' '.join(ascii_punct)} in Chinese text: "
                        "use the full-width forms ，；？！")
    return problems


def split_sentences(paragraph: str) -> list[str]:
    """Split after 。！？ (outside optional clauses), keeping the end mark."""
    sentences, current, depth = [], "", 0
    for char in paragraph:
        current += char
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char in _SENTENCE_END and depth == 0:
            sentences.append(current.strip())
            current = ""
    if current.strip():
        sentences.append(current.strip())
    return sentences


def render_sentence(template: str, ctx: TextContext, lookup: Lookup) -> Rendered | None:
    """Render one sentence; None when a required figure is missing.

    A sentence that says {period} speaks of one period: every figure in it must have the
    period of its first required figure (an optional clause without one is dropped), so
    figures of different periods are never printed under one label.
    """
    pieces = re.split(r"(\[[^\[\]]*\])", template)
    anchor = _Anchor(lookup, active="{period}" in template or "{range}" in template)
    resolved: dict[int, tuple[list[Run | _Slot], list[Figure]]] = {}
    for required in (True, False):  # required text first: it sets the sentence's period
        for n, piece in enumerate(pieces):
            optional = piece.startswith("[") and piece.endswith("]")
            if optional == required:
                continue
            part = _resolve_part(piece[1:-1] if optional else piece, ctx, anchor)
            if part is None and required:
                return None
            if part is not None:
                resolved[n] = part
    parts = [resolved[n] for n in sorted(resolved)]
    figures = [f for _, found in parts for f in found]
    pieces_in_order = [piece for runs, _ in parts for piece in runs]
    scoped = any(f.scope for f in figures)
    label = ""
    if anchor.active:
        if anchor.figure is None:
            return None
        label = opening_period(anchor.figure)
    slots = {_SCOPE: "" if scoped else ctx.scope, _PERIOD: label}
    runs = _once_per_scope(_joined([slots[p] if isinstance(p, _Slot) else p
                                    for p in pieces_in_order]))
    opens = template.lstrip().startswith(("{period}", "{range}"))
    return Rendered(runs_text(runs), tuple(_unique(figures)), runs,
                    opening=label if opens and label else "")


class _Slot(str):
    """{scope} / {period}: filled once every figure of the sentence is known."""


_SCOPE, _PERIOD = _Slot("scope"), _Slot("period")
_COMPARING = ("比", "较", "由", "从")  # a point of comparison takes no 截至
_DOUBLED = ("截至", "累计", "据")  # "截至{period}" with 截至2020年底 must not read 截至截至


def _joined(pieces: list[Run]) -> tuple[Run, ...]:
    """Adjacent words merged; a word doubled across a join ("截至" + "截至…") said once."""
    out: list[Run] = []
    for piece in pieces:
        if isinstance(piece, str):
            if not piece:
                continue
            if out and isinstance(out[-1], str):
                previous = out[-1]
                for word in _DOUBLED:
                    if previous.endswith(word) and piece.startswith(word):
                        previous = previous[:-len(word)]
                if previous.endswith(_COMPARING) and piece.startswith("截至"):
                    piece = piece.removeprefix("截至")  # "比2016年底", not "比截至2016年底"
                out[-1] = previous + piece
                continue
        out.append(piece)
    return tuple(out)


def _once_per_scope(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """Figures of one scope in a row name it once, after the last of them:
    "46个、12245人（平顶山市结对帮扶鲁山县）", not the bracket after each."""
    at = [n for n, r in enumerate(runs) if isinstance(r, FigureRun)]
    out = list(runs)
    for here, after in itertools.pairwise(at):
        run, following = runs[here], runs[after]
        assert isinstance(run, FigureRun) and isinstance(following, FigureRun)
        bracket = f"（{run.scope}）"
        if run.scope and following.scope == run.scope and bracket in run.text:
            out[here] = replace(run, text=run.text.replace(bracket, "", 1))
    return tuple(out)


class _Anchor:
    """Lookup that keeps every figure of a {period} sentence in one period."""

    def __init__(self, lookup: Lookup, *, active: bool) -> None:
        self.raw = lookup
        self.active = active
        self.figure: Figure | None = None  # the first figure: its period labels the sentence

    def __call__(self, indicator_id: str, selector: str) -> Figure | None:
        figure = self.raw(indicator_id, selector)
        if not self.active or figure is None:
            return figure
        if self.figure is None:
            self.figure = figure
            return figure
        wanted = period_key(self.figure)
        if period_key(figure) == wanted:
            return figure
        other = self.raw(indicator_id, self.figure.period.text)  # the sentence's period
        return other if other is not None and period_key(other) == wanted else None


def _resolve_part(body: str, ctx: TextContext, lookup: _Anchor
                  ) -> tuple[list[Run | _Slot], list[Figure]] | None:
    figures: list[Figure] = []
    seen: dict[str, tuple[str, Figure]] = {}
    runs: list[Run | _Slot] = []
    position = 0
    for match in PLACEHOLDER.finditer(body):
        runs.append(body[position:match.start()])
        position = match.end()
        ph = parse_placeholder(match[0])
        if ph.name in ("period", "range"):
            runs.append(_PERIOD)
            continue
        if ph.is_special:
            runs.append(ctx.region_name if ph.name == "region" else _SCOPE)
            continue
        found = _placeholder_text(ph, ctx, lookup)
        if found is None:
            return None
        text, used = found
        # two values of one figure under different selectors: "由2.22%降至2.22%". A
        # period label or a change is not a second value (a change cites its own ends).
        for figure in used if ph.filter is None else ():
            if _repeats(seen, ph, figure):
                return None  # "由2.22%降至2.22%": the two periods are one figure
        figures.extend(used)
        runs.append(figure_run(used[0], text) if ph.filter is None else text)
    runs.append(body[position:])
    return runs, figures


def _repeats(seen: dict[str, tuple[str, Figure]], ph: Placeholder, figure: Figure) -> bool:
    selector = ph.selector or "default"
    earlier = seen.get(ph.name)
    if earlier and earlier[0] != selector and earlier[1].observations == figure.observations:
        return True
    seen.setdefault(ph.name, (selector, figure))
    return False


def _placeholder_text(ph: Placeholder, ctx: TextContext, lookup: _Anchor
                      ) -> tuple[str, list[Figure]] | None:
    if ph.filter == "change":  # spans two periods by design: not held to the anchor
        first, latest = lookup.raw(ph.name, "first"), lookup.raw(ph.name, "latest")
        if first is None or latest is None or not changes_comparably(first, latest):
            return None
        unit = "百分点" if first.unit in ("%", "％") else first.unit
        return format_change(latest.value - first.value, unit, decimals=ctx.decimals), [
            first, latest]
    figure = lookup(ph.name, ph.selector or ctx.default_selector)
    if figure is None:
        return None
    if ph.filter == "period":
        return opening_period(figure), [figure]
    return quantity_text(figure, ctx.decimals), [figure]


def changes_comparably(first: Figure, latest: Figure) -> bool:
    """A change is computed only between two exact figures of stated periods, one scope."""
    if first.observations == latest.observations or first.flagged or latest.flagged:
        return False
    return (first.period_stated and latest.period_stated and first.scope == latest.scope
            and not first.qualifier and not latest.qualifier)


def quantity_text(figure: Figure, decimals: int = 2) -> str:
    return figure_text(figure, decimals)


def _unique(figures: list[Figure]) -> list[Figure]:
    out: list[Figure] = []
    for figure in figures:
        if figure not in out:
            out.append(figure)
    return out


def render_paragraph(alternatives: Sequence[str], ctx: TextContext, lookup: Lookup
                     ) -> list[Rendered]:
    """The sentences of the first alternative that has data; [] if none carries a figure."""
    for template in alternatives:
        rendered = [r for s in split_sentences(template)
                    if (r := render_sentence(s, ctx, lookup)) is not None]
        if any(r.figures for r in rendered):
            return rendered
    return []


def render_plain(template: str, values: dict[str, str]) -> str:
    """Fill {region}/{scope}/{period} in titles; unknown names are left for the spec check."""
    return PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), template)

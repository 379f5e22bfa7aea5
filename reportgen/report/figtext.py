"""How a figure reads: number with its qualifier and scope, period as the source gives it.

Every place that prints a figure (sentences, KPIs, tables, chart labels, slides) goes
through here, so a qualifier, a scope or a doubt mark is never dropped in one of them:

* a single figure reads the way its source wrote it (13.76万人次, 95.84万人, 5.1万户),
  not re-scaled from the canonical unit (137600人次); sums and conversions use the shared
  Chinese number format;
* the qualifier sits where Chinese puts it (近100万人, 90余万人, 90%左右);
* a scope narrower than the region follows the figure in brackets: 207次（市委书记）;
* a figure a data check doubts carries ※ (the data-check appendix says why);
* a period the curator inferred is never printed as a date: the source's own time words
  (五年来, “十三五”之初) stand in for it, else "据<publication date>报道".
"""

from __future__ import annotations

import re
from decimal import Decimal

from reportgen.data.periods import period_label
from reportgen.report.model import FigureRun
from reportgen.report.query import Figure
from reportgen.text.numbers import format_quantity
from reportgen.text.qualifiers import AFTER, BEFORE, BETWEEN, qualify
from reportgen.text.strictnum import NumberFormatError, parse_strict

FLAG_MARK = "※"
FLAG_NOTE = "标※的数字经数据核查存在疑点，引用前请核实（见“数据核查”）。"


def figure_text(figure: Figure, decimals: int = 2, *, scope: bool = True,
                mark: bool = True) -> str:
    """"近100万人", "207次（市委书记）", "1.67人※"."""
    number, unit = figure_parts(figure, decimals)
    text = number + unit
    if scope and figure.scope:
        text += f"（{figure.scope}）"
    if mark and figure.flagged:
        text += FLAG_MARK
    return text


def figure_parts(figure: Figure, decimals: int = 2) -> tuple[str, str]:
    """Number and unit for a KPI tile, the qualifier on the side Chinese puts it."""
    written = as_written(figure) or in_common_scale(figure)
    if written is None:
        quantity = format_quantity(figure.value, figure.unit, decimals=decimals)
        written = quantity.number, quantity.unit
    (number, unit), word = written, figure.qualifier
    if not word:
        return number, unit
    if word in BEFORE:
        return word + number, unit
    if word in BETWEEN:
        return number, _between(figure, number, unit, word)
    if word in AFTER:
        return number, unit + word
    return number, qualify("", unit, word)  # unknown words were refused by validate


def as_written(figure: Figure) -> tuple[str, str] | None:
    """The source's own number and unit (13.76, 万人次) when they state exactly this figure.

    Only for one figure read from one row (not a sum, not a remainder), written in the
    canonical unit or with 万/亿 in front of it: a 名 the indicator counts in 人 is not
    reprinted, so one table never mixes units for one indicator.
    """
    first = figure.observations[0] if figure.observations else None
    if first is None or first.value != figure.value:
        return None
    if first.unit_written not in (figure.unit, "万" + figure.unit, "亿" + figure.unit):
        return None
    try:
        number = parse_strict(first.value_written)
    except NumberFormatError:
        return None
    return format(number, "f"), first.unit_written


SCALES = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}


def in_common_scale(figure: Figure) -> tuple[str, str] | None:
    """A sum of rows the source all wrote in 万/亿 of the unit is printed in that scale too
    (12.5万人 + 8.3万人 → 20.8万人, not 208000人)."""
    if len(figure.observations) < 2:
        return None
    written = {o.unit_written for o in figure.observations}
    unit = written.pop() if len(written) == 1 else ""
    scale = unit[:1]
    if scale not in SCALES or unit[1:] != figure.unit:
        return None
    number = (Decimal(str(figure.value)) / SCALES[scale]).normalize()
    return format(number, "f"), unit


def _between(figure: Figure, number: str, unit: str, word: str) -> str:
    """余/多 goes before 万/亿 (90余万人) or after it (2万余座), as the source wrote it."""
    scale = unit[:1] if unit[:1] in ("万", "亿") and len(unit) > 1 else ""
    after_scale = scale + word + unit[len(scale):]
    quotes = [o.quote for o in figure.observations]
    if scale and any(number + after_scale in q for q in quotes):
        return after_scale
    return word + unit


def figure_period(figure: Figure) -> str:
    """Label for a table cell, KPI or chart: 2019年, 截至2020年底, 五年来, 据2021年报道,
    累计（据2020年报道） for a total the source gives without a date."""
    if figure.period_stated:
        return period_label(figure.period)
    label = unstated_period(figure)
    # 累计 only where the source says so: a curator's "cumulative" is an inference
    said = any("累计" in o.quote for o in figure.observations)
    if figure.period.kind == "cumulative" and not figure.period_phrase and said \
            and "累计" not in label:
        return f"累计（{label}）"
    return label


def is_earlier_state(figure: Figure) -> bool:
    """A figure the curator dates well before its report (据2020年报道的此前情况): the
    starting point of a campaign, context for a sentence, never a headline tile."""
    return not figure.period_stated and not figure.period_phrase and bool(figure.reported) \
        and _dated_well_before(figure)


def is_summed(figure: Figure) -> bool:
    """The engine added yearly figures up (2018 + 2019 + 2020): no source states the total."""
    return len({o.period.text for o in figure.observations}) > 1


def opening_period(figure: Figure) -> str:
    """The period opening a sentence: "截至2020年底" (no 累计（…） wrapper), or time words."""
    if not figure.period_stated:
        return unstated_period(figure)
    label = period_label(figure.period)
    if figure.period.kind == "cumulative":
        return label.removeprefix("累计（").removesuffix("）")
    return label


# Words that mean "when the article was written": printed as they stand, they would mean
# "when the brief is read". Such a phrase is tied to the report date instead.
NOW_WORDS = ("截至目前", "目前", "当前", "现在", "如今", "眼下", "至今", "迄今", "现阶段")
RELATIVE_WORDS = ("今年", "去年", "前年", "本年", "本月", "上月", "近日", "日前", "近期",
                  "近年", "年初以来", "上半年", "下半年")


EARLIER_YEARS = 2  # a figure the curator dates this long before its report is "earlier"


def unstated_period(figure: Figure) -> str:
    phrase = figure.period_phrase
    reported = f"据{figure.reported}报道" if figure.reported else ""
    if reported and not phrase and _dated_well_before(figure):
        # not the state at the report date: "据2020年报道" alone would read as the present
        return f"{reported}的此前情况"
    if phrase and reported:
        if any(w in phrase for w in NOW_WORDS):
            return reported  # 目前 → 据2020年报道
        if any(w in phrase for w in RELATIVE_WORDS):
            return f"{reported}，{phrase}"  # 据2020年报道，今年以来
    return phrase or reported or "时间未注明"


def _dated_well_before(figure: Figure) -> bool:
    years = [int(y) for y in re.findall(r"\d{4}", figure.reported)]
    return bool(years) and figure.period.kind != "cumulative" and \
        years[0] - figure.period.end.year >= EARLIER_YEARS


def period_key(figure: Figure) -> tuple[str, bool, str]:
    """What must match for figures to share one period label in a sentence."""
    if figure.period_stated:
        return (figure.period.text, True, "")
    return (figure.period.text, False, unstated_period(figure))


def figure_run(figure: Figure, text: str) -> FigureRun:
    """The printed figure as a run of a sentence: its text and its identity."""
    first = figure.observations[0] if figure.observations else None
    rows = tuple(f"{o.location.file}:{o.location.row}" for o in figure.observations
                 if o.location is not None and o.location.row is not None)
    return FigureRun(text=text, region_code=first.region_code if first else "",
                     indicator_id=figure.indicator.id, period=figure.period.text,
                     value=str(figure.value), unit=figure.unit, qualifier=figure.qualifier,
                     scope=figure.scope, period_stated=figure.period_stated,
                     flagged=figure.flagged, rows=rows)

"""How a figure reads: number with its qualifier and scope, period as the source gives it.

Every place that prints a figure (sentences, KPIs, tables, chart labels, slides) goes
through here, so a qualifier, a scope or a doubt mark is never dropped in one of them:

* the qualifier sits where Chinese puts it (近100万人, 90余万人, 90%左右);
* a scope narrower than the region follows the figure in brackets: 207次（市委书记）;
* a figure a data check doubts carries ※ (the data-check appendix says why);
* a period the curator inferred is never printed as a date: the source's own time words
  (五年来, “十三五”之初) stand in for it, else "据<publication date>报道".
"""

from __future__ import annotations

from reportgen.data.periods import period_label
from reportgen.report.query import Figure
from reportgen.text.numbers import format_quantity
from reportgen.text.qualifiers import AFTER, BEFORE, BETWEEN, qualify

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
    quantity = format_quantity(figure.value, figure.unit, decimals=decimals)
    number, unit, word = quantity.number, quantity.unit, figure.qualifier
    if not word:
        return number, unit
    if word in BEFORE:
        return word + number, unit
    if word in BETWEEN:
        return number, word + unit
    if word in AFTER:
        return number, unit + word
    return number, qualify("", unit, word)  # unknown words were refused by validate


def figure_period(figure: Figure) -> str:
    """Label for a table cell, KPI or chart: 2019年, 截至2020年底, 五年来, 据2021年报道."""
    if figure.period_stated:
        return period_label(figure.period)
    return unstated_period(figure)


def opening_period(figure: Figure) -> str:
    """The period opening a sentence: "截至2020年底" (no 累计（…） wrapper), or time words."""
    if not figure.period_stated:
        return unstated_period(figure)
    label = period_label(figure.period)
    if figure.period.kind == "cumulative":
        return label.removeprefix("累计（").removesuffix("）")
    return label


def unstated_period(figure: Figure) -> str:
    if figure.period_phrase:
        return figure.period_phrase
    if figure.reported:
        return f"据{figure.reported}报道"
    return "时间未注明"


def period_key(figure: Figure) -> tuple[str, bool, str]:
    """What must match for figures to share one period label in a sentence."""
    if figure.period_stated:
        return (figure.period.text, True, "")
    return (figure.period.text, False, unstated_period(figure))

"""Qualifiers of figures (近, 约, 余, 多, 以上, 左右 …): where each sits in Chinese text.

Official text writes the word with the number, and dropping it changes the statement:
近100万人 (just under), 90余万人 / 300多亿元 / 3700多个 (more than), 约5万人 / 90%左右
(about), 5万人以上 (at least). The word goes before the number (近, 约, 超过, 逾, 不足),
between the number and 万/亿 or the unit (余, 多), or after the unit (以上, 左右).
"""

from __future__ import annotations

import re

BEFORE: tuple[str, ...] = ("近", "约", "超过", "逾", "不足")
BETWEEN: tuple[str, ...] = ("余", "多")
AFTER: tuple[str, ...] = ("以上", "左右")
QUALIFIERS: tuple[str, ...] = BEFORE + BETWEEN + AFTER

MEANING = {
    "近": "不足而接近", "约": "约数", "超过": "多于", "逾": "多于", "不足": "少于",
    "余": "多于", "多": "多于", "以上": "不少于", "左右": "约数",
}


def qualify(number: str, unit: str, qualifier: str) -> str:
    """The figure with its qualifier where Chinese puts it: ("90", "万人", "余") → 90余万人."""
    if not qualifier:
        return number + unit
    if qualifier in BEFORE:
        return qualifier + number + unit
    if qualifier in BETWEEN:
        return number + qualifier + unit
    if qualifier in AFTER:
        return number + unit + qualifier
    raise ValueError(f"unknown qualifier {qualifier!r} (known: {'、'.join(QUALIFIERS)})")


def qualifier_in_quote(quote: str, value_written: str) -> str:
    """The qualifier the quote writes with this number, or "" (近百万 → 近, 90余万 → 余).

    Used to warn when a curator left the qualifier in the quote but not in its column.
    """
    number = value_written.strip()
    if not number:
        return ""
    # str.find, not a regex per number: validate runs this on every row
    start = quote.find(number)
    while start >= 0:
        end = start + len(number)
        before, after = quote[:start], quote[end:]
        start = quote.find(number, start + 1)
        if before and (before[-1].isdigit() or before[-1] == "."):
            continue  # "12" inside "312"
        if after[:1].isdigit() or (after[:1] == "." and after[1:2].isdigit()):
            continue
        found = _around(before, after)
        if found:
            return found
    return ""


# a word after the unit: at most three characters that are not digits or punctuation
_AFTER_PATTERNS = tuple((word, re.compile(rf"^[^，。；、\d]{{0,3}}{word}")) for word in AFTER)


def _around(before: str, after: str) -> str:
    for word in BEFORE:
        if before.endswith(word) or before.endswith(word + "达"):
            return word
    rest = after.lstrip("万亿千百")
    if after[:1] in BETWEEN:
        return after[0]
    for word, pattern in _AFTER_PATTERNS:
        if pattern.match(rest) and not rest.startswith("以上年"):
            return word
    return ""

"""Text helpers shared by every output: the Chinese number formatter (``numbers``)."""

from reportgen.text.numbers import (
    Quantity,
    choose_scale,
    format_change,
    format_number,
    format_percent,
    format_quantity,
    format_year,
    round_half_up,
)

__all__ = [
    "Quantity",
    "choose_scale",
    "format_change",
    "format_number",
    "format_percent",
    "format_quantity",
    "format_year",
    "round_half_up",
]

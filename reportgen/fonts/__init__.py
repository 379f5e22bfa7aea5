"""Fonts: one registry (roles sans/serif/kai → TrueType files) and the glyph preflight."""

from reportgen.fonts.registry import ROLES, FontRegistry

__all__ = ["ROLES", "FontRegistry"]

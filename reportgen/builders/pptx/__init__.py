"""PowerPoint decks with native, editable charts (python-pptx)."""

from reportgen.builders.pptx.builder import PptxBuilder

__all__ = ["PptxBuilder"]

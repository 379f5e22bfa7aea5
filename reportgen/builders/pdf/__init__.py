"""PDF briefing builder (reportlab): ``PdfBuilder`` in ``builder``."""

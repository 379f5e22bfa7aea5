"""Data layer: read, convert and validate the curated tables (imports nothing heavy)."""

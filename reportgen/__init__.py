"""reportgen: curated indicator tables to Chinese PDF briefs and PowerPoint decks."""

__version__ = "0.1.0"

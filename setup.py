"""Packaging hook: the wheel carries the fonts and the template deck as package data.

They live once in the repository (top-level ``fonts/`` and ``templates/deck.pptx``, which an
editable install reads in place); a regular build copies them into
``reportgen/defaults/`` of the build tree, so ``pip install .`` or a wheel needs no clone.
Everything else is declared in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
FONT_FILES = ("*.ttf", "*.otf", "OFL-*.txt", "GPL-*.txt", "README.md")


class BuildWithAssets(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # the package reads the repository's own folders
            return
        target = Path(self.build_lib) / "reportgen" / "defaults"
        fonts = target / "fonts"
        fonts.mkdir(parents=True, exist_ok=True)
        for pattern in FONT_FILES:
            for source in sorted((ROOT / "fonts").glob(pattern)):
                shutil.copyfile(source, fonts / source.name)
        deck = ROOT / "templates" / "deck.pptx"
        if deck.is_file():
            (target / "templates").mkdir(parents=True, exist_ok=True)
            shutil.copyfile(deck, target / "templates" / "deck.pptx")


setup(cmdclass={"build_py": BuildWithAssets})

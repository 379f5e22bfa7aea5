"""Project directory and its optional ``reportgen.toml``, declared once.

Every key is a field of ``Config`` with a type, a default and a one-line docstring
(``CONFIG_DOCS``). Loading reports every bad key before failing.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

from reportgen.errors import ConfigError

CONFIG_FILE = "reportgen.toml"
SOURCES_DIR_ENV = "REPORTGEN_SOURCES_DIR"
# Tables parsed by the layer that owns them (reportgen.publish.settings), kept out of
# ``Config`` so that they are not part of any output's fingerprint.
TABLES = ("bundle", "delivery")


@dataclass(frozen=True)
class Config:
    issuer: str = "乡村振兴局"
    author: str = "reportgen"
    style: str = "modern"
    sources_dir: str = ""
    pptx_latin_font: str = "Microsoft YaHei"
    pptx_ea_font: str = "微软雅黑"
    decimals: int = 2
    regions: tuple[str, ...] = field(default=())
    # 公文 style (GB/T 9704-2012): 简报 版头 and 版记, fonts
    brief_name: str = "工作简报"
    brief_issue: str = ""
    brief_compiler: str = ""
    brief_date: str = ""
    brief_report_to: tuple[str, ...] = field(default=())
    brief_copy_to: tuple[str, ...] = field(default=())
    brief_send_to: tuple[str, ...] = field(default=())
    brief_printer: str = ""
    gongwen_body_font: str = ""
    gongwen_title_font: str = ""


CONFIG_DOCS: dict[str, str] = {
    "issuer": "Issuing body printed in the title block of every brief and deck.",
    "author": "Author written into PDF and PPTX document metadata.",
    "style": "PDF style: 'modern' (briefing) or 'gongwen' (GB/T 9704-2012 official layout).",
    "sources_dir": "Folder of the source documents for the provenance check (relative to the "
    f"project); empty = skip. The environment variable {SOURCES_DIR_ENV} overrides it.",
    "pptx_latin_font": "Latin typeface named in decks (fonts are not embedded in PPTX).",
    "pptx_ea_font": "East Asian typeface named in decks (a:ea on every run).",
    "decimals": "Most decimal places the number formatter prints.",
    "regions": "Region codes to build; empty = every region with enough data.",
    "brief_name": "简报 name printed in red at the top of a 公文-style brief (版头).",
    "brief_issue": "期号 under the name, e.g. '第3期'; empty = none.",
    "brief_compiler": "编印单位 at the left under the name; empty = issuer.",
    "brief_date": "Date of the 版头 and the 印发日期, YYYY-MM-DD; empty = the latest source "
    "date of the region's data (never the clock).",
    "brief_report_to": "报: bodies the brief is reported to (版记); empty = no 报 line.",
    "brief_copy_to": "送: bodies it is copied to (版记); empty = no 送 line.",
    "brief_send_to": "发: bodies it is sent to (版记); empty = no 发 line.",
    "brief_printer": "印发单位 in the 版记; empty = the 编印单位.",
    "gongwen_body_font": "TrueType file in fonts/ for the 公文 body (仿宋); empty = the shipped "
    "ReportgenFangsongSC-Regular.ttf.",
    "gongwen_title_font": "TrueType file in fonts/ for the 公文 title (小标宋); empty = the "
    "shipped ReportgenTitleSC-Black.ttf.",
}

_CHOICES = {"style": ("modern", "gongwen")}
_RANGES = {"decimals": (0, 6)}  # inclusive bounds of integer keys
_PATTERNS = {  # text keys with a required form (empty is always allowed)
    "brief_date": (r"\d{4}-\d{2}-\d{2}", "a date YYYY-MM-DD"),
    "gongwen_body_font": (r"[^/\\]+\.(ttf|TTF)", "a .ttf file name inside fonts/"),
    "gongwen_title_font": (r"[^/\\]+\.(ttf|TTF)", "a .ttf file name inside fonts/"),
}
_MAX_TEXT = 200  # characters of a text key


@dataclass(frozen=True)
class Project:
    """A project directory: data/, templates/, fonts/, output/ and reportgen.toml."""

    root: Path
    config: Config
    tables: dict[str, Any] = field(default_factory=dict, compare=False)  # see TABLES

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def fonts_dir(self) -> Path:
        return self.root / "fonts"

    @property
    def output_dir(self) -> Path:
        return self.root / "output"

    @property
    def config_file(self) -> Path:
        return self.root / CONFIG_FILE

    def with_overrides(self, **values: Any) -> Project:
        """The same project with some config keys set for this run (e.g. ``style``)."""
        given = {k: v for k, v in values.items() if v is not None}
        if not given:
            return self
        merged = {f.name: getattr(self.config, f.name) for f in fields(Config)} | given
        return Project(root=self.root, config=parse_config(
            {k: list(v) if isinstance(v, tuple) else v for k, v in merged.items()}),
            tables=self.tables)

    def sources_path(self) -> Path | None:
        """Folder of source documents for the provenance check, or None to skip it."""
        raw = os.environ.get(SOURCES_DIR_ENV) or self.config.sources_dir
        if not raw:
            return None
        path = Path(raw)
        return path if path.is_absolute() else self.root / path


def load_project(root: Path | str = ".") -> Project:
    given = Path(root)
    root = given.resolve()
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "does not exist"
        raise ConfigError(f"project directory {str(given)!r} ({root}) {what}",
                          hint="pass -C DIR pointing at a project folder (one with data/), "
                               "or create one with `reportgen init DIR`")
    path = root / CONFIG_FILE
    values: dict[str, Any] = {}
    if path.exists() or path.is_symlink():
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            # settings decide where the build reads and writes: never taken from outside
            raise ConfigError(f"{CONFIG_FILE} is a link to a file outside the project "
                              f"({path.resolve()})",
                              hint=f"replace the link with a copy of the file in {root}")
        if not path.is_file():
            raise ConfigError(f"{CONFIG_FILE} is not a file",
                              hint="remove it or replace it with a TOML file")
        try:
            values = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{CONFIG_FILE}: {exc}", hint="fix the TOML syntax") from exc
        except OSError as exc:
            raise ConfigError(f"cannot read {CONFIG_FILE}: {exc.strerror}",
                              hint="check the file's permissions") from None
    tables = {k: values.pop(k) for k in TABLES if k in values}
    bad = [k for k, v in tables.items() if not isinstance(v, dict)]
    if bad:
        raise ConfigError(f"{CONFIG_FILE}: {', '.join(repr(k) for k in bad)} must be a table "
                          f"([{bad[0]}])", hint="see the Delivery section of README.md")
    return Project(root=root, config=parse_config(values), tables=tables)


def parse_config(values: dict[str, Any]) -> Config:
    known = {f.name: f for f in fields(Config)}
    problems: list[str] = []
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known:
            problems.append(f"unknown key {key!r} (known: {', '.join(sorted(known))})")
            continue
        default = getattr(Config(), key)
        if isinstance(default, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(f"{key!r} must be a list of strings")
                continue
            value = tuple(value)
        elif isinstance(value, bool) or not isinstance(value, type(default)):
            problems.append(f"{key!r} must be {type(default).__name__}, got {value!r}")
            continue
        if key in _RANGES and not _RANGES[key][0] <= value <= _RANGES[key][1]:
            low, high = _RANGES[key]
            problems.append(f"{key!r} must be between {low} and {high}, got {value!r}")
            continue
        if isinstance(value, tuple) and any(len(v) > _MAX_TEXT or not v.isprintable() or
                                            not v.strip() for v in value):
            problems.append(f"{key!r} must list non-empty printable texts of at most "
                            f"{_MAX_TEXT} characters")
            continue
        if isinstance(value, str) and (len(value) > _MAX_TEXT or not value.isprintable()):
            problems.append(f"{key!r} must be printable text of at most {_MAX_TEXT} characters")
            continue
        if (problem := _form_problem(key, value)) is not None:
            problems.append(problem)
            continue
        if key in _CHOICES and value not in _CHOICES[key]:
            problems.append(f"{key!r} must be one of {_CHOICES[key]}, got {value!r}")
            continue
        kwargs[key] = value
    if problems:
        raise ConfigError(f"{CONFIG_FILE}: " + "; ".join(problems),
                          hint="see the Configuration section of README.md")
    return Config(**kwargs)


def _form_problem(key: str, value: object) -> str | None:
    """A text key whose value does not have its required form (see ``_PATTERNS``)."""
    if key not in _PATTERNS or not value:
        return None
    pattern, what = _PATTERNS[key]
    if not isinstance(value, str) or re.fullmatch(pattern, value) is None:
        return f"{key!r} must be {what}, got {value!r}"
    if key == "brief_date":
        try:
            date.fromisoformat(value)
        except ValueError:
            return f"{key!r} is not a real date: {value!r}"
    return None

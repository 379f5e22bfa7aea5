"""One font registry for matplotlib, reportlab and the decks.

Roles are what the documents ask for (``sans`` 黑体, ``serif`` 宋体, ``kai`` 楷体, ``fangsong``
仿宋 and ``title`` 小标宋 for the 公文 style), each with a regular and a bold TrueType (glyf)
file (仿宋 and 小标宋 have one weight: both names point at the same file). The 公文 faces
can be replaced by files named in ``reportgen.toml`` (``gongwen_body_font``,
``gongwen_title_font``); a named file that is missing is an error, never a silent fallback.
A project's ``fonts/`` folder wins over the defaults
shipped with reportgen (file by file). matplotlib and reportlab are imported only inside the
methods that need them, so loading the registry and fingerprinting it stay cheap.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.errors import FontError
from reportgen.fonts.files import cmap, file_sha256
from reportgen.paths import inside

if TYPE_CHECKING:
    from reportgen.config import Config, Project


@dataclass(frozen=True)
class FontRole:
    family: str  # family name inside the file (unique: no system font has it)
    regular: str  # file names inside fonts/
    bold: str
    optional: bool = False  # shipped only once built (scripts/make_fonts.py); else serif


ROLES: dict[str, FontRole] = {
    "sans": FontRole("Reportgen Sans SC", "ReportgenSansSC-Regular.ttf",
                     "ReportgenSansSC-Bold.ttf"),
    "serif": FontRole("Reportgen Serif SC", "ReportgenSerifSC-Regular.ttf",
                      "ReportgenSerifSC-Bold.ttf"),
    "kai": FontRole("Reportgen Kai SC", "ReportgenKaiSC-Regular.ttf", "ReportgenKaiSC-Bold.ttf"),
    "fangsong": FontRole("Reportgen Fangsong SC", "ReportgenFangsongSC-Regular.ttf",
                         "ReportgenFangsongSC-Regular.ttf", optional=True),
    "title": FontRole("Reportgen Title SC", "ReportgenTitleSC-Black.ttf",
                      "ReportgenTitleSC-Black.ttf"),
}
CONFIG_KEYS = {"fangsong": "gongwen_body_font", "title": "gongwen_title_font"}
# Roles only the 公文 style draws with: a modern build never needs their glyphs (仿宋
# covers GB 2312 and about 8,000 hanzi, fewer than the other faces).
GONGWEN_ROLES = frozenset(CONFIG_KEYS)

# Per-glyph fallback in matplotlib: U+2212 and other Latin symbols the CJK face may lack.
MPL_FALLBACK = "DejaVu Sans"

# Characters never drawn as glyphs (line breaks, tabs); they need no cmap entry.
_NOT_DRAWN = frozenset("\n\r\t\f\v\u200b\u200c\u200d\ufeff")


def default_fonts_dirs() -> list[Path]:
    """Fonts shipped with reportgen: package data, then the repository's fonts/ (editable)."""
    package = Path(__file__).resolve().parents[1]
    return [package / "defaults" / "fonts", package.parent / "fonts"]


@dataclass
class FontRegistry:
    """Resolved font files per role; build with ``FontRegistry.load(project)``."""

    files: dict[tuple[str, bool], Path]  # (role, bold) → file
    families: dict[str, str]  # role → family name inside the file
    _fingerprint: str | None = field(default=None, repr=False)
    _reportlab: dict[str, str] = field(default_factory=dict, repr=False)
    _drawable: dict[str, frozenset[int]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, project: Project | None = None,
             search: list[Path] | None = None) -> FontRegistry:
        """Find every role's files: project fonts/ first, then the shipped defaults."""
        dirs = list(search) if search is not None else []
        if project is not None and search is None:
            dirs.append(project.fonts_dir)
        if search is None:
            dirs.extend(default_fonts_dirs())
        files: dict[tuple[str, bool], Path] = {}
        for role, spec in _roles(project).items():
            configured = spec is not ROLES[role]
            if spec.optional and not configured and not _present(spec.regular, dirs):
                continue
            for bold, name in ((False, spec.regular), (True, spec.bold)):
                found = _find(name, dirs, role, bold, configured)
                if project is not None and found.parent == project.fonts_dir:
                    inside(project.root, found)  # a font linked out of the project: refused
                files[(role, bold)] = found
        loaded = {role for role, _ in files}
        return cls(files=files, families={r: s.family for r, s in ROLES.items() if r in loaded})

    @property
    def roles(self) -> list[str]:
        return sorted({role for role, _ in self.files})

    def roles_for(self, style: str) -> list[str]:
        """The roles a document of ``style`` draws with (the glyph preflight checks these)."""
        return [r for r in self.roles if style == "gongwen" or r not in GONGWEN_ROLES]

    def path(self, role: str, bold: bool = False) -> Path:
        try:
            return self.files[(role, bold)]
        except KeyError:
            raise FontError(f"unknown font role {role!r}",
                            hint=f"use one of: {', '.join(self.roles)}") from None

    def fingerprint(self) -> str:
        """Content hash of every font file (hashed once; no heavy imports)."""
        if self._fingerprint is None:
            digest = hashlib.sha256()
            for (role, bold), path in sorted(self.files.items()):
                digest.update(f"{role}:{int(bold)}:{file_sha256(path)}\n".encode())
            self._fingerprint = digest.hexdigest()
        return self._fingerprint

    def missing_chars(self, text: str, role: str = "sans") -> list[str]:
        """Characters of ``text`` that the regular or bold face of ``role`` cannot draw."""
        drawable = self._drawable.get(role)
        if drawable is None:  # both faces read once per registry, not once per string
            drawable = cmap(self.path(role)) & cmap(self.path(role, bold=True))
            self._drawable[role] = drawable
        seen: dict[str, None] = {}
        for ch in text:
            if ch not in seen and ord(ch) not in drawable and ch not in _NOT_DRAWN:
                seen[ch] = None
        return list(seen)

    def register_reportlab(self, roles: Iterable[str] | None = None) -> dict[str, str]:
        """Register ``roles`` (default: every role) with reportlab, so ``<b>`` works;
        return role → font name. Each face is parsed when first needed (about 70 ms for
        a CJK face): a modern brief never loads the 公文 faces."""
        from reportgen.fonts.reportlab_fonts import register_family

        wanted = self.roles if roles is None else [r for r in roles if r in self.roles]
        for role in wanted:
            if role not in self._reportlab:
                self._reportlab[role] = register_family(
                    role, self.path(role), self.path(role, bold=True),
                    file_sha256(self.path(role)))
        return {role: self._reportlab[role] for role in wanted}

    def reportlab_name(self, role: str, bold: bool = False, *, register: bool = True) -> str:
        """The reportlab font name of one face (registered first unless ``register`` is
        False: names are a pure function of the file's content)."""
        from reportgen.fonts.reportlab_fonts import reportlab_name

        if register:
            self.register_reportlab([role])
        return reportlab_name(role, file_sha256(self.path(role)), bold)

    def matplotlib_family(self, role: str = "sans") -> list[str]:
        """Register the role's files with matplotlib BY FILE; return the rcParams family list."""
        from reportgen.fonts.mpl_fonts import add_font_files

        family = add_font_files([self.path(role), self.path(role, bold=True)])
        return [family, MPL_FALLBACK]

    def pptx_typefaces(self, config: Config) -> tuple[str, str]:
        """(latin, east-asian) typefaces named in decks; PPTX does not embed fonts."""
        return config.pptx_latin_font, config.pptx_ea_font


def _present(name: str, dirs: list[Path]) -> bool:
    return any((folder / name).is_file() for folder in dirs)


def _roles(project: Project | None) -> dict[str, FontRole]:
    """The shipped roles, with the 公文 faces a project's reportgen.toml names instead."""
    roles = dict(ROLES)
    if project is None:
        return roles
    for role, key in CONFIG_KEYS.items():
        name = getattr(project.config, key, "")
        if name:
            roles[role] = FontRole(ROLES[role].family, name, name)
    return roles


def _find(name: str, dirs: list[Path], role: str, bold: bool, configured: bool = False) -> Path:
    for folder in dirs:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    looked = ", ".join(str(d) for d in dirs) or "(no folder)"
    weight = "bold" if bold else "regular"
    if configured:
        key = CONFIG_KEYS[role]
        raise FontError(
            f"font file {name} named by {key} in reportgen.toml (role {role!r}) not found; "
            f"looked in {looked}",
            hint=f"copy {name} into the project's fonts/ folder (a TrueType .ttf with glyf "
            f"outlines), or remove {key} to use the shipped face")
    raise FontError(
        f"font file {name} for role {role!r} ({weight}) not found; looked in {looked}",
        hint="put the file in the project's fonts/ folder, or reinstall reportgen (its "
        "wheel ships the fonts; in a clone of the repository, `python scripts/make_fonts.py` "
        "rebuilds them)",
    )

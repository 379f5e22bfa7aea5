"""README.md documents every configuration key and every command (docs in step with code)."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from reportgen.cli import EXIT_FAILED, EXIT_LOCKED, EXIT_OK, EXIT_USAGE, _parser, main
from reportgen.config import CONFIG_DOCS, Config

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_config_key_is_declared_and_documented() -> None:
    names = {f.name for f in fields(Config)}
    assert names == set(CONFIG_DOCS)
    for name in names:
        assert f"`{name}`" in README, f"README.md does not document config key {name!r}"


def test_every_command_is_documented() -> None:
    sub = next(a for a in _parser()._actions if a.dest == "command")
    for command in sub.choices:  # type: ignore[union-attr]
        assert f"reportgen {command}" in README, f"README.md lacks `reportgen {command}`"


def test_exit_codes_are_documented() -> None:
    for code in (EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED):
        assert f"| {code} |" in README


def test_unknown_config_key_is_a_usage_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "reportgen.toml").write_text('isuer = "x"\n', encoding="utf-8")
    assert main(["-C", str(tmp_path), "validate"]) == EXIT_USAGE
    assert "unknown key 'isuer'" in capsys.readouterr().err


def test_style_override_for_one_run(tmp_path: Path) -> None:
    from reportgen.config import load_project

    project = load_project(tmp_path)
    assert project.config.style == "modern"
    assert project.with_overrides(style="gongwen").config.style == "gongwen"
    assert project.with_overrides(style=None) is project

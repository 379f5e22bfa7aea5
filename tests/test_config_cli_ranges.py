"""Issue 13: reportgen.toml and option values out of range are usage errors, not tracebacks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.cli import main

SAMPLE = Path(__file__).resolve().parent / "projects" / "data-clean"


def _run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    try:
        code = main(["-C", str(root), *args])
    except SystemExit as exc:  # argparse refuses an option value
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE, tmp_path / "p"))


@pytest.mark.parametrize(("toml", "needle"), [
    ("decimals = -3", "'decimals' must be between 0 and 6, got -3"),
    ("decimals = 100000000000", "'decimals' must be between 0 and 6"),
    ("decimals = 2.5", "'decimals' must be int"),
    ('issuer = "a\\u001b[31m"', "'issuer' must be printable text"),
    ('author = "' + "x" * 300 + '"', "'author' must be printable text"),
])
def test_config_values_out_of_range(root: Path, capsys: pytest.CaptureFixture[str],
                                    toml: str, needle: str) -> None:
    (root / "reportgen.toml").write_text(toml + "\n", encoding="utf-8")
    code, out = _run(capsys, root, "validate")
    assert code == 2, out
    assert needle in out and "Traceback" not in out


def test_config_that_is_a_folder(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "reportgen.toml").unlink()
    (root / "reportgen.toml").mkdir()
    code, out = _run(capsys, root, "validate")
    assert code == 2, out
    assert "reportgen.toml is not a file" in out


def test_config_that_cannot_be_read(root: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    original = Path.read_text

    def refuse(self: Path, *args: object, **kwargs: object) -> str:
        if self.name == "reportgen.toml":
            raise PermissionError(13, "Permission denied")
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", refuse)  # root ignores chmod 000
    code, out = _run(capsys, root, "validate")
    assert code == 2, out
    assert "cannot read reportgen.toml: Permission denied" in out


@pytest.mark.parametrize("args", [
    ("watch", "--debounce", "-1"), ("watch", "--debounce", "nan"), ("watch", "--debounce", "inf"),
    ("watch", "--jobs", "0"), ("build", "--jobs", "-2"), ("build", "--jobs", "100000"),
    ("build", "--jobs", "x"),
])
def test_option_ranges(root: Path, capsys: pytest.CaptureFixture[str],
                       args: tuple[str, ...]) -> None:
    code, out = _run(capsys, root, *args)
    assert code == 2, out
    assert "must be between" in out or "is not a whole number" in out
    assert "Traceback" not in out


def test_config_linked_from_outside_the_project_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "p"
    (project / "data").mkdir(parents=True)
    outside = tmp_path / "elsewhere.toml"
    outside.write_text('sources_dir = "/"\n', encoding="utf-8")
    (project / "reportgen.toml").symlink_to(outside)
    assert main(["-C", str(project), "validate"]) == 2
    inner = project / "settings.toml"
    inner.write_text('issuer = "局"\n', encoding="utf-8")
    (project / "reportgen.toml").unlink()
    (project / "reportgen.toml").symlink_to(inner)  # a link inside the project is fine
    from reportgen.config import load_project

    assert load_project(project).config.issuer == "局"

"""Hostile command lines and reportgen.toml values: a usage or located error and an exit code,
never a traceback, never a raw control character on the terminal, nothing written in data/
or outside the project."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from pathlib import Path

import pytest

from reportgen.cli import main

SAMPLES = Path(__file__).resolve().parent / "projects"
ESC = "\x1b[2J\x1b]0;pwned\x07"


def tree(root: Path) -> dict[str, str]:
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file():
            out[path.relative_to(root).as_posix()] = "node"
        else:
            out[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.fixture
def world(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "proj"
    shutil.copytree(SAMPLES / "data-clean", root)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.csv").write_text("precious\n", encoding="utf-8")
    os.mkfifo(outside / "fifo")
    return root, outside


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse usage errors
        code = exc.code if isinstance(exc.code, int) else 2
    captured = capsys.readouterr()
    return code, captured.out + captured.err


ARGS = [  # (argv after -C ROOT, allowed exit codes, text expected in the output)
    (["build", "--region", ESC], {2}, "unknown region"),
    (["build", "--region", "../../data"], {2}, "unknown region"),
    (["build", "--region", ""], {2}, "unknown region"),
    (["build", "--kind", ESC], {2}, "invalid choice"),
    (["build", "--jobs", "0"], {2}, "between 1 and"),
    (["build", "--jobs", "1" * 40], {2}, "between 1 and"),
    (["build", "--jobs", ESC], {2}, "whole number"),
    (["build", "--style", "../../etc"], {2}, "invalid choice"),
    (["watch", "--debounce", "nan"], {2}, "between"),
    (["watch", "--debounce", "-1"], {2}, "between"),
    (["validate", "--format", ESC], {2}, "invalid choice"),
    (["data", "export", "-o", "{root}/data/regions.csv"], {2}, "never writes"),
    (["data", "export", "-o", "{root}/data/new.csv"], {2}, "never writes"),
    (["data", "export", "--format", "xlsx", "-o", "{root}/fonts/x.xlsx"], {2}, "never writes"),
    (["data", "export", "-o", "{outside}/fifo"], {2}, "not a file"),
    (["data", "export", "-o", "{outside}"], {2}, "folder"),
    (["data", "export", "-o", "{outside}/no/such/x.csv"], {2}, "does not exist"),
    (["data", "export", "-o", f"{{outside}}/{ESC}.csv"], {0}, ""),
    (["data", "export", "--format", "xlsx"], {2}, "needs an output file"),
]


@pytest.mark.parametrize(("argv", "codes", "needle"), ARGS)
def test_hostile_arguments(world: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
                           argv: list[str], codes: set[int], needle: str) -> None:
    root, outside = world
    (root / "fonts").mkdir()
    before_data, before_out = tree(root / "data"), tree(outside)
    filled = [a.format(root=root, outside=outside) for a in argv]
    code, text = run(["-C", str(root), *filled], capsys)
    assert code in codes, text
    assert needle in text, text
    assert "Traceback" not in text and "\x1b" not in text and "\x07" not in text
    assert tree(root / "data") == before_data
    after = tree(outside)
    assert {k: v for k, v in after.items() if k in before_out} == before_out  # nothing replaced
    assert stat.S_ISFIFO((outside / "fifo").lstat().st_mode)
    assert not (root / "output").exists() or not list((root / "output").glob("*.p*"))


CONFIGS = [  # (reportgen.toml text or bytes, text expected in the error)
    ('regions = ["\\u001b[2J"]\n', "must list non-empty printable texts"),
    ("regions = \"410000\"\n", "list of strings"),
    ("decimals = 99999999999999999999999\n", "between 0 and 6"),
    ("decimals = -3\n", "between 0 and 6"),
    ("decimals = 2.5\n", "must be int"),
    ("style = 5\n", "must be str"),
    ('issuer = "\\u001b]0;x\\u0007"\n', "printable text"),
    ('author = "' + "长" * 5000 + '"\n', "printable text"),
    ('[style]\nx = 1\n', "must be str"),
    ("nonsense = 1\n", "unknown key"),
    ("= = =\n", "TOML"),
    (b"\xff\xfe\x00garbage", "reportgen.toml"),
    ('decimals = 2\ndecimals = 3\n', "TOML"),
]


@pytest.mark.parametrize(("content", "needle"), CONFIGS)
def test_hostile_config_values(world: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
                               content: str | bytes, needle: str) -> None:
    root, _ = world
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    (root / "reportgen.toml").write_bytes(data)
    before = tree(root / "data")
    for command in (["build"], ["validate"], ["data", "export"]):
        code, text = run(["-C", str(root), *command], capsys)
        if command != ["build"] and needle == "unknown region":
            continue  # only build uses `regions`
        assert code == 2, (command, text)
        assert needle in text, (command, text)
        assert "Traceback" not in text and "\x1b" not in text and "\x07" not in text
    assert tree(root / "data") == before


@pytest.mark.parametrize("odd", ["folder", "fifo", "link-to-device"])
def test_reportgen_toml_that_is_not_a_file(world: tuple[Path, Path],
                                           capsys: pytest.CaptureFixture[str], odd: str) -> None:
    root, _ = world
    path = root / "reportgen.toml"
    path.unlink()
    if odd == "folder":
        path.mkdir()
    elif odd == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")  # read_text would never end
    code, text = run(["-C", str(root), "validate"], capsys)
    # a link out of the project is refused before it is looked at (never read)
    expected = ("is a link to a file outside the project" if odd == "link-to-device"
                else "reportgen.toml is not a file")
    assert code == 2 and expected in text

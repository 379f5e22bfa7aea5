"""Seeded fuzzing of the data layer (issue 13): random bytes files and random CSV cells fed to
``validate`` and ``build``, through the library and the CLI in-process. Only findings and exit
codes may come out, never an uncaught exception. Bounded: a few hundred examples, seconds."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest
from datahelp import OBS, OBS_HEADER, make_project

from reportgen.cli import main
from reportgen.config import load_project
from reportgen.data.load import load_dataset

GOOD = ["410482", "poverty_exit_persons", "2019", "8000", "人", "doc-a", "2019年脱贫8000人", "",
        ""]
PIECES = ["0", "1", "9", "8000", ",", "，", ".", "_", "e", "E", "-", "+", "=", "@", "'", '"',
          "\n", "\r", "\t", "\x00", "\x1b[31m", "\x7f", "\u200b", "\ufeff", "０", "٣", "万", "亿",
          "人", "%", "NaN", "inf", "1e28", "cumulative:", "2019", "0000", "9999-99-99", "脱贫",
          "410482", "doc-a", "source-conflict", " ", "长" * 300, "9" * 40, "\ud800"[:0]]
SEED = 20260513


def _cell(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 6)))


def _csv_bytes(rng: random.Random) -> bytes:
    rows = []
    for _ in range(rng.randint(1, 4)):
        row = list(GOOD)
        for _ in range(rng.randint(1, 3)):
            row[rng.randrange(len(row))] = _cell(rng)
        if rng.random() < 0.2:
            row = row[:rng.randrange(len(row))]  # short row
        rows.append(row)
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    text = OBS_HEADER + buffer.getvalue()
    return text.encode(rng.choice(["utf-8", "utf-8-sig", "gb18030", "utf-16"]), "replace")


def _random_bytes(rng: random.Random) -> bytes:
    kind = rng.random()
    if kind < 0.3:  # noise
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))
    if kind < 0.6:  # a valid file with bytes flipped
        raw = bytearray(_csv_bytes(rng))
        for _ in range(rng.randint(1, 5)):
            if raw:
                raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw)
    return b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(rng.randint(0, 200)))


def _run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["-C", str(root), *args])  # an uncaught exception fails the test
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("batch", range(4))
def test_random_cells_and_bytes_give_findings_only(tmp_path: Path, batch: int,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(SEED + batch)
    root = make_project(tmp_path / "p")
    target = root / OBS
    for example in range(40):
        if example % 2:
            target.write_bytes(_csv_bytes(rng))
            extra = None
        else:
            extra = root / "data/observations" / rng.choice(["fuzz.csv", "fuzz.xlsx"])
            extra.write_bytes(_random_bytes(rng))
        dataset = load_dataset(load_project(root))  # library entry
        for finding in dataset.findings:
            text = finding.format()
            assert "\x1b" not in text and "\x00" not in text, text
            assert len(text) < 3_000, text[:200]
        code, out = _run(capsys, root, "validate")
        assert code == (1 if dataset.errors else 0), out
        assert "Traceback" not in out and "\x1b" not in out
        code, out = _run(capsys, root, "validate", "--format", "json")
        assert code in (0, 1), out
        if extra is not None:
            extra.unlink()


def test_pipeline_on_random_data_reports_and_never_crashes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(SEED)
    root = make_project(tmp_path / "p")
    for _ in range(15):
        (root / OBS).write_bytes(_csv_bytes(rng) if rng.random() < 0.7 else _random_bytes(rng))
        code, out = _run(capsys, root, "build", "--kind", "pdf")
        assert code != 0 or "error" not in out.lower(), out
        assert "Traceback" not in out and "\x1b" not in out

"""A build under cron says each set of data warnings once, and keeps it in the log."""

from __future__ import annotations

from pathlib import Path

from reportgen.data.collect import warning
from reportgen.pipeline.warnings_log import warning_lines

W1 = warning("parts-exceed-total", "部分之和大于总数", hint="核对", file="data/x.csv", row=3)
W2 = warning("value-not-in-quote", "数值未出现在引文中", file="data/x.csv", row=4)


def test_warnings_said_once_per_change(tmp_path: Path) -> None:
    state = tmp_path / ".reportgen"
    first = warning_lines([W1], state)
    assert first == W1.format().splitlines()
    assert (state / "logs/warnings.log").read_text(encoding="utf-8") == W1.format() + "\n"
    again = warning_lines([W1], state)
    assert len(again) == 1 and "1 data warnings, unchanged" in again[0]
    assert "warnings.log" in again[0]
    changed = warning_lines([W1, W2], state)  # a new warning: all of them said again
    assert changed == [*W1.format().splitlines(), *W2.format().splitlines()]
    assert warning_lines([], state) == []  # fixed: nothing to say, the log is emptied
    assert (state / "logs/warnings.log").read_text(encoding="utf-8") == ""
    assert warning_lines([], state) == []


def test_deleted_log_says_them_again(tmp_path: Path) -> None:
    state = tmp_path / ".reportgen"
    warning_lines([W1], state)
    (state / "logs/warnings.log").unlink()
    assert warning_lines([W1], state) == W1.format().splitlines()


def test_noop_build_repeats_no_warning(tmp_path: Path) -> None:
    import io

    from pipelinehelp import build, make_project

    root = make_project(tmp_path / "p")
    rows = root / "data/observations/extra.csv"
    rows.write_text("region_code,indicator_id,period,value,unit,source_id,quote\n"
                    "410000,poverty_population_registered,cumulative:2019,700,万人,mini,"
                    "700万建档立卡贫困人口\n", encoding="utf-8")
    first, second = io.StringIO(), io.StringIO()
    build(root, first, kinds=("pdf",), regions=("410000",))
    build(root, second, kinds=("pdf",), regions=("410000",))
    assert "period-kind" not in first.getvalue()  # codes are not printed; the message is
    assert "存量指标" in first.getvalue()
    assert "存量指标" not in second.getvalue()
    assert "data warnings, unchanged since they were last shown" in second.getvalue()
    assert "存量指标" in (root / ".reportgen/logs/warnings.log").read_text(encoding="utf-8")

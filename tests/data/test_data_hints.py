"""Issue 13, second attack: number hints never suggest a different number."""

from __future__ import annotations

from pathlib import Path

import pytest
from datahelp import OBS, observations, validate_guarded

GOOD = "410482,poverty_exit_persons,2019,8000,人,doc-a,2019年脱贫8000人,,"


@pytest.mark.parametrize(("value", "wrong"), [
    ('"1 000"', "（1）"), ("1e3", "（1）"), ("0x10", "（0）")])
def test_hint_does_not_suggest_another_number(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, wrong: str) -> None:
    code, out = validate_guarded(capsys, tmp_path,
                                 {OBS: observations(GOOD.replace(",8000,", f",{value},"))})
    assert code == 1, out
    assert "doc-a.csv 第2行 value列" in out and wrong not in out, out


def test_unicode_minus_is_a_minus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = validate_guarded(capsys, tmp_path,
                                 {OBS: observations(GOOD.replace(",8000,", ",\u22128000,"))})
    assert code == 1, out
    assert "doc-a.csv 第2行 value列" in out and "不能为负数" in out, out

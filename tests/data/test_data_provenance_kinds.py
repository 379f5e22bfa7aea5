"""Kinds of source: a table's cell is read back; a .docx quote is found in its text."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from datahelp import make_project, run_cli

from reportgen.data.cellcheck import split_cell
from reportgen.data.documents import document_text

OBS_HEADER = "region_code,indicator_id,period,value,unit,source_id,quote,cell\n"


@pytest.fixture(autouse=True)
def _no_env_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REPORTGEN_SOURCES_DIR", raising=False)


def _docx(path: Path, *paragraphs: str) -> None:
    body = "".join(f"<w:p><w:r><w:t>{p[:3]}</w:t></w:r><w:r><w:t>{p[3:]}</w:t></w:r></w:p>"
                   for p in paragraphs)
    xml = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
           f'main"><w:body>{body}</w:body></w:document>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", xml)


def test_split_cell() -> None:
    assert split_cell("2020年!C5") == ("2020年", 5, 3)
    assert split_cell("'Sheet 1'!$AA$10") == ("Sheet 1", 10, 27)
    assert split_cell("C5") == ("", 5, 3)
    assert split_cell("2020年!5C") is None


def test_docx_text_joins_runs(tmp_path: Path) -> None:
    _docx(tmp_path / "a.docx", "2019年脱贫8000人", "第二段")
    text, problems = document_text(tmp_path / "a.docx", "a.docx")
    assert text == "2019年脱贫8000人\n第二段" and not problems


def _sources(extra: str) -> str:
    return ("id,title,publisher,date,file\ndoc-a,测试文件,测试局,2021-01-01,a.txt\n" + extra)


def test_docx_source_quote_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p", {
        "data/sources.csv": _sources("doc-w,文件,局,2021,w.docx\n"),
        "data/observations/w.csv": OBS_HEADER
        + "410482,poverty_exit_persons,2019,8000,人,doc-w,2019年脱贫8000人,\n"
        + "410482,poverty_exit_persons,2018,7000,人,doc-w,2018年脱贫7000人,\n"})
    _docx(root / "sources/w.docx", "2019年脱贫8000人")
    code, out = run_cli(capsys, root, "validate")
    assert code == 1
    assert "data/observations/w.csv 第3行 quote列：错误：引文“2018年脱贫7000人”在 w.docx" in out
    assert "第2行 quote列" not in out


def test_table_source_needs_a_cell_and_document_a_quote(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p", {
        "data/sources.csv": _sources("tab-1,统计表,局,2021,t.csv\n"),
        "sources/t.csv": "县,脱贫人口（人）\n汝州市,8000\n",
        "data/observations/t.csv": OBS_HEADER
        + "410482,poverty_exit_persons,2019,8000,人,tab-1,,B2\n"
        + "410482,poverty_exit_persons,2018,7000,人,tab-1,2018年脱贫7000人,\n"
        + "410482,poverty_exit_persons,2017,6000,人,doc-a,,B2\n"
        + "410482,poverty_exit_persons,2016,5000,人,tab-1,,Z9\n"})
    code, out = run_cli(capsys, root, "validate")
    assert code == 1
    assert "第2行" not in out, out  # B2 holds 8000
    assert "t.csv 第3行 cell列：错误：来源 tab-1（t.csv）是统计表，该行未填单元格" in out
    assert "t.csv 第4行 quote列：错误：来源 doc-a（a.txt）是文件，该行未填引文" in out
    assert "t.csv 第5行 cell列：错误：t.csv 的单元格 Z9 为空，而该行数值为“5000”" in out

"""Provenance: every quote occurs in its source document, and holds the value; every cell
of a table source holds the row's value.

Runs when ``project.sources_path()`` is set. A missing folder skips the check with one
warning (the project must work without the documents); a missing document, a quote not
found in it, or a cell that does not hold the value is an error; a value not visible in
its quote is a warning. Sources are documents (.txt, .docx: quotes) or statistics tables
(.xlsx, .csv: cells), told apart by the file's suffix.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from pathlib import Path

from reportgen.config import Project
from reportgen.data.cellcheck import Grids, check_cell, read_table_source
from reportgen.data.collect import error, quoted, warning
from reportgen.data.documents import document_text, is_table_source
from reportgen.data.findings import Finding
from reportgen.data.model import Dataset, Observation, Source
from reportgen.data.units import PREFIXES, UnitError, parse_number, parse_unit

_ARABIC = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)(千万|百万|十万|万|亿)?")
_CHINESE = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Compare text as a reader would: NFKC (，→,) and no whitespace or line breaks."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def check_provenance(project: Project, dataset: Dataset) -> list[Finding]:
    folder = project.sources_path()
    if folder is None:
        return []
    if not folder.is_dir():
        return [warning("provenance-skipped",
                        f"未核对引文：来源文件夹 {_shown(folder, project)} 不存在",
                        hint="在 reportgen.toml 中把 sources_dir（或环境变量 "
                        "REPORTGEN_SOURCES_DIR）设为存放来源文件的文件夹", file="reportgen.toml")]
    findings: list[Finding] = []
    documents: dict[str, str | Grids] = {}
    for source in dataset.sources.values():
        text = _read_document(folder, source, findings)
        if text is not None:
            documents[source.id] = text
    for obs in dataset.observations:
        content = documents.get(obs.source_id)
        if isinstance(content, str):
            findings.extend(check_quote(obs, dataset.sources[obs.source_id], content))
        elif content is not None:
            findings.extend(check_cell(obs, dataset.sources[obs.source_id], content))
    return findings


def _shown(folder: Path, project: Project) -> str:
    try:
        return str(folder.relative_to(project.root))
    except ValueError:
        return str(folder)


def _read_document(folder: Path, source: Source, findings: list[Finding]
                   ) -> str | Grids | None:
    loc = source.location
    path = folder / source.file
    if not path.resolve().is_relative_to(folder.resolve()):
        findings.append(error("document-outside-sources", f"来源 {source.id} 的文件"
                              f"{quoted(source.file)}不在来源文件夹之内（绝对路径、“..”或链接）",
                              hint="file 列只写来源文件夹中的文件名，如 a.txt",
                              file=loc.file if loc else "data/sources.csv",
                              row=loc.row if loc else None, column="file"))
        return None
    if not path.is_file():
        findings.append(error("missing-document", f"来源 {source.id} 的文件"
                              f"{quoted(source.file)}不在来源文件夹中",
                              hint="把该文件放入 sources_dir，或改正文件名",
                              file=loc.file if loc else "data/sources.csv",
                              row=loc.row if loc else None, column="file"))
        return None
    if is_table_source(source.file):
        grids, problems = read_table_source(path, source.file)
        findings.extend(problems)
        return grids
    text, problems = document_text(path, source.file)
    findings.extend(problems)
    return normalize(text) if text is not None else None


def check_quote(obs: Observation, source: Source, document: str) -> list[Finding]:
    """Error if the quote is not in the (normalized) document; warning if the value is not
    in the quote."""
    loc = obs.location
    file, row = (loc.file, loc.row) if loc else (None, None)
    regions, indicators = [obs.region_code], [obs.indicator_id]
    if not obs.quote:
        return [error("no-quote", f"来源 {source.id}（{source.file}）是文件，该行未填引文",
                      hint=f"quote 列填写 {source.file} 中写明该数字的原句；cell 列只用于统计表",
                      file=file, row=row, column="quote", regions=regions,
                      indicators=indicators)]
    if normalize(obs.quote) not in document:
        return [error("quote-not-found", f"引文{quoted(obs.quote)}在 {source.file}"
                      f"（{source.id}）中找不到",
                      hint=f"从 {source.file} 中原样复制该句", file=file, row=row,
                      column="quote", regions=regions, indicators=indicators)]
    if not value_in_quote(obs):
        return [warning("value-not-in-quote", f"数值{quoted(obs.value_written + obs.unit_written)}"
                        f"未出现在其引文{quoted(obs.quote)}中",
                        hint="引用写明该数字的原句", file=file, row=row,
                        column="value", regions=regions, indicators=indicators)]
    return []


def value_in_quote(obs: Observation) -> bool:
    """The written number, or the canonical value, appears in the quote (22713, 2.27万,
    六十三, 718.6万 for 7186000)."""
    try:
        written = parse_number(obs.value_written)
        factor = parse_unit(obs.unit_written)[0]
    except UnitError:
        return False
    targets = {written, obs.value, written * factor}
    return any(n in targets for n in numbers_in(normalize(obs.quote)))


def numbers_in(text: str) -> set[Decimal]:
    """Every number in ``text``, as written and with a following 万/亿 applied."""
    found: set[Decimal] = set()
    for match in _ARABIC.finditer(text):
        value = Decimal(match[1].replace(",", ""))
        found.add(value)
        if match[2]:
            found.add(value * PREFIXES[match[2]])
    for match in _CHINESE.finditer(text):
        integer = chinese_number(match[0])
        if integer is not None:
            found.add(Decimal(integer))
    return found


def chinese_number(text: str) -> int | None:
    """六十三 → 63, 一万二千 → 12000, 二〇一九 → 2019, 百万 → 1000000; None for 万 alone."""
    if not any(ch in _CN_DIGITS for ch in text) and not text.startswith(tuple(_CN_SMALL)):
        return None
    if all(ch in _CN_DIGITS for ch in text):
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total = section = digit = 0
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (digit or 1) * _CN_SMALL[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit) * 10_000
            section = digit = 0
        else:  # 亿
            total = (total + section + digit) * 100_000_000
            section = digit = 0
    return total + section + digit

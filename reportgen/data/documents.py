"""The text of a source document (.txt in any encoding reportgen reads, .docx) and the
kinds of source: a document holds quotes, a statistics table (.xlsx, .csv) holds cells."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from reportgen.data.collect import error
from reportgen.data.findings import Finding
from reportgen.data.read import decode_bytes

TABLE_KINDS = (".xlsx", ".csv")  # a figure cites a cell: Sheet1!C5 (CSV: C5)
TEXT_KINDS = (".txt", ".md", ".docx")  # a figure cites a quote found in the text
MAX_DOCX_XML = 50 * 1024 * 1024  # uncompressed word/document.xml
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARAGRAPH_END = re.compile(r"</w:p>")


def is_table_source(file: str) -> bool:
    return Path(file).suffix.lower() in TABLE_KINDS


def document_text(path: Path, rel: str) -> tuple[str | None, list[Finding]]:
    """The text of a .txt or .docx document; None (with a finding) if it cannot be read."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _docx_text(path, rel)
    if suffix in (".pdf", ".doc", ".wps"):
        return None, [error("unreadable-document", f"不能读取 {suffix} 文件的文字，引文无法核对",
                            hint="把该文件另存为 .txt 或 .docx，并改正 sources 表的 file 列",
                            file=rel, column="file")]
    try:
        return decode_bytes(path.read_bytes(), rel)
    except OSError as exc:
        return None, [error("unreadable-document", f"无法读取来源文件（{exc.strerror}）",
                            hint="检查文件权限", file=rel, column="file")]


def _docx_text(path: Path, rel: str) -> tuple[str | None, list[Finding]]:
    """Paragraph texts of word/document.xml (w:t runs joined, one line per w:p)."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_DOCX_XML:
                raise ValueError("word/document.xml 超过 50 MiB")
            root = ElementTree.fromstring(archive.read(info))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError,
            ElementTree.ParseError) as exc:
        return None, [error("unreadable-document", f"无法读取该 Word 文件（{exc}）",
                            hint="在 Word/WPS 中打开并另存为 .docx，或另存为 .txt",
                            file=rel, column="file")]
    lines = ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in root.iter(f"{_W}p")]
    return "\n".join(lines), []

"""Reproducible zips: fixed dates, stable member order, nested workbooks normalized."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pytest

from reportgen.builders.pptx.repro import FALLBACK_DATE, normalize_zip, report_datetime


@pytest.mark.parametrize(("text", "expected"), [
    ("2021年9月20日", datetime(2021, 9, 20)),
    ("2019-09-27", datetime(2019, 9, 27)),
    ("2020年12月", datetime(2020, 12, 1)),
    ("2021", datetime(2021, 1, 1)),
    ("2021年2月30日", datetime(2021, 2, 1)),
    ("", FALLBACK_DATE),
    ("第3期", FALLBACK_DATE),
])
def test_report_datetime(text, expected) -> None:
    assert report_datetime(text) == expected


def _zip(members: dict[str, bytes], when: tuple[int, ...]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(zipfile.ZipInfo(name, date_time=when), data)  # type: ignore[arg-type]
    return out.getvalue()


CORE = (b'<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">2024-05-06T07:08:09Z'
        b'</dcterms:created></cp:coreProperties>')


def test_normalize_zip_fixes_order_dates_and_nested_workbooks() -> None:
    when = datetime(2021, 3, 1)
    book = _zip({"docProps/core.xml": CORE}, (2024, 5, 6, 7, 8, 10))
    first = _zip({"ppt/b.xml": b"b", "[Content_Types].xml": b"t", "ppt/embeddings/x.xlsx": book},
                 (2024, 5, 6, 7, 8, 10))
    second = _zip({"ppt/embeddings/x.xlsx": _zip({"docProps/core.xml": CORE},
                                                 (2025, 1, 1, 0, 0, 0)),
                   "[Content_Types].xml": b"t", "ppt/b.xml": b"b"}, (2025, 1, 2, 3, 4, 6))
    assert normalize_zip(first, when) == normalize_zip(second, when)
    with zipfile.ZipFile(io.BytesIO(normalize_zip(first, when))) as z:
        assert z.namelist() == ["[Content_Types].xml", "ppt/b.xml", "ppt/embeddings/x.xlsx"]
        assert {i.date_time for i in z.infolist()} == {(2021, 3, 1, 0, 0, 0)}
        with zipfile.ZipFile(io.BytesIO(z.read("ppt/embeddings/x.xlsx"))) as inner:
            assert b"2021-03-01T00:00:00Z" in inner.read("docProps/core.xml")

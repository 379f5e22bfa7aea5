"""The 简报 版头 and 版记 of the 公文 style: contents from reportgen.toml, dates never the clock."""

from __future__ import annotations

import pytest

from reportgen.builders.pdf.gongwen import Masthead, cn_date
from reportgen.config import Config, parse_config
from reportgen.errors import ConfigError


class _Report:
    issuer = "河南省乡村振兴局"
    date_text = "2021-02-25"


def test_masthead_defaults_come_from_issuer_and_data_date() -> None:
    head = Masthead.from_config(Config(), _Report())  # type: ignore[arg-type]
    assert head.name == "工作简报" and head.issue == ""
    assert head.compiler == head.printer == "河南省乡村振兴局"
    assert head.date == "2021年2月25日"
    assert head.distribution() == []


def test_masthead_from_config_keys() -> None:
    config = parse_config({
        "brief_name": "乡村振兴工作简报", "brief_issue": "第3期",
        "brief_compiler": "省乡村振兴局办公室",
        "brief_date": "2021-03-01", "brief_report_to": ["省委", "省政府"],
        "brief_send_to": ["各省辖市乡村振兴局"], "brief_printer": "省乡村振兴局办公室"})
    head = Masthead.from_config(config, _Report())  # type: ignore[arg-type]
    assert (head.name, head.issue, head.date) == ("乡村振兴工作简报", "第3期", "2021年3月1日")
    assert head.distribution() == [("报", "省委，省政府。"), ("发", "各省辖市乡村振兴局。")]


@pytest.mark.parametrize(("text", "expected"), [
    ("2021-02-25", "2021年2月25日"), ("2021-02", "2021年2月"), ("2020", "2020年"),
    ("2021年2月25日", "2021年2月25日"), ("截至2020年底", "截至2020年底")])
def test_cn_date(text: str, expected: str) -> None:
    assert cn_date(text) == expected


@pytest.mark.parametrize(("values", "message"), [
    ({"brief_date": "2021/3/1"}, "YYYY-MM-DD"),
    ({"brief_date": "2021-02-30"}, "not a real date"),
    ({"brief_report_to": "省委"}, "list of strings"),
    ({"brief_copy_to": [""]}, "non-empty printable"),
    ({"gongwen_body_font": "../fs.ttf"}, ".ttf file name"),
    ({"brief_issue": 3}, "must be str"),
])
def test_bad_brief_keys_are_config_errors(values: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace(".", r"\.")):
        parse_config(values)

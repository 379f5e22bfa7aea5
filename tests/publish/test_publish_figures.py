"""Printed figures of a resolved report and their differences between two builds."""

from __future__ import annotations

from pathlib import Path

from publishhelp import make_project, set_value

from reportgen.config import load_project
from reportgen.data.load import load_valid_dataset
from reportgen.publish.figures import diff_items, report_items
from reportgen.report.resolve import resolve_report


def items_of(root: Path, code: str) -> list[dict[str, str]]:
    project = load_project(root)
    return report_items(resolve_report(load_valid_dataset(project), project, code))


def test_a_one_row_edit_changes_its_kpi_table_row_and_sentence(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    before = items_of(root, "411200")
    assert {i["kind"] for i in before} >= {"kpi", "sentence"}
    set_value(root, "411200", "poverty_incidence", "2.23")
    changes = diff_items(before, items_of(root, "411200"))
    # the table lists only what the text does not say: the rate is a KPI and a sentence
    assert {c["kind"] for c in changes} == {"kpi", "sentence"}
    sentence = next(c for c in changes if c["kind"] == "sentence")
    assert sentence["old"] == "截至2018年底，全市贫困发生率为2.22%。"
    assert sentence["new"] == "截至2018年底，全市贫困发生率为2.23%。"
    assert all("2.22%" in c["old"] and "2.23%" in c["new"] for c in changes)


def test_same_report_has_no_changes(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    assert diff_items(items_of(root, "410400"), items_of(root, "410400")) == []


def test_sentences_added_and_removed_in_order() -> None:
    def s(text: str) -> dict[str, str]:
        return {"section": "减贫成效", "kind": "sentence", "key": "", "text": text}

    old = [s("甲。"), s("乙。"), s("丙。")]
    new = [s("甲。"), s("乙2。"), s("丙。"), s("丁。")]
    assert diff_items(old, new) == [
        {"section": "减贫成效", "kind": "sentence", "old": "乙。", "new": "乙2。"},
        {"section": "减贫成效", "kind": "sentence", "old": "", "new": "丁。"},
    ]


def test_keyed_items_added_and_removed() -> None:
    old = [{"section": "核心指标", "kind": "kpi", "key": "贫困村", "text": "贫困村：346个"}]
    new = [{"section": "核心指标", "kind": "kpi", "key": "贫困县", "text": "贫困县：53个"}]
    assert diff_items(old, new) == [
        {"section": "核心指标", "kind": "kpi", "old": "贫困村：346个", "new": ""},
        {"section": "核心指标", "kind": "kpi", "old": "", "new": "贫困县：53个"},
    ]

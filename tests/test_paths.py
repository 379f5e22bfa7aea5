"""Output names from a sanitised region name; no build step follows a link out of the project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen import cli
from reportgen import paths as paths_module
from reportgen.paths import MAX_NAME_BYTES, name_problem, output_name, safe_name, write_atomic

MINI = Path(__file__).resolve().parent / "projects" / "build-mini"
REPO = MINI.parents[2]


@pytest.mark.parametrize("name", ["/../../data/x", "a\nb", "a\tb", "洛\u200b阳", "\u202e市",
                                  "..", "a\\b"])
def test_hostile_names_give_one_flat_file_name(name: str) -> None:
    out = output_name("410300", name, "pdf")
    assert out.startswith("410300") and out.endswith(".pdf")
    assert "/" not in out and "\\" not in out and ".." not in out
    assert all(ch.isprintable() and ch not in "\u200b\u202e" for ch in out)
    assert name_problem(name) != ""


def test_long_name_is_cut_in_bytes_on_a_character_boundary() -> None:
    cut = safe_name("市" * 500)
    assert len(cut.encode("utf-8")) <= MAX_NAME_BYTES and set(cut) == {"市"}


def test_plain_names_are_kept() -> None:
    assert output_name("410300", "洛阳市", "pptx") == "410300-洛阳市.pptx"
    assert name_problem("洛阳市") == ""


def test_state_dir_linked_out_of_the_project_is_refused(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    root = tmp_path / "proj"
    shutil.copytree(MINI, root)
    outside = tmp_path / "outside"
    (outside / "tmp").mkdir(parents=True)
    (outside / "tmp" / "keep.txt").write_text("precious", encoding="utf-8")
    (root / ".reportgen").symlink_to(outside, target_is_directory=True)
    code = cli.main(["-C", str(root), "build"])
    assert code == 1
    err = capsys.readouterr().err
    assert "项目之外" in err and ".reportgen" in err and "Traceback" not in err
    assert (outside / "tmp" / "keep.txt").read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in outside.rglob("*")) == ["keep.txt", "tmp"]


@pytest.mark.parametrize("linked", ["fonts", "fonts/ReportgenSansSC-Regular.ttf",
                                    "templates/brief-city.toml", "templates/deck.pptx"])
def test_inputs_linked_out_of_the_project_are_refused(tmp_path: Path, linked: str,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    root = tmp_path / "proj"
    shutil.copytree(MINI, root)
    shutil.copytree(REPO / "data" / "indicators", root / "data" / "indicators")
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "fonts", root / "fonts")
    outside = tmp_path / "outside" / Path(linked).name
    outside.parent.mkdir()
    shutil.move(root / linked, outside)
    (root / linked).symlink_to(outside, target_is_directory=outside.is_dir())
    before = sorted(p.name for p in outside.parent.rglob("*"))
    args = ["--kind", "pptx"] if linked.endswith(".pptx") else []
    code = cli.main(["-C", str(root), "build", *args])
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert code == 1, text
    assert "项目之外" in text and Path(linked).name in text and "Traceback" not in text
    assert not list((root / "output").glob("*.p*"))
    assert sorted(p.name for p in outside.parent.rglob("*")) == before


@pytest.mark.parametrize("odd", ["output", ".reportgen"])
def test_a_file_where_a_build_folder_belongs_is_a_located_error(
        tmp_path: Path, odd: str, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "proj"
    shutil.copytree(MINI, root)
    (root / odd).write_text("not a folder", encoding="utf-8")
    code = cli.main(["-C", str(root), "build"])
    err = capsys.readouterr().err
    assert code == 1 and f"{odd} 是文件，不是文件夹" in err and "Traceback" not in err
    assert (root / odd).read_text(encoding="utf-8") == "not a folder"


def test_write_atomic_keeps_the_old_file_on_failure(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "sub" / "x.pdf"
    write_atomic(target, b"old")

    def fail(*_a: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(paths_module.os, "replace", fail)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in target.parent.iterdir()] == ["x.pdf"]

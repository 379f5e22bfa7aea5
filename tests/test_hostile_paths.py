"""Paths: ``data export`` writes no project input, ``init`` writes nothing through a link,
and no read of output/ or .reportgen/ follows a link out of the project."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostilehelp import export_argv, make_world, run, tree

INPUTS = ["reportgen.toml", "sources/example-report.txt", "data/regions.csv", "data/new.csv",
          "templates/x.csv", "fonts/x.xlsx", ".reportgen/x.csv", "output/manifest.json",
          "output/citations.json", "output/changes/latest.md", "output/.retired/x.csv",
          "output/990000-示例省.pdf", "output/sub/x.csv", "x.csv"]


@pytest.mark.parametrize("target", INPUTS)
def test_export_refuses_every_project_input(tmp_path: Path, target: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    root, outside = make_world(tmp_path)
    for folder in ("output/changes", "output/.retired", "output/sub", ".reportgen"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    before, before_out = tree(root), tree(outside)
    code, text = run(export_argv(root, str(root / target)), capsys)
    assert code == 2, text
    assert "cannot write" in text and "never writes" in text, text
    assert tree(root) == before and tree(outside) == before_out


def test_export_refuses_the_sources_dir_outside_and_links_into_inputs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, outside = make_world(tmp_path)
    docs = outside / "docs"
    (root / "sources").rename(docs)
    (root / "reportgen.toml").write_text(f'sources_dir = "{docs}"\n', encoding="utf-8")
    (root / "output").mkdir()
    (root / "output" / "in.csv").symlink_to(root / "reportgen.toml")
    (root / "output" / "out.csv").symlink_to(outside / "leak.md")
    (outside / "to-config.csv").symlink_to(root / "reportgen.toml")
    before, before_out = tree(root), tree(outside)
    for target in (docs / "example-report.txt", docs / "new.csv", root / "output" / "in.csv",
                   root / "output" / "out.csv", outside / "to-config.csv"):
        code, text = run(export_argv(root, str(target)), capsys)
        assert code == 2 and "never writes" in text, (target, text)
    assert tree(root) == before and tree(outside) == before_out


def test_export_into_output_and_outside_still_works(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    root, outside = make_world(tmp_path)
    (root / "output").mkdir()
    for target in (root / "output" / "obs.csv", root / "output" / "obs.xlsx",
                   outside / "obs.csv"):
        fmt = target.suffix[1:]
        assert run(export_argv(root, str(target), fmt), capsys)[0] == 0
        assert run(export_argv(root, str(target), fmt), capsys)[0] == 0  # overwrite own export
        assert target.stat().st_size > 100
    monkeypatch.chdir(root / "output")
    assert run(export_argv(root, "rel.csv"), capsys)[0] == 0


@pytest.mark.parametrize("link", ["data", "data/observations", "sources", "data/indicators"])
def test_init_refuses_links_among_the_entries_it_writes(
        tmp_path: Path, link: str, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "outside"
    (outside / "sub").mkdir(parents=True)
    folder = tmp_path / "i2"
    (folder / link).parent.mkdir(parents=True, exist_ok=True)
    (folder / link).symlink_to(outside / "sub", target_is_directory=True)
    before, before_out = tree(folder), tree(outside)
    code, text = run(["init", str(folder)], capsys)
    assert code == 2, text
    assert "symbolic link" in text and link in text and "nothing was changed" in text, text
    assert tree(folder) == before and tree(outside) == before_out


def _linked_out(root: Path, rel: str, target: Path) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).symlink_to(target)


@pytest.mark.parametrize("argv", [["changes"], ["changes", "--id", "evil"],
                                  ["changes", "--id", "evil", "--format", "html"]])
def test_changes_never_reads_through_a_link_out(tmp_path: Path, argv: list[str],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    root, outside = make_world(tmp_path)
    for name in ("latest.md", "evil.md", "evil.html"):
        _linked_out(root, f"output/changes/{name}", outside / "leak.md")
    before, before_out = tree(root), tree(outside)
    code, text = run(["-C", str(root), *argv], capsys)
    assert code == 1, text
    assert "LEAKED" not in text and "项目之外" in text, text
    assert tree(root) == before and tree(outside) == before_out


def test_status_never_reads_publish_state_through_a_link_out(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from reportgen.publish import state as state_module

    root, outside = make_world(tmp_path)
    secret = outside / "state.json"
    secret.write_text('{"last_build": {"time": "LEAKED", "result": "ok"}}', encoding="utf-8")
    _linked_out(root, ".reportgen/publish/state.json", secret)
    opened: list[Path] = []
    real = Path.read_bytes

    def spy(self: Path) -> bytes:
        opened.append(self.resolve())
        return real(self)

    before, before_out = tree(root), tree(outside)
    monkeypatch.setattr(state_module.Path, "read_bytes", spy)
    code, text = run(["-C", str(root), "status"], capsys)
    monkeypatch.undo()
    assert code == 1, text
    assert "LEAKED" not in text and "state.json" in text and "项目之外" in text, text
    assert secret not in opened
    assert tree(root) == before and tree(outside) == before_out


def test_own_state_linked_out_is_never_read_but_taken_as_missing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reportgen.config import load_project
    from reportgen.pipeline.manifest import load_manifest
    from reportgen.publish.citations import _load as load_citations

    root, outside = make_world(tmp_path)
    (outside / "manifest.json").write_text('{"outputs": [{"region_code": "990000"}]}',
                                           encoding="utf-8")
    (outside / "citations.json").write_text('{"regions": ["LEAKED"]}', encoding="utf-8")
    _linked_out(root, "output/manifest.json", outside / "manifest.json")
    _linked_out(root, "output/citations.json", outside / "citations.json")
    before_out = tree(outside)
    assert load_manifest(root / "output").outputs == []
    assert load_citations(load_project(root)) == []
    assert tree(outside) == before_out

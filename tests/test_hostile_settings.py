"""``[bundle]`` and ``[delivery]`` settings: every bad value is the same usage error (exit 2)
for ``validate``, ``build`` and ``watch``'s reload, naming the key; nothing is written."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hostilehelp import make_world, run, tree

BAD_TABLES = [  # (reportgen.toml tables, text expected in the message)
    ('[bundle]\nfile = "x.txt"\n', "bundle.file"),
    ('[[delivery.command]]\nrun = []\n', "'run' needs the command"),
    ('[[delivery.email]]\nhost = "h"\nport = 70000\nsender = "a@b.cn"\nto = ["c@d.cn"]\n',
     "'port' 70000"),
]


def refused_by_validate_and_build(tmp_path: Path, tables: str, needle: str,
                                  capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Both commands exit 2 naming ``needle``; nothing in or beside the project changes."""
    root, outside = make_world(tmp_path)
    (root / "reportgen.toml").write_text(tables, encoding="utf-8")
    before, before_out = tree(root), tree(outside)
    texts = []
    for command in (["validate"], ["build"]):
        code, text = run(["-C", str(root), *command], capsys)
        assert code == 2, (command, text)
        assert needle in text, (command, text)
        texts.append(text)
    assert tree(root) == before and tree(outside) == before_out
    return texts


@pytest.mark.parametrize(("tables", "needle"), BAD_TABLES)
def test_validate_reports_bad_tables_like_build(tmp_path: Path, tables: str, needle: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    refused_by_validate_and_build(tmp_path, tables, needle, capsys)


def test_watch_reload_checks_the_tables(tmp_path: Path) -> None:
    from reportgen.config import load_project
    from reportgen.pipeline import watch as watch_module
    from reportgen.pipeline.progress import Reporter
    from reportgen.publish.settings import load_settings

    root, _ = make_world(tmp_path)
    project = load_project(root)
    (root / "reportgen.toml").write_text('[bundle]\nfile = "x.txt"\n', encoding="utf-8")
    out = io.StringIO()
    kept, code = watch_module._reload_and_build(project, 1, Reporter(out), check=load_settings)
    assert code == 2 and kept is project
    assert "bundle.file" in out.getvalue() and "still watching" in out.getvalue()


INJECTIONS = [  # (delivery table, key named in the message)
    ('[[delivery.email]]\nhost = "127.0.0.1"\nport = 9\nstarttls = false\n'
     'sender = "a@b.cn\\r\\nBcc: evil@x.cn"\nto = ["c@d.cn"]\n', "delivery.email.sender"),
    ('[[delivery.email]]\nhost = "127.0.0.1"\nsender = "a@b.cn"\n'
     'to = ["c@d.cn\\nBcc: e@f.cn"]\n', "delivery.email.to"),
    ('[[delivery.email]]\nhost = "smtp\\n.x"\nsender = "a@b.cn"\nto = ["c@d.cn"]\n',
     "delivery.email.host"),
    ('[[delivery.webhook]]\nurl = "https://x.cn/\\r\\nX: y"\n', "delivery.webhook.url"),
    ('[[delivery.command]]\nrun = ["echo", "a\\u0000b"]\n', "delivery.command.run"),
    ('[[delivery.email]]\nhost = "h"\nsender = "not an address"\nto = ["c@d.cn"]\n',
     "'sender'"),
    ('[[delivery.email]]\nhost = "h"\nsender = "a@b.cn"\nto = ["c@d.cn", "nobody"]\n', "'to'"),
    ('[bundle]\nfile = "汇编\\u202e.pdf"\n', "bundle.file"),
]


@pytest.mark.parametrize(("tables", "key"), INJECTIONS)
def test_control_characters_and_bad_addresses_are_config_errors(
        tmp_path: Path, tables: str, key: str, capsys: pytest.CaptureFixture[str]) -> None:
    for text in refused_by_validate_and_build(tmp_path, tables, key, capsys):
        assert "\r" not in text and "\x00" not in text and "\nBcc" not in text


@pytest.mark.parametrize("name", ["990000-示例省.pdf", "990100.pdf", "990200-anything.pdf"])
def test_bundle_named_like_a_brief_is_a_config_error(
        tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    root, outside = make_world(tmp_path)
    (root / "reportgen.toml").write_text(f'[bundle]\nenabled = true\nfile = "{name}"\n',
                                         encoding="utf-8")
    before, before_out = tree(root), tree(outside)
    for command in (["validate"], ["build"]):
        code, text = run(["-C", str(root), *command], capsys)
        assert code == 2, (command, text)
        assert "'bundle.file'" in text and "region's own output" in text, text
    assert tree(root) == before and tree(outside) == before_out


def test_bundle_never_overwrites_an_output_at_write_time(tmp_path: Path) -> None:
    from reportgen.config import load_project
    from reportgen.data.load import load_valid_dataset
    from reportgen.errors import BuildError
    from reportgen.pipeline.manifest import Manifest, ManifestEntry
    from reportgen.publish.bundle import update_bundle
    from reportgen.publish.settings import BundleSettings, Settings
    from reportgen.publish.state import State

    root, _ = make_world(tmp_path)
    project = load_project(root)
    dataset = load_valid_dataset(project)
    brief = ManifestEntry("990000", "示例省", "pdf", "990000-示例省.pdf", "0" * 64, "f")
    (root / "output").mkdir()
    (root / "output" / brief.path).write_bytes(b"%PDF brief")
    for name in (brief.path, "manifest.json", "990100-示例市.pptx"):
        settings = Settings(bundle=BundleSettings(enabled=True, file=name))
        with pytest.raises(BuildError, match="own outputs"):
            update_bundle(project, dataset, Manifest(outputs=[brief]), settings,
                          State(project), print)
    assert (root / "output" / brief.path).read_bytes() == b"%PDF brief"
    assert sorted(p.name for p in (root / "output").iterdir()) == [brief.path]

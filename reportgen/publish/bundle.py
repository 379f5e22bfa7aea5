"""The bundle: one PDF with every region's brief, province first, then cities, counties.

All briefs are laid out in one reportlab document, so each font face is embedded and
subset once for the whole bundle; one outline with a top entry per region; page labels
per region (``410400 平顶山市-3``); each brief keeps its own "第 X 页 / 共 Y 页" and running
header. Rebuilt only when a member PDF changed (its sha256 in the manifest), the bundle
file is missing or was modified.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.config import Project
from reportgen.data.model import Dataset
from reportgen.errors import BuildError
from reportgen.paths import inside, output_name
from reportgen.pipeline.atomic import atomic_write_bytes, sha256_file
from reportgen.pipeline.fingerprint import version_part
from reportgen.pipeline.manifest import Manifest
from reportgen.pipeline.worker import state_dir
from reportgen.publish.settings import Settings
from reportgen.publish.settings_text import RESERVED_NAMES
from reportgen.publish.state import State
from reportgen.report.resolve import LEVEL_ORDER


def members(dataset: Dataset, manifest: Manifest) -> list[tuple[str, str]]:
    """(region code, sha256) of every good PDF brief, in bundle order."""
    entries = [e for e in manifest.outputs if e.kind == "pdf" and e.status == "ok" and e.sha256
               and e.region_code in dataset.regions]
    entries.sort(key=lambda e: (LEVEL_ORDER.get(dataset.regions[e.region_code].level, 9),
                                e.region_code))
    return [(e.region_code, e.sha256) for e in entries]


def update_bundle(project: Project, dataset: Dataset, manifest: Manifest, settings: Settings,
                  state: State, say: Callable[[str], None]) -> None:
    chosen = members(dataset, manifest)
    _refuse_own_output(dataset, manifest, settings.bundle.file)
    target = inside(project.root, project.output_dir) / settings.bundle.file
    key = json.dumps([chosen, settings.bundle.file, project.config.style, version_part()])
    fingerprint = hashlib.sha256(key.encode()).hexdigest()
    known: dict[str, str] = state.get("bundle", {})
    if (known.get("fingerprint") == fingerprint and target.is_file()
            and sha256_file(target) == known.get("sha256")):
        return
    if not chosen:
        return
    data = render_bundle(project, dataset, [code for code, _ in chosen])
    atomic_write_bytes(target, data, state_dir(project) / "tmp")
    state.set("bundle", {"fingerprint": fingerprint, "sha256": sha256_file(target),
                         "members": [code for code, _ in chosen]})
    say(f"built bundle {target.name} ({len(chosen)} briefs)")


def _refuse_own_output(dataset: Dataset, manifest: Manifest, name: str) -> None:
    """The bundle never replaces a region's output, the manifest or the change reports."""
    own = {e.path for e in manifest.outputs} | set(RESERVED_NAMES) | {
        output_name(r.code, r.name, kind) for r in dataset.regions.values()
        for kind in ("pdf", "pptx")}
    if name in own:
        raise BuildError(f"bundle file {name} is one of the build's own outputs; the bundle "
                         "was not written", hint="set [bundle] file to another name in "
                         "reportgen.toml, e.g. 汇编-全部简报.pdf")


def render_bundle(project: Project, dataset: Dataset, codes: list[str]) -> bytes:
    from reportlab.platypus import PageBreak

    from reportgen.builders.pdf import linebreak
    from reportgen.builders.pdf.builder import cache_renderer, drawing_loader, story
    from reportgen.builders.pdf.pages import DocInfo, canvas_maker, pdf_date
    from reportgen.builders.pdf.sections import ChartContext
    from reportgen.builders.pdf.styles import make_style
    from reportgen.fonts.registry import FontRegistry
    from reportgen.report.resolve import resolve_report

    linebreak.install()
    registry = FontRegistry.load(project)
    style = make_style(project.config.style,
                       registry.register_reportlab(registry.roles_for(project.config.style)))
    charts = ChartContext(cache_renderer(registry, state_dir(project) / "cache", style.name),
                          drawing_loader(registry))
    reports = [resolve_report(dataset, project, code) for code in codes]

    def flow() -> list[Any]:  # fresh flowables for each layout pass
        out: list[Any] = []
        for n, report in enumerate(reports):
            out += [PageBreak()] if n else []
            out += [region_mark(n, report.region.code, report.region.name, report.title),
                    *story(report, style, charts)]
        return out

    dates = [d for d in (pdf_date(r.date_text) for r in reports) if d]
    info = DocInfo(title=f"{project.config.issuer}数据简报汇编",
                   author=project.config.author,
                   subject=f"{len(reports)}个地区的数据简报：" + "、".join(
                       r.region.name for r in reports),
                   keywords=tuple(r.region.name for r in reports), creator="reportgen",
                   date=max(dates) if dates else None)
    doc_class = _bundle_doc_class()
    counting = doc_class(io.BytesIO(), style, info)
    counting.build(flow(), canvasmaker=canvas_maker(info.date, _no_save_canvas()))
    out = io.BytesIO()
    doc = doc_class(out, style, info, starts=counting.starts, total=counting.page)
    doc.build(flow(), canvasmaker=canvas_maker(info.date))
    return out.getvalue()


@dataclass
class _Start:
    page: int
    code: str
    name: str
    title: str


def _no_save_canvas() -> Any:
    from reportgen.builders.pdf.pages import NoSaveCanvas

    return NoSaveCanvas


def region_mark(index: int, code: str, name: str, title: str) -> Any:
    """A zero-size flowable that starts a region's part of the bundle."""
    from reportlab.platypus import Flowable

    class _Mark(Flowable):
        def wrap(self, *_: Any) -> tuple[float, float]:
            return 0.0, 0.0

        def draw(self) -> None:
            return None

    mark = _Mark()
    mark.region = (index, code, name, title)
    return mark


def _bundle_doc_class() -> Any:
    from reportgen.builders.pdf.pages import BriefDoc, _dash_number, _header, _of_total

    class BundleDoc(BriefDoc):
        """BriefDoc whose page numbers, header and outline restart for every region."""

        def __init__(self, dest: Any, style: Any, info: Any,
                     starts: list[_Start] | None = None, total: int = 0) -> None:
            super().__init__(dest, style, info)
            self.known_starts = starts or []
            self.known_total = total
            self.starts: list[_Start] = []
            self.current = 0

        def afterFlowable(self, flowable: Any) -> None:
            region = getattr(flowable, "region", None)
            if region:
                index, code, name, title = region
                self.current = index
                self.starts.append(_Start(self.page, code, name, title))
                key = f"region-{code}"
                self.canv.bookmarkPage(key)
                self.canv.addOutlineEntry(f"{code} {name}", key, level=0, closed=True)
                self.canv.addPageLabel(self.page - 1, "ARABIC", 1, prefix=f"{code} {name}-")
                return
            outline = getattr(flowable, "outline", None)
            if outline:
                key, title, level = outline
                key = f"r{self.current}-{key}"
                self.canv.bookmarkPage(key)
                self.canv.addOutlineEntry(title, key, level=level + 1, closed=True)

        def _decorate(self, canv: Any, doc: Any) -> None:
            page = canv.getPageNumber()
            local, total, title = self._local(page)
            st = self.brief_style
            canv.saveState()
            if st.header and local > 1:
                _header(canv, st, title)
            if st.page_numbers == "dash":
                _dash_number(canv, st, local)
            else:
                _of_total(canv, st, local, total)
            canv.restoreState()

        def _local(self, page: int) -> tuple[int, int | None, str]:
            starts = self.known_starts
            if not starts:
                return page, None, self.brief_info.title
            n = max(i for i, s in enumerate(starts) if s.page <= page) if any(
                s.page <= page for s in starts) else 0
            end = starts[n + 1].page - 1 if n + 1 < len(starts) else self.known_total
            return page - starts[n].page + 1, end - starts[n].page + 1, starts[n].title

    return BundleDoc


def bundle_path(project: Project, settings: Settings) -> Path:
    return project.output_dir / settings.bundle.file

"""Input fingerprints: a content hash of exactly what one output depends on.

The parts are kept separately so that the build can say *why* a job is outdated.
Nothing here imports matplotlib, reportlab or python-pptx.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reportgen import __version__
from reportgen.config import Project
from reportgen.data.model import Dataset, Observation

PART_NAMES = ("data", "definitions", "checks", "templates", "fonts", "config", "version")


def _digest(payload: Any) -> str:
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def files_digest(paths: Iterable[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(set(paths)):
        # Project files by relative path (the project may move); shipped defaults by name.
        name = path.relative_to(root) if path.is_relative_to(root) else Path("<default>", path.name)
        digest.update(str(name).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def data_part(observations: Iterable[Observation]) -> str:
    return _digest(sorted(_observation_digest(o) for o in observations))


@functools.lru_cache(maxsize=200_000)  # a row is in its region's and its parents' jobs
def _observation_digest(obs: Observation) -> str:
    # repr of the frozen record: every field, exact (Decimal("1.0") ≠ Decimal("1.00")), and
    # far cheaper than dataclasses.asdict, which the no-op build paid for on every job
    return hashlib.sha256(repr(obs).encode("utf-8")).hexdigest()


def definitions_part(dataset: Dataset, observations: list[Observation], code: str) -> str:
    indicator_ids = sorted({o.indicator_id for o in observations})
    source_ids = sorted({o.source_id for o in observations})
    regions = {code, *(o.region_code for o in observations)}
    regions |= {r.code for r in dataset.ancestors(code)} if code in dataset.regions else set()
    return _digest({
        "indicators": [_record(dataset.indicators.get(i)) for i in indicator_ids],
        "sources": [_record(dataset.sources.get(s)) for s in source_ids],
        "regions": [_record(dataset.regions.get(r)) for r in sorted(regions)],
    })


def _record(record: Any) -> Any:
    return None if record is None else _record_text(record)


@functools.lru_cache(maxsize=100_000)  # an indicator or source is in many jobs of one build
def _record_text(record: Any) -> str:
    data = dataclasses.asdict(record)
    data.pop("location", None)  # where a definition sits does not change the document
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def checks_part(dataset: Dataset, codes: set[str]) -> str:
    concerning = [f.to_dict() for f in dataset.warnings if codes & set(f.region_codes)]
    return _digest(concerning)


def template_part(project: Project, kind: str, spec_files: list[Path]) -> str:
    files = list(spec_files)
    if kind == "pptx":
        files += sorted(project.templates_dir.glob("*.pptx"))
    return files_digest([f for f in files if f.is_file()], project.root)


def config_part(project: Project) -> str:
    return _digest(dataclasses.asdict(project.config))


def combine(parts: dict[str, str]) -> str:
    return _digest({name: parts[name] for name in sorted(parts)})


@functools.cache
def version_part() -> str:
    """The reportgen version and the bytes of its code and shipped defaults.

    A development checkout changes code without changing the version number; hashing
    the package (a few milliseconds) makes such a change rebuild what it may affect.
    """
    package = Path(__file__).resolve().parents[1]
    files = [p for p in package.rglob("*") if p.is_file() and p.suffix != ".pyc"]
    return _digest([__version__, files_digest(files, package)])

"""Plan one job per region × kind, each with its input fingerprint and why it is outdated."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportgen import paths
from reportgen.config import Project
from reportgen.data.model import Dataset
from reportgen.errors import ConfigError
from reportgen.pipeline import fingerprint as fp
from reportgen.pipeline.atomic import sha256_file
from reportgen.pipeline.manifest import Manifest
from reportgen.pipeline.shard import Shard

KINDS = ("pdf", "pptx")


@dataclass(frozen=True)
class Job:
    region_code: str
    region_name: str
    kind: str
    path: str  # relative to output/
    fingerprint: str
    parts: dict[str, str] = field(default_factory=dict)
    reason: str = ""  # why it must be built; "" = up to date

    @property
    def label(self) -> str:
        return f"{self.path}"


def output_name(code: str, name: str, kind: str) -> str:
    return paths.output_name(code, name, kind)


def select_regions(dataset: Dataset, project: Project, wanted: tuple[str, ...]) -> list[str]:
    from reportgen.report.resolve import buildable_regions

    buildable = buildable_regions(dataset, project)
    from reportgen.data.records import region_code

    given = wanted or project.config.regions
    if not given:
        return list(buildable)
    # Full-width digits converted, any other script's digits refused (unknown below).
    chosen = [region_code(c) or c for c in given]
    unknown = [c for c in chosen if c not in dataset.regions]
    if unknown:
        raise ConfigError(f"unknown region code(s): {', '.join(unknown)}",
                          hint="use codes from data/regions.csv, e.g. 410400")
    return list(chosen)


def job_parts(dataset: Dataset, project: Project, code: str, kind: str,
              fonts_digest: str) -> dict[str, str]:
    from reportgen.report.resolve import report_scope, spec_files

    inputs, codes = report_scope(dataset, project, code)
    return {
        "data": fp.data_part(inputs),
        "definitions": fp.definitions_part(dataset, inputs, code),
        "checks": fp.checks_part(dataset, codes),
        "templates": fp.template_part(project, kind, spec_files(dataset, project, code)),
        "fonts": fonts_digest,
        "config": fp.config_part(project),
        "version": fp.version_part(),
    }


def plan_jobs(dataset: Dataset, project: Project, manifest: Manifest, *,
              regions: tuple[str, ...] = (), kinds: tuple[str, ...] = (), force: bool = False,
              fonts_digest: str, shard: Shard | None = None) -> list[Job]:
    jobs = []
    for code in select_regions(dataset, project, regions):
        if shard is not None and not shard.owns(code):
            continue
        name = dataset.regions[code].name
        for kind in kinds or KINDS:
            parts = job_parts(dataset, project, code, kind, fonts_digest)
            job = Job(code, name, kind, output_name(code, name, kind), fp.combine(parts), parts)
            reason = "forced" if force else outdated_reason(job, manifest, project.output_dir)
            jobs.append(Job(**{**job.__dict__, "reason": reason}))
    return jobs


def outdated_reason(job: Job, manifest: Manifest, output_dir: Path) -> str:
    entry = manifest.entry(job.region_code, job.kind)
    if entry is None:
        return "not built before"
    if entry.status != "ok":
        return "previous build failed"
    target = output_dir / job.path
    if entry.path != job.path or not target.is_file():
        return "output file missing"
    if entry.fingerprint != job.fingerprint:
        changed = [n for n in fp.PART_NAMES if entry.parts.get(n) != job.parts.get(n)]
        return ", ".join(changed) + " changed"
    if sha256_file(target) != entry.sha256:
        return "output file was modified"
    return ""

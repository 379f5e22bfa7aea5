"""``reportgen merge --shards N``: join the shards' manifest parts into output/manifest.json.

Runs under the exclusive project lock (it waits for shard builds on this host), refuses
when a part is missing or was built from inputs other than the current ones, retires what
no shard builds any more, records the data changes, and then runs the publish step (change
report, delivery, bundle, status) once for the whole sharded build.
"""

from __future__ import annotations

from reportgen.config import Project
from reportgen.data.model import Dataset
from reportgen.data.parsecache import cached_valid_dataset
from reportgen.errors import BuildError, ConfigError
from reportgen.pipeline import changes as data_changes
from reportgen.pipeline import tidy
from reportgen.pipeline.driver import (
    BuildHook,
    BuildResult,
    locked_project,
    run_hooked,
    save_whole_manifest,
)
from reportgen.pipeline.fingerprint import version_part
from reportgen.pipeline.manifest import Manifest, ManifestEntry, load_manifest
from reportgen.pipeline.plan import Job
from reportgen.pipeline.progress import Reporter
from reportgen.pipeline.shard import MAX_SHARDS, PARTS_DIR, Shard, part_path
from reportgen.pipeline.shardpart import ShardPart, inputs_key, load_part
from reportgen.pipeline.worker import JobResult, state_dir


def run_merge(project: Project, count: int, reporter: Reporter | None = None,
              hook: BuildHook | None = None, lock_timeout: float = 600.0) -> BuildResult:
    if not 1 <= count <= MAX_SHARDS:
        raise ConfigError(f"--shards must be between 1 and {MAX_SHARDS}, got {count}")
    say = reporter or Reporter()
    with locked_project(project, say, lock_timeout):
        return run_hooked(project, hook, lambda: _locked_merge(project, count, say))


def _locked_merge(project: Project, count: int,
                  say: Reporter) -> tuple[BuildResult, Dataset]:
    from reportgen.fonts.registry import FontRegistry

    dataset = cached_valid_dataset(project, state_dir(project) / "cache", version_part())
    current_inputs = inputs_key(project, FontRegistry.load(project).fingerprint())
    parts = load_parts(project, count, current_inputs)
    merged = Manifest(outputs=[e for part in parts for e in part.outputs])
    merged.outputs.sort(key=lambda e: e.key)
    _retire_unmerged(project, load_manifest(project.output_dir), merged, say)
    current = data_changes.snapshot(dataset)
    snapshot = data_changes.load_snapshot(state_dir(project) / "snapshot.json")
    changes = data_changes.diff(snapshot, current)
    say.say(data_changes.describe(changes))
    result = _result(parts, merged, changes)
    save_whole_manifest(project, merged, changes, current, say)
    _drop_other_counts(project, count)
    say.say(f"merged {count} shards: {len(merged.outputs)} outputs; this round built "
            f"{len(result.built)}, skipped {len(result.skipped)}, failed {len(result.failed)}")
    return result, dataset


def load_parts(project: Project, count: int, current_inputs: str) -> list[ShardPart]:
    """Every shard's part; BuildError naming each missing or out-of-date one."""
    parts, problems = [], []
    for index in range(1, count + 1):
        shard = Shard(index, count)
        part = load_part(project.output_dir, shard)
        where = part_path(project.output_dir, shard).relative_to(project.root)
        if part is None:
            problems.append(f"shard {shard.label} is missing ({where} not found or unreadable)")
        elif part.inputs != current_inputs:
            problems.append(f"shard {shard.label} was built from different data or settings "
                            f"than the project now has ({where}, {part.time})")
        else:
            parts.append(part)
    if problems:
        raise BuildError("cannot merge: " + "; ".join(problems),
                         hint="run `reportgen build --shard I/N` for each shard named, "
                         "from the current data, then merge again")
    return parts


def _retire_unmerged(project: Project, old: Manifest, merged: Manifest, say: Reporter) -> None:
    """Entries of the previous manifest that no shard stands for any more (their regions
    left the data or the selection); a file a merged entry points to is never moved."""
    keys = {e.key for e in merged.outputs}
    paths = {e.path for e in merged.outputs}
    stale = [e for e in old.outputs if e.key not in keys]
    moving = [e for e in stale if e.path not in paths]
    for line in tidy.retire_stale(old, project.output_dir, moving):
        say.say(line)


def _drop_other_counts(project: Project, count: int) -> None:
    """Parts of another shard count describe an older layout: a later run at that count
    then starts from output/manifest.json instead."""
    folder = project.output_dir / PARTS_DIR
    if folder.is_symlink() or not folder.is_dir():
        return
    for path in folder.glob("*-of-*.json"):
        if not path.name.endswith(f"-of-{count}.json"):
            path.unlink(missing_ok=True)


def _result(parts: list[ShardPart], merged: Manifest, changes: dict[str, object]) -> BuildResult:
    """What the shards' last runs did, as one build's result (for the publish step)."""
    result = BuildResult(data_changes=dict(changes))
    for part in parts:
        result.built += [_job(merged, r, r.get("reason", "")) for r in part.built]
        result.skipped += [_job(merged, r, "") for r in part.skipped]
        result.failed += [JobResult(_job(merged, r, "failed"), False, error=r.get("error", ""))
                          for r in part.failed]
    result.built = [j for j in result.built if j.path]
    return result


def _job(merged: Manifest, record: dict[str, str], reason: str) -> Job:
    entry = merged.entry(record.get("region_code", ""), record.get("kind", ""))
    if entry is None:
        entry = ManifestEntry(record.get("region_code", ""), "", record.get("kind", ""),
                              "", "", "")
    return Job(entry.region_code, entry.region_name, entry.kind, entry.path,
               entry.fingerprint, dict(entry.parts), reason)

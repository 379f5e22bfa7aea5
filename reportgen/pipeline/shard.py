"""Shards: ``build --shard I/N`` builds a stable share of the regions.

A region belongs to shard ``1 + h(code) mod N`` where ``h`` is a hash of its code alone, so
adding or removing other regions never moves it, and its PDF and deck are built together.
Each shard writes only its own regions' outputs, its own manifest part
(``output/.shards/I-of-N.json``) and its own staging folder
(``.reportgen/shards/I-of-N/``); ``reportgen merge --shards N`` joins the parts.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

MAX_SHARDS = 1024
PARTS_DIR = ".shards"  # in output/: the shards' manifest parts
_SPEC = re.compile(r"([0-9]{1,4})/([0-9]{1,4})")


@dataclass(frozen=True)
class Shard:
    index: int  # 1 … count
    count: int

    @property
    def name(self) -> str:
        return f"{self.index}-of-{self.count}"

    @property
    def label(self) -> str:
        return f"{self.index}/{self.count}"

    def owns(self, region_code: str) -> bool:
        return shard_of(region_code, self.count) == self.index


def shard_of(region_code: str, count: int) -> int:
    """The shard (1 … count) of a region: a hash of its code, nothing else."""
    digest = hashlib.sha256(region_code.encode("utf-8")).digest()
    return 1 + int.from_bytes(digest[:8], "big") % count


def parse_shard(text: str) -> Shard:
    """``I/N`` with 1 ≤ I ≤ N ≤ MAX_SHARDS; ValueError with the reason otherwise."""
    match = _SPEC.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not I/N (two whole numbers, e.g. 1/4)")
    index, count = int(match[1]), int(match[2])
    if not 1 <= count <= MAX_SHARDS:
        raise ValueError(f"the shard count must be between 1 and {MAX_SHARDS}, got {count}")
    if not 1 <= index <= count:
        raise ValueError(f"the shard index must be between 1 and {count}, got {index} "
                         f"(shards are numbered from 1; a Kubernetes index + 1)")
    return Shard(index, count)


def part_path(output_dir: Path, shard: Shard) -> Path:
    return output_dir / PARTS_DIR / f"{shard.name}.json"


def shard_state(state: Path, shard: Shard) -> Path:
    """The shard's own folder in ``.reportgen/`` (its lock and staging folder)."""
    return state / "shards" / shard.name

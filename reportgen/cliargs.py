"""Argument types for the command line: numbers within a range, refused by argparse
(usage message, exit 2) instead of failing later with a traceback."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable

from reportgen.pipeline.shard import MAX_SHARDS, Shard, parse_shard

MAX_JOBS = 64
MIN_DEBOUNCE, MAX_DEBOUNCE = 0.05, 3600.0


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be between {low} and {high}, got {value}")
        return value

    return parse


def bounded_float(low: float, high: float) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not math.isfinite(value) or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be between {low} and {high}, got {text}")
        return value

    return parse


def shard_spec(text: str) -> Shard:
    """``--shard I/N`` (1 ≤ I ≤ N): a usage error naming the problem otherwise."""
    try:
        return parse_shard(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


SHARDS = bounded_int(1, MAX_SHARDS)

#!/usr/bin/env python3
"""Benchmark chart rendering: render_pdf per figure with the shipped fonts vs a cache hit.

    .venv/bin/python scripts/bench_charts.py [--runs 5]

Prints the median seconds per figure for each sample chart (sample_specs(): every kind),
then the median for a cached_chart() hit. Font subsetting inside matplotlib's PDF writer
is the dominant cost of a cold render; the cache exists to skip it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportgen.charts.cache import cached_chart
from reportgen.charts.render_mpl import render_pdf, render_png
from reportgen.charts.samples import sample_specs
from reportgen.charts.theme import suggested_height_mm
from reportgen.fonts.registry import FontRegistry


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    registry = FontRegistry.load(None)
    specs = sample_specs()
    render_pdf(specs[0], registry)  # warm-up: font registration, imports
    print(f"{'chart':16} {'kind':12} {'pdf s':>7} {'png s':>7} {'pdf KB':>7}")
    pdf_medians = []
    for spec in specs:
        height = suggested_height_mm(spec.kind, len(spec.categories))
        pdf = median_seconds(partial(render_pdf, spec, registry, height_mm=height), args.runs)
        png = median_seconds(partial(render_png, spec, registry, height_mm=height), args.runs)
        size = len(render_pdf(spec, registry, height_mm=height)) / 1024
        pdf_medians.append(pdf)
        print(f"{spec.id:16} {spec.kind:12} {pdf:7.3f} {png:7.3f} {size:7.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        cache_dir = Path(tmp)
        for spec in specs:
            cached_chart(spec, "pdf", registry, cache_dir, width_mm=160, height_mm=80)
        hit = median_seconds(
            lambda: [cached_chart(s, "pdf", registry, cache_dir, width_mm=160, height_mm=80)
                     for s in specs], args.runs) / len(specs)
    print(f"\nmedian cold render_pdf per figure: {statistics.median(pdf_medians):.3f} s")
    print(f"median cached_chart hit per figure: {hit * 1000:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

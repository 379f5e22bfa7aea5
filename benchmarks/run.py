"""Benchmark reportgen builds; prints medians (seconds) and output sizes as a table.

    .venv/bin/python benchmarks/run.py [--runs 3] [--synthetic-runs 1] [--regions 200]

Cases: full build of the shipped data (cold: no output, no chart cache), forced rebuild
with a warm chart cache, no-op rebuild, rebuild after changing one 三门峡市 row, and a
synthetic 200-region project (benchmarks/synthetic.py) with --jobs 1 and --jobs 2 (with the
peak RSS of the largest process, main or worker). Side by side, per brief: reportgen, the
floor (reportlab layout alone, charts pre-rendered) and a peer (Typst, same text, tables and
chart SVGs) — benchmarks/peers.py. ``validate`` of about 1,000,000 synthetic rows
(median time, peak RSS via getrusage; ``--validate-only`` runs just that case). Builds run
with bytecode caching on, as a user's shell has it. Everything runs in a temporary copy;
data/ and output/ are not touched.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import REPO, make_project

CHANGED_REGION = "411200"  # 三门峡市


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
# Runs the build and prints the peak RSS (KiB) of its largest process, workers included.
_RSS_WRAPPER = ("import resource, subprocess, sys\n"
                "code = subprocess.call(sys.argv[1:])\n"
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
                "sys.exit(code)\n")
PEAK_RSS_KIB: list[int] = []


def build(project: Path, *args: str) -> float:
    start = time.perf_counter()
    command = [sys.executable, "-m", "reportgen", "-C", str(project), "build", *args]
    proc = subprocess.run([sys.executable, "-c", _RSS_WRAPPER, *command],
                          capture_output=True, text=True, env=ENV)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"build failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    PEAK_RSS_KIB.append(int(proc.stderr.strip().splitlines()[-1]))
    return elapsed


_MEASURE = """
import resource, sys, time
from reportgen.cli import main
start = time.perf_counter()
code = main(["-C", sys.argv[1], "validate", "--format", "json"])
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
print(f"{code} {elapsed:.3f} {peak}", file=sys.stderr)
"""


def validate(project: Path) -> tuple[float, int]:
    """One ``reportgen validate`` in a fresh interpreter: (seconds, peak RSS in KiB)."""
    proc = subprocess.run([sys.executable, "-c", _MEASURE, str(project)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    code, elapsed, peak = proc.stderr.strip().splitlines()[-1].split()
    if code != "0":
        sys.exit(f"validate failed ({code}):\n{proc.stderr[-2000:]}")
    return float(elapsed), int(peak)


def validate_cases(root: Path, runs: int, rows: int) -> list[tuple[str, str]]:
    """Validate a synthetic project of about ``rows`` observation rows (990 regions)."""
    regions = 990  # the most the synthetic code scheme (99CCKK) holds
    project = make_project(root / "large", regions, copies=max(1, round(rows / (regions * 12))))
    count = sum(1 for _ in (project / "data/observations/synthetic.csv").open()) - 1
    measured = [validate(project) for _ in range(runs)]
    seconds = statistics.median(m[0] for m in measured)
    peak = max(m[1] for m in measured) / 1024
    return [(f"validate {count:,} rows ({regions} regions)", f"{seconds:.1f} s"),
            (f"validate {count:,} rows: peak memory (max RSS)", f"{peak:.0f} MiB")]


def clean(project: Path, *, cache: bool = True) -> None:
    shutil.rmtree(project / "output", ignore_errors=True)
    state = project / ".reportgen"
    if cache:
        shutil.rmtree(state, ignore_errors=True)
    else:
        for name in ("snapshot.json",):
            (state / name).unlink(missing_ok=True)


def median_of(runs: int, before: Callable[[], None], action: Callable[[], float]) -> float:
    times = []
    for _ in range(runs):
        before()
        times.append(action())
    return statistics.median(times)


def copy_repo_project(dest: Path) -> Path:
    for name in ("data", "templates", "fonts"):
        shutil.copytree(REPO / name, dest / name)
    (dest / "reportgen.toml").write_text('issuer = "乡村振兴局"\n', encoding="utf-8")
    return dest


def touch_one_row(project: Path, bump: int) -> None:
    """Change the value of the first 三门峡市 row (a whole number) by ``bump``."""
    for path in sorted((project / "data" / "observations").glob("*.csv")):
        rows = list(csv.reader(path.open(encoding="utf-8-sig", newline="")))
        header = rows[0]
        region, value = header.index("region_code"), header.index("value")
        for row in rows[1:]:
            if row[region] == CHANGED_REGION and row[value].isdigit():
                row[value] = str(int(row[value]) + bump)
                with path.open("w", encoding="utf-8", newline="") as handle:
                    csv.writer(handle).writerows(rows)
                return
    sys.exit(f"no whole-number row of region {CHANGED_REGION} to change")


def sizes(project: Path, suffix: str) -> str:
    files = sorted((project / "output").glob(f"*{suffix}"))
    if not files:
        return "-"
    kib = [f.stat().st_size / 1024 for f in files]
    return f"median {statistics.median(kib):.0f} KiB, max {max(kib):.0f} KiB ({len(files)} files)"


def shipped_cases(root: Path, runs: int) -> list[tuple[str, str]]:
    project = copy_repo_project(root / "shipped")
    full = median_of(runs, lambda: clean(project), lambda: build(project))
    outputs = len(list((project / "output").glob("*.p*")))
    rows = peer_rows(project, root, runs, full / outputs)
    warm = median_of(runs, lambda: None, lambda: build(project, "--force"))
    noop = median_of(runs, lambda: None, lambda: build(project))
    flips = iter([1, -1] * runs)
    one = median_of(runs, lambda: touch_one_row(project, next(flips)), lambda: build(project))
    return [
        (f"full build, shipped data, {outputs} outputs (cold chart cache)", f"{full:.2f} s"),
        ("forced rebuild, warm chart cache", f"{warm:.2f} s"),
        ("no-op rebuild", f"{noop:.3f} s"),
        ("one 三门峡市 row changed", f"{one:.2f} s"),
        ("PDF size", sizes(project, ".pdf")),
        ("PPTX size", sizes(project, ".pptx")),
        *rows,
    ]


def peer_rows(project: Path, root: Path, runs: int, per_output: float) -> list[tuple[str, str]]:
    import peers

    reports, registry, cache = peers.briefs(project)
    work = root / "peer"
    work.mkdir()
    chart = peers.chart_seconds(reports, registry, work)
    floor = peers.floor_seconds(reports, registry, cache, runs)
    peer = peers.typst_seconds(reports, registry, cache, work, runs)
    rows = [("one chart, cold (matplotlib SVG → Drawing in the brief's fonts)",
             f"{chart * 1000:.0f} ms"),
            ("reportgen, cold full build per output (PDF + PPTX)",
             f"{per_output:.2f} s"),
            ("floor: reportlab layout per brief, charts pre-rendered",
             f"{floor:.2f} s ({per_output / floor:.1f}× below reportgen per output)")]
    if peer is None:
        rows.append(("peer: Typst per brief", "typst not installed (pip install typst)"))
    else:
        rows.append(("peer: Typst per brief, same text, tables and chart SVGs",
                     f"{peer:.3f} s (floor is {floor / peer:.1f}× Typst)"))
    return rows


def synthetic_cases(root: Path, runs: int, regions: int) -> list[tuple[str, str]]:
    project = make_project(root / "synthetic", regions)
    out = []
    results = {}
    for jobs in (1, 2):
        PEAK_RSS_KIB.clear()
        results[jobs] = median_of(runs, lambda: clean(project),
                                  lambda j=jobs: build(project, "--jobs", str(j)))  # type: ignore[misc]
        outputs = len(list((project / "output").glob("*.p*")))
        out.append((f"synthetic {regions} regions, {outputs} outputs, --jobs {jobs}",
                    f"{results[jobs]:.1f} s ({results[jobs] / outputs:.2f} s per output)"))
        out.append((f"peak RSS of the largest process, --jobs {jobs}",
                    f"{max(PEAK_RSS_KIB) / 1024:.0f} MiB"))
    out.append(("speed-up --jobs 2 vs --jobs 1", f"{results[1] / results[2]:.2f}×"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs per shipped-data case")
    parser.add_argument("--synthetic-runs", type=int, default=1)
    parser.add_argument("--regions", type=int, default=200)
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--validate-rows", type=int, default=1_000_000,
                        help="rows of the large validate case (0 = skip it)")
    parser.add_argument("--validate-only", action="store_true",
                        help="run only the large validate case")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-") as tmp:
        rows = [] if args.validate_only else shipped_cases(Path(tmp), args.runs)
        if args.validate_rows:
            rows += validate_cases(Path(tmp), args.runs, args.validate_rows)
        if not args.skip_synthetic and not args.validate_only:
            rows += synthetic_cases(Path(tmp), args.synthetic_runs, args.regions)
    print(f"| case (median of {args.runs} runs; synthetic: {args.synthetic_runs}) | result |")
    print("|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()

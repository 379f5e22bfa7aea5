"""Command line: parse options, call one library function, map errors to exit codes.

No logic lives here; heavy modules are imported only by the commands that need them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from reportgen import __version__
from reportgen.cliargs import (
    MAX_DEBOUNCE,
    MAX_JOBS,
    MIN_DEBOUNCE,
    SHARDS,
    bounded_float,
    bounded_int,
    shard_spec,
)
from reportgen.config import Project, load_project
from reportgen.errors import DataError, ReportgenError
from reportgen.text.escape import safe_message

EXIT_OK = 0
EXIT_FAILED = 1  # data errors, failed regions
EXIT_USAGE = 2  # bad options or reportgen.toml
EXIT_LOCKED = 3  # another build holds the lock
JOBS = bounded_int(1, MAX_JOBS)
DESCRIPTION = ("Turn indicator tables (CSV or Excel) into Chinese PDF briefs and PowerPoint "
               "decks: every figure sourced and checked, rebuilt only when its data changes.")


class _Parser(argparse.ArgumentParser):
    """argparse that never echoes a control character of a bad argument raw."""

    def error(self, message: str) -> NoReturn:
        super().error(safe_message(message))


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="reportgen", description=DESCRIPTION,
                     epilog="A new project: reportgen init DIR. Documentation: README.md.")
    parser.add_argument("--version", action="version", version=f"reportgen {__version__}")
    parser.add_argument("-C", "--project", default=".", type=Path,
                        help="project directory (default: the current one)")
    sub = parser.add_subparsers(dest="command", required=True)

    init = sub.add_parser("init", help="start a new project (settings, data tables with "
                                       "example rows, one source document) in a folder")
    init.add_argument("folder", nargs="?", type=Path, default=None, metavar="DIR",
                      help="the project folder (default: -C, else the current one)")

    build = sub.add_parser("build", help="build outdated PDF briefs and decks")
    build.add_argument("--region", action="append", default=[], metavar="CODE",
                       help="only this region (repeatable)")
    build.add_argument("--kind", action="append", choices=["pdf", "pptx"], default=[],
                       help="only this output kind (repeatable)")
    build.add_argument("--force", action="store_true", help="rebuild even if up to date")
    build.add_argument("--jobs", type=JOBS, default=1, metavar="N", help="parallel processes")
    build.add_argument("--style", choices=["modern", "gongwen"],
                       help="PDF style for this run (default: `style` in reportgen.toml)")
    build.add_argument("--shard", type=shard_spec, metavar="I/N",
                       help="build only shard I of N (a stable share of the regions); "
                            "then `reportgen merge --shards N`")

    merge = sub.add_parser("merge", help="merge the manifests of a sharded build, then "
                                         "publish (change report, delivery, bundle)")
    merge.add_argument("--shards", type=SHARDS, required=True, metavar="N",
                       help="the number of shards that were built")

    validate = sub.add_parser("validate", help="check the data and list every finding")
    validate.add_argument("--format", choices=["text", "json"], default="text")

    data = sub.add_parser("data", help="data table commands")
    data_sub = data.add_subparsers(dest="data_command", required=True)
    export = data_sub.add_parser("export", help="write the normalized long table")
    export.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    export.add_argument("-o", "--output", type=Path, help="file to write (default: stdout, csv)")
    imp = data_sub.add_parser("import", help="turn a wide statistics table (regions as rows, "
                              "indicators as columns) into new data files")
    imp.add_argument("file", type=Path, metavar="FILE", help="the table (.xlsx or .csv)")
    imp.add_argument("--sheet", action="append", default=[], metavar="NAME",
                     help="only this sheet (repeatable; default: every sheet with a table)")
    imp.add_argument("--header-rows", type=_rows, default=(), metavar="ROWS",
                     help="the header rows, e.g. 3,4 (default: found)")
    imp.add_argument("--year", default="", help="year of the figures when the table does not "
                     "say it (column, sheet name or title)")
    imp.add_argument("--parent", default="", metavar="CODE",
                     help="code of the region the table is about (narrows ambiguous names)")
    imp.add_argument("--source-id", default="", metavar="ID",
                     help="source id (default: table- and a hash of the file)")
    imp.add_argument("--category", default="", help="category of new indicators")
    imp.add_argument("--mapping", type=Path, metavar="TOML",
                     help="mapping file: sheets, header rows, names → ids, units, codes")
    imp.add_argument("-o", "--output", type=Path, metavar="DIR",
                     help="write the new files under DIR instead of the project's data/")

    watch = sub.add_parser("watch", help="rebuild when data, templates, fonts or config change")
    watch.add_argument("--debounce", type=bounded_float(MIN_DEBOUNCE, MAX_DEBOUNCE), default=1.0,
                       metavar="SECONDS")
    watch.add_argument("--jobs", type=JOBS, default=1, metavar="N")

    changes = sub.add_parser("changes", help="show the change report of the latest build")
    changes.add_argument("--list", action="store_true", help="list the kept change reports")
    changes.add_argument("--id", default="latest", help="one report by id (see --list)")
    changes.add_argument("--format", choices=["md", "html"], default="md")

    status = sub.add_parser("status", help="last build, stale outputs, last delivery")
    status.add_argument("--format", choices=["text", "json"], default="text")
    return parser


def _rows(text: str) -> tuple[int, ...]:
    try:
        rows = tuple(int(part) for part in text.replace("，", ",").split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not row numbers: {text!r} (e.g. 3,4)") from None
    if not rows or min(rows) < 1:
        raise argparse.ArgumentTypeError(f"row numbers start at 1: {text!r}")
    return rows


def _import(project: Project, args: argparse.Namespace) -> int:
    from reportgen.data.importer.options import ImportOptions
    from reportgen.data.importer.run import import_table

    options = ImportOptions(sheets=tuple(args.sheet), header_rows=args.header_rows,
                            year=args.year, parent=args.parent, source_id=args.source_id,
                            category=args.category or "主要指标")
    summary = import_table(project, args.file, options, args.output, args.mapping)
    print("\n".join(summary.lines()))
    return EXIT_OK


def _validate(project: Project, fmt: str) -> int:
    from reportgen.data.load import load_dataset
    from reportgen.publish.settings import load_settings
    from reportgen.report.resolve import spec_problems

    load_settings(project)  # [bundle] / [delivery]: the same usage error (exit 2) as build
    dataset = load_dataset(project)
    # specs are checked against a dataset that loaded cleanly (else ids may be missing)
    specs = [] if dataset.errors else spec_problems(dataset, project)
    errors = len(dataset.errors) + len(specs)
    if fmt == "json":
        payload = {
            "errors": errors,
            "warnings": len(dataset.warnings),
            "findings": [f.to_dict() for f in dataset.findings],
            "spec_problems": specs,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for finding in dataset.findings:
            print(finding.format())
        for message in specs:
            print(message)
        print(f"共{len(dataset.observations)}条数据，"
              f"{errors}个错误，{len(dataset.warnings)}个警告")
    return EXIT_FAILED if errors else EXIT_OK


def _export(project: Project, fmt: str, output: Path | None) -> int:
    from reportgen.data.export import export_table
    from reportgen.data.load import load_valid_dataset

    export_table(load_valid_dataset(project), fmt, output, sys.stdout, root=project.root,
                 sources=project.sources_path())
    return EXIT_OK


def _build(project: Project, args: argparse.Namespace) -> int:
    from reportgen.pipeline.driver import BuildOptions, run_build
    from reportgen.publish.hook import Publisher
    from reportgen.publish.settings import load_settings

    load_settings(project)  # a bad [delivery] / [bundle] table is a usage error up front
    options = BuildOptions(regions=tuple(args.region), kinds=tuple(args.kind),
                           force=args.force, jobs=args.jobs, shard=args.shard)
    return run_build(project.with_overrides(style=args.style), options,
                     hook=Publisher()).exit_code


def _merge(project: Project, shards: int) -> int:
    from reportgen.pipeline.merge import run_merge
    from reportgen.publish.hook import Publisher
    from reportgen.publish.settings import load_settings

    load_settings(project)
    return run_merge(project, shards, hook=Publisher()).exit_code


def _watch(project: Project, args: argparse.Namespace) -> int:
    from reportgen.pipeline.watch import watch_project
    from reportgen.publish.hook import Publisher
    from reportgen.publish.settings import load_settings

    load_settings(project)
    return watch_project(project, debounce=args.debounce, jobs=args.jobs, hook=Publisher(),
                         check=load_settings)


def _changes(project: Project, args: argparse.Namespace) -> int:
    from reportgen.publish.history import read_report, report_ids

    if args.list:
        for report_id in report_ids(project):
            print(f"output/changes/{report_id}.md")
        return EXIT_OK
    print(read_report(project, args.id, args.format), end="")
    return EXIT_OK


def _init(folder: Path) -> int:
    from reportgen.scaffold import init_project

    written = init_project(folder)
    print(f"created {len(written)} files in {folder}:")
    for path in written:
        print(f"  {path.relative_to(folder)}")
    where = "" if folder == Path(".") else f" -C {folder}"
    print("next:\n"
          f"  reportgen{where} validate   # check the example data (then replace it with yours)\n"
          f"  reportgen{where} build      # PDF briefs and decks into output/")
    return EXIT_OK


def _status(project: Project, fmt: str) -> int:
    from reportgen.publish.status import describe, project_status

    status = project_status(project)
    if fmt == "json":
        print(json.dumps(status, ensure_ascii=False, indent=2))
    else:
        print("\n".join(describe(status)))
    return EXIT_OK if status["healthy"] else EXIT_FAILED


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "init":
            return _init(args.folder or args.project)
        project = load_project(args.project)
        if args.command == "validate":
            return _validate(project, args.format)
        if args.command == "data" and args.data_command == "import":
            return _import(project, args)
        if args.command == "data":
            return _export(project, args.format, args.output)
        if args.command == "build":
            return _build(project, args)
        if args.command == "merge":
            return _merge(project, args.shards)
        if args.command == "changes":
            return _changes(project, args)
        if args.command == "status":
            return _status(project, args.format)
        return _watch(project, args)
    except DataError as exc:
        for finding in exc.findings:
            print(finding.format(), file=sys.stderr)
        print(f"error: {safe_message(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except ReportgenError as exc:
        print(f"error: {safe_message(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `reportgen data export | head`: the reader left, nothing to say
        # Point stdout at devnull so the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

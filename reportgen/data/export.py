"""``reportgen data export``: the normalized long table as CSV or XLSX.

Values are in the canonical unit and printed exactly (Decimal text, no float noise; XLSX
cells hold the Decimal's digits). Files are written atomically; a CSV file gets a UTF-8
BOM so Excel opens it correctly, CSV on stdout is plain UTF-8.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from reportgen.data.model import Dataset, Observation
from reportgen.data.periods import period_label
from reportgen.errors import ConfigError
from reportgen.text.escape import escape_text
from reportgen.text.strictnum import parse_strict

COLUMNS: tuple[str, ...] = (
    "region_code", "region_name", "indicator_id", "indicator_name", "period", "period_label",
    "period_basis", "period_phrase", "value", "unit", "value_written", "unit_written",
    "qualifier", "scope", "source_id", "source_title", "quote", "cell", "note", "flag",
)
FORMATS = ("csv", "xlsx")


def export_table(dataset: Dataset, fmt: str, output: Path | None, stdout: TextIO, *,
                 root: Path | None = None, sources: Path | None = None) -> None:
    """Write the long table of ``dataset`` as ``fmt`` to ``output`` (or CSV to stdout);
    see ``check_target`` for where ``output`` may be (``root``: the project)."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}", hint="use --format csv or xlsx")
    if output is not None:
        check_target(output, root, sources)
    rows = [export_row(dataset, obs) for obs in sorted(dataset.observations, key=_order)]
    if fmt == "csv":
        if output is None:
            _write_csv(rows, stdout, lineterminator="\n")
            return
        buffer = io.StringIO()
        _write_csv(rows, buffer, lineterminator="\r\n")
        _atomic_write(output, buffer.getvalue().encode("utf-8-sig"))
        return
    if output is None:
        raise ConfigError("xlsx export needs an output file",
                          hint="pass -o FILE.xlsx (only csv can go to stdout)")
    _atomic_write(output, _xlsx_bytes(rows))


def export_row(dataset: Dataset, obs: Observation) -> dict[str, str | Decimal]:
    region = dataset.regions.get(obs.region_code)
    indicator = dataset.indicators.get(obs.indicator_id)
    source = dataset.sources.get(obs.source_id)
    return {
        "region_code": obs.region_code,
        "region_name": region.name if region else "",
        "indicator_id": obs.indicator_id,
        "indicator_name": indicator.name if indicator else "",
        "period": obs.period.text,
        "period_label": period_label(obs.period),
        "period_basis": obs.period_basis,
        "period_phrase": obs.period_phrase,
        "value": obs.value,
        "unit": obs.unit,
        "value_written": obs.value_written,
        "unit_written": obs.unit_written,
        "qualifier": obs.qualifier,
        "scope": obs.scope,
        "source_id": obs.source_id,
        "source_title": source.title if source else "",
        "quote": obs.quote,
        "cell": obs.cell,
        "note": obs.note,
        "flag": obs.flag,
    }


FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A text cell a spreadsheet cannot run: formula-leading text gets a leading ``'``
    (OWASP CSV-injection advice). Plain numbers such as -3.2 stay as they are."""
    if not cell.startswith(FORMULA_LEADS):
        return cell
    try:
        parse_strict(cell)
    except ValueError:
        return "'" + cell
    return cell


def _cells(row: dict[str, str | Decimal]) -> list[str | Decimal]:
    """The row in column order, every text cell neutralised; Decimals stay numbers."""
    return [v if isinstance(v, Decimal) else neutralise(v) for v in (row[c] for c in COLUMNS)]


def decimal_text(value: Decimal) -> str:
    """Fixed-point digits, never an exponent: 7186000, 0.26."""
    return format(value, "f")


def _order(obs: Observation) -> tuple[object, ...]:
    loc = obs.location
    return (obs.region_code, obs.indicator_id, obs.period.start, obs.period.end,
            obs.period.text, loc.file if loc else "", loc.row or 0 if loc else 0)


def _write_csv(rows: list[dict[str, str | Decimal]], out: TextIO, lineterminator: str) -> None:
    writer = csv.writer(out, lineterminator=lineterminator)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([decimal_text(v) if isinstance(v, Decimal) else v for v in _cells(row)])


def _xlsx_bytes(rows: list[dict[str, str | Decimal]]) -> bytes:
    import openpyxl  # deferred: only this command needs it

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "observations"
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append(_cells(row))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


EXPORT_SUFFIXES = (".csv", ".xlsx")  # reportgen itself never writes these in output/


def check_target(path: Path, root: Path | None, sources: Path | None = None) -> None:
    """Allow-rule: inside the project (the path as given or with links followed) an export
    may only be a ``.csv``/``.xlsx`` file directly in ``output/`` (links followed, so a
    link never leads the write to an input); never inside the source documents' folder
    (wherever it is). Special files are refused too: a rename over ``/dev/full`` or a
    FIFO would replace the device node."""
    resolved = path.resolve()
    if sources is not None and resolved.is_relative_to(sources.resolve()):
        raise ConfigError(f"cannot write {escape_text(str(path), 200)}: it is inside the "
                          "source documents' folder (sources_dir), which reportgen never "
                          "writes", hint="write the export elsewhere, e.g. -o "
                          "output/observations.csv")
    if root is not None and _in_project(path, resolved, root) and not _export_slot(
            resolved, root):
        raise ConfigError(f"cannot write {escape_text(str(path), 200)}: inside the project "
                          "an export may only be a .csv or .xlsx file directly in output/ "
                          "(reportgen never writes its inputs or its own state)",
                          hint="write the export elsewhere, e.g. -o output/observations.csv")
    try:
        mode = path.lstat().st_mode
    except OSError:
        return
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode) or stat.S_ISDIR(mode)):
        raise ConfigError(f"cannot write {escape_text(str(path), 200)}: it is a device, pipe "
                          "or socket, not a file",
                          hint="pass a file name; leave out -o to write CSV to stdout")


def _in_project(path: Path, resolved: Path, root: Path) -> bool:
    given = Path(os.path.abspath(path))
    return any(p.is_relative_to(r) for p in (given, resolved) for r in (root, root.resolve()))


def _export_slot(resolved: Path, root: Path) -> bool:
    """Links followed, the target is ``<root>/output/<name>.csv`` or ``.xlsx``."""
    return (resolved.parent == root.resolve() / "output" and not resolved.name.startswith(".")
            and resolved.suffix.lower() in EXPORT_SUFFIXES)


def _atomic_write(path: Path, data: bytes) -> None:
    """Write next to ``path`` and rename: a reader never sees half a file."""
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ConfigError(f"cannot write {path}: it is a folder",
                          hint="pass a file name, e.g. -o output/observations.csv")
    if not parent.is_dir():
        raise ConfigError(f"cannot write {path}: folder {parent} does not exist",
                          hint="create the folder or choose another -o path")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror}",
                          hint="choose a folder you can write to") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; an export is meant to be shared
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ConfigError(f"cannot write {path}: {exc.strerror}",
                          hint="check free space and permissions, or choose another -o path"
                          ) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

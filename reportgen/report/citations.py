"""Numbered citations in order of first use, one per quoted phrase of a source."""

from __future__ import annotations

from collections.abc import Iterable

from reportgen.data.model import Dataset, Observation, Source
from reportgen.report.model import Citation


class CitationBook:
    """Hands out footnote numbers; figures quoting the same phrase share one number."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._numbers: dict[tuple[str, str], int] = {}
        self._rows: dict[int, list[Observation]] = {}

    def cite(self, observations: Iterable[Observation]) -> tuple[int, ...]:
        refs: list[int] = []
        for obs in observations:
            key = (obs.source_id, obs.quote or cell_citation(obs.cell))
            if key not in self._numbers:
                self._numbers[key] = len(self._numbers) + 1
                self._rows[self._numbers[key]] = []
            number = self._numbers[key]
            if obs not in self._rows[number]:
                self._rows[number].append(obs)
            if number not in refs:
                refs.append(number)
        return tuple(refs)

    def observations(self) -> list[Observation]:
        return [o for rows in self._rows.values() for o in rows]

    def source(self, source_id: str) -> Source:
        return self.dataset.sources.get(source_id) or Source(source_id, source_id, "", "", "")

    def citations(self) -> tuple[Citation, ...]:
        out = []
        for (source_id, quote), number in self._numbers.items():
            out.append(Citation(number, self.source(source_id), quote,
                                _where(self._rows[number])))
        return tuple(sorted(out, key=lambda c: c.number))

    def sources(self) -> tuple[Source, ...]:
        """The sources cited, in order of first citation."""
        ordered = dict.fromkeys(source_id for source_id, _ in self._numbers)
        return tuple(self.source(s) for s in ordered)


def cell_citation(cell: str) -> str:
    """How a table cell is cited in place of a quote: 工作表“2020年”C5单元格."""
    sheet, _, coord = cell.rpartition("!")
    return f"工作表“{sheet}”{coord}单元格" if sheet else f"{coord}单元格"


def _where(rows: list[Observation]) -> str:
    """"data/observations/x.csv:12,13" — the data rows behind one citation."""
    by_file: dict[str, list[str]] = {}
    for obs in rows:
        if obs.location is None:
            continue
        row = [str(obs.location.row)] if obs.location.row is not None else []
        by_file.setdefault(obs.location.file, []).extend(row)
    parts = [f"{file}:{','.join(rows_)}" if rows_ else file for file, rows_ in by_file.items()]
    return "; ".join(parts)


def ref_runs(refs: Iterable[int]) -> list[tuple[int, int]]:
    """Citation numbers as runs of consecutive numbers: [1, 2, 3, 7] → [(1, 3), (7, 7)]."""
    runs: list[tuple[int, int]] = []
    for n in sorted(set(refs)):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def refs_text(refs: Iterable[int]) -> str:
    """"[3][4]", "[3]–[9]": citation marks as printed in tables, chart notes and slides.

    Runs of three or more consecutive numbers collapse so that a chart comparing many
    regions keeps a one-line source note.
    """
    return "".join(f"[{a}]–[{b}]" if b - a >= 2 else "".join(f"[{n}]" for n in range(a, b + 1))
                   for a, b in ref_runs(refs))

"""Shared helpers for the bench scripts: round-robin timing and a ratio table.

Each contender runs once per round, in turn, for ``repeats`` rounds, so slow
drifts of the machine (frequency, caches, other load) spread over all of
them; the median of the rounds is reported, and every figure is a ratio
against a baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from attrs import frozen


@frozen
class Timing:
    """The median seconds of one contender over its rounds, and the items per round."""

    name: str
    median_s: float
    items: int

    @property
    def per_second(self) -> float:
        """Items handled per second at the median."""
        return self.items / self.median_s if self.median_s else float("inf")


def round_robin(
    contenders: Mapping[str, Callable[[], object]],
    *,
    items: int,
    repeats: int = 7,
    warmup: int = 1,
) -> list[Timing]:
    """Time each contender ``repeats`` times in turn; each call handles ``items`` items."""
    for _ in range(warmup):
        for run in contenders.values():
            run()
    rounds: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeats):
        for name, run in contenders.items():
            start = time.perf_counter()
            run()
            rounds[name].append(time.perf_counter() - start)
    return [Timing(name, statistics.median(times), items) for name, times in rounds.items()]


def ratio_table(title: str, timings: list[Timing], baseline: str) -> str:
    """A plain-text table: items per second and the ratio to ``baseline``."""
    base = next(t for t in timings if t.name == baseline)
    width = max(len(t.name) for t in timings)
    lines = [title, f"{'':{width}}  {'items/s':>12}  {'× ' + baseline:>14}"]
    for timing in timings:
        ratio = timing.per_second / base.per_second
        lines.append(f"{timing.name:{width}}  {timing.per_second:12,.0f}  {ratio:13.1f}×")
    return "\n".join(lines)


@frozen
class Figure:
    """One measured figure beside its baseline from the same run.

    ``ratio`` is ``value / baseline_value``; ``higher_is_better`` says how to
    read it (rates: higher; seconds and bytes: lower).
    """

    name: str
    value: float
    unit: str
    baseline: str
    baseline_value: float
    higher_is_better: bool = True
    note: str = ""

    @property
    def ratio(self) -> float:
        """The figure divided by its baseline."""
        return self.value / self.baseline_value if self.baseline_value else float("inf")

    def to_json(self) -> dict[str, object]:
        """A plain dict for ``results.json``."""
        return {
            "name": self.name,
            "value": self.value,
            "unit": self.unit,
            "baseline": self.baseline,
            "baseline_value": self.baseline_value,
            "ratio": self.ratio,
            "higher_is_better": self.higher_is_better,
            "note": self.note,
        }


def rate_figures(timings: list[Timing], baseline: str, unit: str = "items/s") -> list[Figure]:
    """Every timing but the baseline as a rate figure against the baseline's rate."""
    base = next(t for t in timings if t.name == baseline)
    return [
        Figure(t.name, t.per_second, unit, base.name, base.per_second)
        for t in timings
        if t is not base
    ]


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """``--quick`` (small sizes, few repeats) and ``--json PATH`` (figures for the runner)."""
    parser.add_argument("--quick", action="store_true", help="small sizes, few repeats")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")


def write_figures(path: Path | None, figures: list[Figure], **context: object) -> None:
    """Write ``figures`` (and any ``context``, such as sizes used) for ``bench/run.py``."""
    if path is None:
        return
    document = {"context": context, "figures": [f.to_json() for f in figures]}
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

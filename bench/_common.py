"""Shared helpers for the bench scripts: round-robin timing and a ratio table.

Each contender runs once per round, in turn, for ``repeats`` rounds, so slow
drifts of the machine (frequency, caches, other load) spread over all of
them; the median of the rounds is reported, and every figure is a ratio
against a baseline measured in the same run.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping

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

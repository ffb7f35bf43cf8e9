"""One time for the whole of a transition: the procedure's and the storage's.

The storage stamps records and takes the protocol year from its clock; the
procedure decides with the ``now`` it is given. :class:`TransactionClock` is
the storage's clock, and the registry sets it to that ``now`` around each
unit of work, so a protocol entry's date is the day of the act it records,
also when a procedure is replayed on fixed dates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime


class TransactionClock:
    """A clock that reads a fixed time while a unit of work runs, else ``fallback``."""

    def __init__(self, fallback: Callable[[], datetime]) -> None:
        self._fallback = fallback
        self._fixed: datetime | None = None

    def __call__(self) -> datetime:
        return self._fixed if self._fixed is not None else self._fallback()

    @contextmanager
    def at(self, now: datetime) -> Iterator[None]:
        """Read ``now`` inside the block."""
        previous, self._fixed = self._fixed, now
        try:
            yield
        finally:
            self._fixed = previous

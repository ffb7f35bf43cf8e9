"""Registration numbers: ``SEREGNO-2026-0007``, progressive per town and year.

The number comes from a gap-free counter taken in the same transaction as the
listing, so two approvals at once never share a number and a rolled-back one
leaves no hole. The town's id keeps numbers unique in a database that serves
many towns.
"""

from __future__ import annotations

from coworkreg_core.storage.base import Transaction


def series(town: str, year: int) -> str:
    """The counter's name for ``town`` in ``year``."""
    return f"listing/{town}/{year}"


def next_registration_number(tx: Transaction, town: str, year: int) -> str:
    """Take the next registration number of ``town`` for ``year`` inside ``tx``."""
    number = tx.next_number(series(town, year))
    return f"{town.upper()}-{year}-{number:04d}"

"""The storage contract every back end fulfils.

A back end hands out units of work: ``with storage.transaction() as tx:``
everything written through ``tx`` commits together when the block ends, or
not at all when it raises. A transition is one such unit: the new instance
(checked against the version read), its history entry, its outbox items and
any protocol number it takes.

``coworkreg_core.storage.contract`` holds the tests that say what each
method must do; a new back end runs them with its own ``storage`` fixture.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import Protocol, Self

from coworkreg_core.storage.records import (
    Application,
    Direction,
    HistoryEntry,
    JSONDocument,
    Listing,
    OutboxItem,
    OutboxStatus,
    ProtocolEntry,
    StoredDocument,
)


class Reader(Protocol):
    """Queries, answered inside a transaction or on their own."""

    def get_application(self, application_id: str) -> Application:
        """The application; ``RecordNotFound`` if there is none."""
        ...

    def worklist(
        self, states: Iterable[str], *, town: str | None = None, limit: int = 100
    ) -> list[Application]:
        """Applications in any of ``states``, nearest deadline first (none last)."""
        ...

    def get_listing(self, registration_number: str) -> Listing:
        """The listing; ``RecordNotFound`` if there is none."""
        ...

    def public_list(self, town: str, on: date) -> list[Listing]:
        """Listings of ``town`` in force on ``on``, by registration number."""
        ...

    def history(self, application_id: str) -> list[HistoryEntry]:
        """The application's history, oldest first."""
        ...

    def protocol_entries(self, year: int) -> list[ProtocolEntry]:
        """The protocol register of ``year``, by number."""
        ...

    def get_protocol_entry(self, year: int, number: int) -> ProtocolEntry:
        """One entry of the protocol register; ``RecordNotFound`` if there is none."""
        ...

    def get_document(self, sha256: str) -> StoredDocument:
        """The document with that digest; ``RecordNotFound`` if there is none."""
        ...

    def list_outbox(
        self, *, status: OutboxStatus | None = None, limit: int = 100
    ) -> list[OutboxItem]:
        """Outbox items, oldest first, optionally of one status."""
        ...


class Transaction(Reader, Protocol):
    """One unit of work; reads see its own writes."""

    def add_application(self, application: Application) -> Application:
        """Store a new application; the result has version 1 and the stored times."""
        ...

    def save_application(self, application: Application) -> Application:
        """Replace the stored application if its version is still ``application.version``.

        :raise ConflictError: someone saved it since it was read.
        :return: the record as stored, with the version increased by one.
        """
        ...

    def append_history(
        self,
        application_id: str,
        entry: JSONDocument,
        *,
        hash: str,  # noqa: A002 - the history entry's own name for it
        previous_hash: str | None,
    ) -> HistoryEntry:
        """Append an entry to the application's history; entries are never changed.

        In a transition, save the application first: its version check is
        what makes a concurrent writer wait or fail before it appends.
        """
        ...

    def add_listing(self, listing: Listing) -> Listing:
        """Store a new listing; the result has version 1."""
        ...

    def save_listing(self, listing: Listing) -> Listing:
        """Replace the listing if its version is unchanged; else ``ConflictError``."""
        ...

    def register_protocol(
        self,
        *,
        direction: Direction,
        correspondent: str,
        subject: str,
        document_sha256: str | None = None,
        external_reference: str | None = None,
        application_id: str | None = None,
    ) -> ProtocolEntry:
        """Take the next protocol number of the current year and write its entry.

        The number is gap-free: if the transaction rolls back, so does the number.
        """
        ...

    def next_number(self, series: str) -> int:
        """The next number of the named ``series`` (1, 2, 3 ...), e.g. registration numbers.

        Like protocol numbers, gap-free: the number is taken in this
        transaction and given back if it rolls back.
        """
        ...

    def enqueue(
        self,
        channel: str,
        payload: JSONDocument,
        *,
        key: str,
        application_id: str | None = None,
        not_before: datetime | None = None,
    ) -> OutboxItem:
        """Queue an effect for delivery after commit; the same ``key`` twice keeps one item."""
        ...

    def put_document(self, content: bytes, media_type: str) -> str:
        """Store a document by its SHA-256 (once, however often it is put); return the digest."""
        ...


class Storage(Reader, Protocol):
    """A storage back end: queries, units of work and outbox delivery."""

    url: str
    """Where the data lives, without secrets."""

    def transaction(self) -> AbstractContextManager[Transaction]:
        """A unit of work that commits on leaving the block and rolls back on error."""
        ...

    def claim_outbox(self, *, limit: int = 10, lease_seconds: float = 60.0) -> list[OutboxItem]:
        """Lease pending items that are due: each counts one more attempt.

        A leased item is not due again until ``lease_seconds`` pass, so a
        worker that dies holding it only delays it.
        """
        ...

    def mark_sent(self, item_id: int, reply: JSONDocument | None = None) -> OutboxItem:
        """Record a delivery, with what the server answered."""
        ...

    def mark_failed(
        self, item_id: int, error: str, *, next_attempt_at: datetime, max_attempts: int
    ) -> OutboxItem:
        """Record a failed attempt: retry at ``next_attempt_at``, or dead after ``max_attempts``."""
        ...

    def retry_dead(self, item_ids: Sequence[int] | None = None) -> int:
        """Put dead items (all, or those listed) back as pending and due now; return how many."""
        ...

    def close(self) -> None:
        """Release connections; the storage is unusable afterwards."""
        ...

    def __enter__(self) -> Self:
        """``with open_storage(url) as storage:`` closes it on leaving the block."""
        ...

    def __exit__(self, *exc_info: object) -> None:
        """Close the storage."""
        ...

"""A :class:`~coworkreg_core.storage.base.Storage` built on :class:`SQLTransaction`.

A back end says how to open a write transaction and a read snapshot; this
class answers every query in a snapshot and runs each outbox step in its own
short transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Self

from coworkreg_core.storage.records import (
    Application,
    HistoryEntry,
    JSONDocument,
    Listing,
    OutboxItem,
    OutboxStatus,
    ProtocolEntry,
    StoredDocument,
)

if TYPE_CHECKING:
    from coworkreg_core.storage.sql import Clock, SQLTransaction


class SQLStorage:
    """The parts of a SQL back end that do not depend on the driver."""

    url: str
    _clock: Clock

    def transaction(self) -> AbstractContextManager[SQLTransaction]:
        """A write transaction; see :meth:`coworkreg_core.storage.base.Storage.transaction`."""
        raise NotImplementedError

    def _snapshot(self) -> AbstractContextManager[SQLTransaction]:
        """A read-only transaction that sees one consistent state."""
        raise NotImplementedError

    def close(self) -> None:
        """Release connections."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def get_application(self, application_id: str) -> Application:
        """See :meth:`coworkreg_core.storage.base.Reader.get_application`."""
        with self._snapshot() as tx:
            return tx.get_application(application_id)

    def worklist(
        self, states: Iterable[str], *, town: str | None = None, limit: int = 100
    ) -> list[Application]:
        """See :meth:`coworkreg_core.storage.base.Reader.worklist`."""
        with self._snapshot() as tx:
            return tx.worklist(states, town=town, limit=limit)

    def get_listing(self, registration_number: str) -> Listing:
        """See :meth:`coworkreg_core.storage.base.Reader.get_listing`."""
        with self._snapshot() as tx:
            return tx.get_listing(registration_number)

    def public_list(self, town: str, on: date) -> list[Listing]:
        """See :meth:`coworkreg_core.storage.base.Reader.public_list`."""
        with self._snapshot() as tx:
            return tx.public_list(town, on)

    def history(self, application_id: str) -> list[HistoryEntry]:
        """See :meth:`coworkreg_core.storage.base.Reader.history`."""
        with self._snapshot() as tx:
            return tx.history(application_id)

    def protocol_entries(self, year: int) -> list[ProtocolEntry]:
        """See :meth:`coworkreg_core.storage.base.Reader.protocol_entries`."""
        with self._snapshot() as tx:
            return tx.protocol_entries(year)

    def get_protocol_entry(self, year: int, number: int) -> ProtocolEntry:
        """See :meth:`coworkreg_core.storage.base.Reader.get_protocol_entry`."""
        with self._snapshot() as tx:
            return tx.get_protocol_entry(year, number)

    def get_document(self, sha256: str) -> StoredDocument:
        """See :meth:`coworkreg_core.storage.base.Reader.get_document`."""
        with self._snapshot() as tx:
            return tx.get_document(sha256)

    def list_outbox(
        self, *, status: OutboxStatus | None = None, limit: int = 100
    ) -> list[OutboxItem]:
        """See :meth:`coworkreg_core.storage.base.Reader.list_outbox`."""
        with self._snapshot() as tx:
            return tx.list_outbox(status=status, limit=limit)

    def claim_outbox(self, *, limit: int = 10, lease_seconds: float = 60.0) -> list[OutboxItem]:
        """See :meth:`coworkreg_core.storage.base.Storage.claim_outbox`."""
        lease_until = self._clock() + timedelta(seconds=lease_seconds)
        with self.transaction() as tx:
            return tx.claim_outbox(limit=limit, lease_until=lease_until)

    def mark_sent(self, item_id: int, reply: JSONDocument | None = None) -> OutboxItem:
        """See :meth:`coworkreg_core.storage.base.Storage.mark_sent`."""
        with self.transaction() as tx:
            return tx.mark_sent(item_id, reply)

    def mark_failed(
        self, item_id: int, error: str, *, next_attempt_at: datetime, max_attempts: int
    ) -> OutboxItem:
        """See :meth:`coworkreg_core.storage.base.Storage.mark_failed`."""
        with self.transaction() as tx:
            return tx.mark_failed(
                item_id, error, next_attempt_at=next_attempt_at, max_attempts=max_attempts
            )

    def retry_dead(self, item_ids: Sequence[int] | None = None) -> int:
        """See :meth:`coworkreg_core.storage.base.Storage.retry_dead`."""
        with self.transaction() as tx:
            return tx.retry_dead(item_ids)

"""The records a storage back end keeps, as frozen values.

JSON documents (a provider, a workflow instance, a history entry, an outbox
payload) are plain mappings: storage keeps them whole and never looks inside,
except for the few columns copied out of them for queries (state, deadline,
reviewer). Times are aware datetimes in UTC.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Literal

from attrs import field, frozen

JSONDocument = Mapping[str, Any]
"""A JSON object: what storage keeps whole and returns as it was given."""

ApplicationKind = Literal["new", "renewal", "variation"]
ListingState = Literal["listed", "suspended", "cancelled", "expired", "withdrawn"]
OutboxStatus = Literal["pending", "sent", "dead"]
Direction = Literal["in", "out"]

PROTOCOL_DIGITS = 7
"""DPR 445/2000 art. 57: the protocol number has at least seven digits."""


@frozen
class Application:
    """An application (new listing, renewal or variation) and its workflow instance.

    Build one with ``version=0`` and hand it to ``add_application``; the
    record returned carries ``version=1`` and the stored times. To change it,
    ``attrs.evolve`` the record you read and pass it to ``save_application``:
    the version you read is the one checked.
    """

    id: str
    town: str
    kind: ApplicationKind
    provider: JSONDocument
    workflow_id: str
    workflow_version: str
    state: str
    instance: JSONDocument
    listing_id: str | None = None
    deadline: date | None = None
    reviewer: str | None = None
    protocol_number: str | None = None
    version: int = 0
    created_at: datetime | None = field(default=None, eq=False)
    updated_at: datetime | None = field(default=None, eq=False)


@frozen
class Listing:
    """A provider's entry in the register, identified by its registration number."""

    registration_number: str
    application_id: str
    town: str
    public_data: JSONDocument
    valid_from: date
    valid_until: date | None = None
    state: ListingState = "listed"
    version: int = 0
    created_at: datetime | None = field(default=None, eq=False)
    updated_at: datetime | None = field(default=None, eq=False)

    def valid_on(self, day: date) -> bool:
        """Whether the listing is in force and published on ``day``."""
        return (
            self.state == "listed"
            and self.valid_from <= day
            and (self.valid_until is None or day <= self.valid_until)
        )


@frozen
class HistoryEntry:
    """One entry of an application's review history, as the workflow engine wrote it.

    ``seq`` counts from 1 per application. ``hash`` and ``previous_hash``
    chain the entries; the engine computes them, storage keeps them.
    """

    application_id: str
    seq: int
    entry: JSONDocument
    hash: str
    previous_hash: str | None
    recorded_at: datetime


@frozen
class ProtocolEntry:
    """A line of the protocol register (DPR 445/2000 art. 53), never changed once written."""

    year: int
    number: int
    registered_at: datetime
    direction: Direction
    correspondent: str
    subject: str
    document_sha256: str | None = None
    external_reference: str | None = None
    application_id: str | None = None

    @property
    def formatted(self) -> str:
        """The number with at least seven digits, e.g. ``0000042``."""
        return f"{self.number:0{PROTOCOL_DIGITS}d}"

    @property
    def reference(self) -> str:
        """Year and number, unique across years, e.g. ``2026-0000042``."""
        return f"{self.year}-{self.formatted}"


@frozen
class OutboxItem:
    """An effect to deliver after commit (a mail, a document to render).

    ``key`` is stable and unique: enqueuing the same key twice keeps one item,
    and channels use it as the message id so a resend is recognised.
    """

    id: int
    key: str
    channel: str
    payload: JSONDocument
    status: OutboxStatus
    attempts: int
    next_attempt_at: datetime
    created_at: datetime
    application_id: str | None = None
    last_error: str | None = None
    reply: JSONDocument | None = None
    sent_at: datetime | None = None


@frozen
class StoredDocument:
    """A document kept by its SHA-256."""

    sha256: str
    media_type: str
    content: bytes = field(repr=lambda c: f"<{len(c)} bytes>")

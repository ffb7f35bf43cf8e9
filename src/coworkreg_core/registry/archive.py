"""A channel that files official documents in the register's own archive.

A transition that issues a document (a receipt, a refusal...) queues it for
this channel as well as for the addressee: the rendered PDF/A is stored by
its SHA-256, so the office keeps exactly the bytes it sent.
"""

from __future__ import annotations

from datetime import UTC, datetime

from coworkreg_core.errors import DeliveryError
from coworkreg_core.notify import Message, Receipt
from coworkreg_core.storage.base import Storage

ARCHIVE = "archive"


class ArchiveChannel:
    """Store each attachment of a message in the storage's documents."""

    name = ARCHIVE

    def __init__(self, storage: Storage) -> None:
        self._storage = storage

    def send(self, message: Message) -> Receipt:
        """Store the attachments; the receipt lists their digests."""
        if not message.attachments:
            raise DeliveryError("nothing to archive: the message has no document", retryable=False)
        with self._storage.transaction() as tx:
            digests = [tx.put_document(a.content, a.media_type) for a in message.attachments]
        return Receipt(
            channel=self.name,
            message_id=message.message_id,
            accepted_at=datetime.now(UTC),
            server_reply="archived " + " ".join(f"sha256:{d}" for d in digests),
        )

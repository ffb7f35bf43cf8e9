"""Deliver the outbox after the commit: render, send, retry with growing delays, give up loudly.

A transition writes its effects into the outbox in the same transaction as
the new state (:meth:`~coworkreg_core.storage.base.Transaction.enqueue`).
:class:`Outbox` delivers them afterwards: it leases the items that are due,
turns each payload into a :class:`~coworkreg_core.notify.Message` (rendering
the official document it carries), hands it to the channel the item names,
and records the answer. A failure is retried after a growing delay; after
``max_attempts``, or at once if retrying cannot help, the item is *dead* and
waits for the office (``coworkreg outbox retry``).

Delivery is at least once: a process that dies after the channel accepted a
message but before the item was marked sent leaves the item to be leased
again. The Message-ID is derived from the item's stable key, so the second
attempt carries the same id and the channel recognises it (the maildir looks
in its folder, PEC keeps a ledger of ids it handed over) instead of sending a
second mail.

Payload of a mail item (plain JSON)::

    {"town": "seregno",
     "to": ["spaziocomune@pec.example.it"],
     "sender": "protocollo@pec.comune.seregno.mb.it",   # default: the town's PEC
     "document": {"kind": "receipt", "context": {...}, "lang": "it"},  # optional
     "subject": "...", "body": "..."}   # optional; else the pack's mail templates
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from attrs import field, frozen

from coworkreg_core.documents import DocumentRequest, checked_context, document_spec
from coworkreg_core.errors import (
    CoworkregError,
    DeliveryError,
    DocumentInvalid,
    NotFoundError,
    RenderError,
)
from coworkreg_core.notify import Attachment, Channel, Message, message_id_for
from coworkreg_core.render import Renderer, TownTemplates, render_text
from coworkreg_core.storage.base import Storage
from coworkreg_core.storage.records import OutboxItem
from coworkreg_core.towns import Towns

PDF = "application/pdf"


def _utc_now() -> datetime:
    return datetime.now(UTC)


@frozen
class RetryPolicy:
    """How long to wait after each failed attempt, and when to give up.

    >>> [RetryPolicy().delay(n).total_seconds() for n in (1, 2, 3)]
    [60.0, 300.0, 1500.0]
    """

    first_delay: timedelta = timedelta(minutes=1)
    factor: float = 5.0
    max_delay: timedelta = timedelta(hours=6)
    max_attempts: int = 8

    def delay(self, attempt: int) -> timedelta:
        """The wait after failed attempt number ``attempt`` (1-based)."""
        grown = self.first_delay * self.factor ** max(attempt - 1, 0)
        return min(grown, self.max_delay)


@frozen
class Outcome:
    """What happened to one item in a delivery round."""

    item_id: int
    key: str
    status: str
    """``sent``, ``pending`` (will be retried) or ``dead``."""
    detail: str


@frozen
class MessageComposer:
    """Turns an outbox payload into a message, rendering the document it carries."""

    towns: Towns
    renderers: Mapping[str, Renderer]
    domain: str = "coworkreg.invalid"
    """The right-hand side of every Message-ID."""
    _rendered: dict[str, Attachment] = field(factory=dict, init=False, eq=False, repr=False)
    """Documents already rendered by this composer: an official document goes to
    the addressee and to the archive, and rendering is deterministic, so once."""

    def compose(self, item: OutboxItem) -> Message:
        """The message for ``item``; the same item always gives the same message."""
        payload = item.payload
        town = str(payload["town"])
        templates = TownTemplates(self.towns, town)
        sender = payload.get("sender") or templates.town.pec
        if not sender:
            raise DeliveryError(
                f"no sender for town {town!r}: set 'pec' in its town.yaml", retryable=False
            )
        attachments: list[Attachment] = []
        context: dict[str, Any] = {}
        document = payload.get("document")
        if document is not None:
            request = DocumentRequest(
                kind=document["kind"],
                town=town,
                context=document.get("context", {}),
                lang=document.get("lang", "it"),
            )
            attachments.append(self._render(request, templates))
            context = checked_context(request.kind, request.context)
        subject = payload.get("subject") or render_text(templates, "mail/subject.txt", context)
        body = payload.get("body") or render_text(templates, "mail/body.txt", context)
        return Message(
            message_id=message_id_for(item.key, self.domain),
            sender=str(sender),
            to=tuple(payload["to"]),
            subject=subject.strip(),
            body=body,
            attachments=tuple(attachments),
        )

    def _render(self, request: DocumentRequest, templates: TownTemplates) -> Attachment:
        key = json.dumps(
            [request.town, request.kind, request.lang, request.context], sort_keys=True, default=str
        )
        if key not in self._rendered:
            self._rendered[key] = self._render_once(request, templates)
        return self._rendered[key]

    def _render_once(self, request: DocumentRequest, templates: TownTemplates) -> Attachment:
        renderer = self.renderers.get(PDF)
        if renderer is None:
            raise DeliveryError("no renderer for application/pdf is installed", retryable=False)
        spec = document_spec(request.kind)
        content = renderer.render(
            spec.template,
            checked_context(request.kind, request.context),
            templates=templates,
            lang=request.lang,
        )
        number = str(request.context.get("protocol", {}).get("number", "")).replace("/", "-")
        name = f"{request.kind}-{number}.pdf" if number else f"{request.kind}.pdf"
        return Attachment(name, PDF, content)


class Outbox:
    """Delivers due outbox items of ``storage`` through ``channels``."""

    def __init__(
        self,
        storage: Storage,
        channels: Mapping[str, Channel],
        compose: Callable[[OutboxItem], Message],
        *,
        policy: RetryPolicy | None = None,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.storage = storage
        self.channels = channels
        self.compose = compose
        self.policy = policy or RetryPolicy()
        self._clock = clock

    def deliver_due(self, *, limit: int = 50, lease_seconds: float = 300.0) -> list[Outcome]:
        """Lease up to ``limit`` due items and try each once; what happened to each."""
        items = self.storage.claim_outbox(limit=limit, lease_seconds=lease_seconds)
        return [self.deliver(item) for item in items]

    def deliver(self, item: OutboxItem) -> Outcome:
        """Send one leased item and record the result; never raises for a delivery fault."""
        channel = self.channels.get(item.channel)
        try:
            if channel is None:
                known = ", ".join(sorted(self.channels)) or "none"
                raise DeliveryError(f"no channel {item.channel!r} (configured: {known})")
            receipt = channel.send(self.compose(item))
        except DeliveryError as exc:
            return self._failed(item, exc.reason, retryable=exc.retryable)
        except (DocumentInvalid, RenderError, NotFoundError, KeyError, ValueError) as exc:
            # Broken data or templates: retrying the same input cannot help.
            return self._failed(item, f"{type(exc).__name__}: {exc}", retryable=False)
        except CoworkregError as exc:
            return self._failed(item, f"{type(exc).__name__}: {exc}", retryable=True)
        self.storage.mark_sent(
            item.id,
            {
                "channel": receipt.channel,
                "message_id": receipt.message_id,
                "accepted_at": receipt.accepted_at.isoformat(),
                "server_reply": receipt.server_reply,
                "attempt": item.attempts,
            },
        )
        return Outcome(item.id, item.key, "sent", receipt.server_reply)

    def _failed(self, item: OutboxItem, reason: str, *, retryable: bool) -> Outcome:
        # A fault that retrying cannot mend uses up the attempts at once.
        max_attempts = self.policy.max_attempts if retryable else item.attempts
        stored = self.storage.mark_failed(
            item.id,
            reason,
            next_attempt_at=self._clock() + self.policy.delay(item.attempts),
            max_attempts=max_attempts,
        )
        return Outcome(item.id, item.key, stored.status, reason)

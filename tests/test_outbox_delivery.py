"""Delivering the outbox: once when it works, later when it does not, dead when it cannot."""

from __future__ import annotations

import mailbox
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from coworkreg_core.channels.maildir import MaildirChannel
from coworkreg_core.documents import DOCUMENTS
from coworkreg_core.errors import DeliveryError
from coworkreg_core.i18n import Lang
from coworkreg_core.notify import Message, Receipt
from coworkreg_core.outbox import MessageComposer, Outbox, RetryPolicy
from coworkreg_core.plugins import get_plugin_manager
from coworkreg_core.render import HtmlRenderer, TownTemplates
from coworkreg_core.storage import Storage, open_storage
from coworkreg_core.towns import TownPack, Towns

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand, shared by the storage and the outbox."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class HtmlAsPdf:
    """Stands in for the PDF renderer so the core's tests need no WeasyPrint."""

    media_type = "application/pdf"

    def render(
        self,
        template_name: str,
        context: Any,
        *,
        templates: TownTemplates,
        lang: Lang = "it",
    ) -> bytes:
        return HtmlRenderer().render(template_name, context, templates=templates, lang=lang)


class Broken:
    """A channel whose server keeps failing the same way."""

    name = "pec"

    def __init__(self, *, retryable: bool) -> None:
        self.retryable = retryable
        self.calls = 0

    def send(self, message: Message) -> Receipt:
        self.calls += 1
        raise DeliveryError("421 try again later", retryable=self.retryable)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def storage(tmp_path: Path, clock: Clock) -> Iterator[Storage]:
    with open_storage(f"sqlite:///{tmp_path}/register.db", config={"clock": clock}) as opened:
        yield opened


@pytest.fixture
def composer(tmp_path: Path) -> MessageComposer:
    towns = Towns.from_plugins(get_plugin_manager())
    return MessageComposer(towns, {"application/pdf": HtmlAsPdf()}, domain="seregno.test")


def enqueue(
    storage: Storage, key: str = "app-1/receipt", channel: str = "maildir", **payload: Any
) -> None:
    document = {"kind": "receipt", "context": DOCUMENTS["receipt"].example_context()}
    body: dict[str, Any] = {
        "town": "seregno",
        "to": ["spaziocomune@pec.example.it"],
        "sender": "protocollo@pec.comune.seregno.mb.it",
        "document": document,
    }
    body.update(payload)
    with storage.transaction() as tx:
        tx.enqueue(channel, body, key=key)


def outbox(storage: Storage, clock: Clock, composer: MessageComposer, channel: Any) -> Outbox:
    policy = RetryPolicy(first_delay=timedelta(minutes=1), factor=5, max_attempts=3)
    return Outbox(storage, {channel.name: channel}, composer.compose, policy=policy, clock=clock)


class TestDelivery:
    def test_an_item_is_sent_once_with_its_document(
        self, storage: Storage, clock: Clock, composer: MessageComposer, tmp_path: Path
    ) -> None:
        """The mail lands with the rendered receipt; the item is sent and not leased again."""
        maildir = MaildirChannel(tmp_path / "mail", clock=clock)
        enqueue(storage)
        (outcome,) = outbox(storage, clock, composer, maildir).deliver_due()
        assert outcome.status == "sent"
        assert outbox(storage, clock, composer, maildir).deliver_due() == []
        (mail,) = list(mailbox.Maildir(tmp_path / "mail"))
        assert mail["Message-ID"] == "<app-1-receipt@seregno.test>"
        assert "Ricevuta" in mail["Subject"]
        (sent,) = storage.list_outbox(status="sent")
        assert sent.reply is not None
        assert sent.reply["message_id"] == "<app-1-receipt@seregno.test>"
        assert sent.reply["server_reply"].startswith("stored as ")

    def test_the_same_item_always_composes_the_same_message(
        self, storage: Storage, composer: MessageComposer
    ) -> None:
        """Message-ID, subject, body and attachment bytes do not depend on when."""
        enqueue(storage)
        (item,) = storage.list_outbox()
        first, second = composer.compose(item), composer.compose(item)
        assert first == second
        (attachment,) = first.attachments
        assert attachment.name == "receipt-0012345-2026.pdf"
        assert b"0011111/2026" in attachment.content

    def test_a_crash_between_sending_and_marking_sends_nothing_twice(
        self, storage: Storage, clock: Clock, composer: MessageComposer, tmp_path: Path
    ) -> None:
        """The channel took the message, the process died; the lease runs out, one mail stays."""
        maildir = MaildirChannel(tmp_path / "mail", clock=clock)
        enqueue(storage)
        (leased,) = storage.claim_outbox(lease_seconds=60)
        maildir.send(composer.compose(leased))  # ...and the process dies here
        clock.advance(seconds=61)
        (outcome,) = outbox(storage, clock, composer, maildir).deliver_due()
        assert outcome.status == "sent"
        assert outcome.detail.startswith("already stored as ")
        assert len(mailbox.Maildir(tmp_path / "mail")) == 1
        (sent,) = storage.list_outbox(status="sent")
        assert sent.attempts == 2


class TestRetries:
    def test_delays_grow_and_the_item_dies_after_the_last_attempt(
        self, storage: Storage, clock: Clock, composer: MessageComposer
    ) -> None:
        """1 minute, then 5, then dead after the third attempt, with the reason kept."""
        broken = Broken(retryable=True)
        box = outbox(storage, clock, composer, broken)
        enqueue(storage, channel="pec")
        (first,) = box.deliver_due()
        assert first.status == "pending"
        (item,) = storage.list_outbox()
        assert item.next_attempt_at == START + timedelta(minutes=1)
        assert item.last_error == "421 try again later"

        clock.advance(seconds=59)
        assert box.deliver_due() == []
        clock.advance(seconds=1)
        (second,) = box.deliver_due()
        assert second.status == "pending"
        (item,) = storage.list_outbox()
        assert item.next_attempt_at == clock.now + timedelta(minutes=5)

        clock.advance(minutes=5)
        (third,) = box.deliver_due()
        assert third.status == "dead"
        assert broken.calls == 3
        clock.advance(days=30)
        assert box.deliver_due() == []

    def test_a_fault_that_retrying_cannot_mend_dies_at_once(
        self, storage: Storage, clock: Clock, composer: MessageComposer
    ) -> None:
        """retryable=False uses up the attempts on the first failure."""
        enqueue(storage, channel="pec")
        (outcome,) = outbox(storage, clock, composer, Broken(retryable=False)).deliver_due()
        assert outcome.status == "dead"

    def test_broken_document_data_is_dead_with_the_missing_field(
        self, storage: Storage, clock: Clock, composer: MessageComposer, tmp_path: Path
    ) -> None:
        """A context without its protocol cannot render however often it is tried."""
        context = DOCUMENTS["receipt"].example_context()
        del context["protocol"]
        enqueue(storage, document={"kind": "receipt", "context": context})
        maildir = MaildirChannel(tmp_path / "mail")
        (outcome,) = outbox(storage, clock, composer, maildir).deliver_due()
        assert outcome.status == "dead"
        assert "/protocol" in outcome.detail

    def test_an_unknown_channel_waits_for_configuration(
        self, storage: Storage, clock: Clock, composer: MessageComposer, tmp_path: Path
    ) -> None:
        """An item for a channel nobody configured stays pending, naming what exists."""
        enqueue(storage, channel="fax")
        maildir = MaildirChannel(tmp_path / "mail")
        (outcome,) = outbox(storage, clock, composer, maildir).deliver_due()
        assert outcome.status == "pending"
        assert "no channel 'fax' (configured: maildir)" in outcome.detail

    def test_a_dead_item_put_back_by_the_office_goes_out(
        self, storage: Storage, clock: Clock, composer: MessageComposer, tmp_path: Path
    ) -> None:
        """After the cause is fixed, retry_dead makes it due and the next round sends it."""
        enqueue(storage, channel="pec")
        outbox(storage, clock, composer, Broken(retryable=False)).deliver_due()
        assert storage.retry_dead() == 1
        maildir = MaildirChannel(tmp_path / "mail", name="pec")
        (outcome,) = outbox(storage, clock, composer, maildir).deliver_due()
        assert outcome.status == "sent"


class TestComposer:
    def test_a_town_without_pec_and_no_sender_cannot_send(
        self, storage: Storage, tmp_path: Path, composer: MessageComposer
    ) -> None:
        """The sender must come from the payload or the town's PEC address."""
        enqueue(storage, sender=None)
        (item,) = storage.list_outbox()
        with pytest.raises(DeliveryError, match="no sender") as caught:
            composer.compose(item)
        assert not caught.value.retryable

    def test_the_towns_pec_is_the_default_sender(
        self, storage: Storage, tmp_path: Path, composer: MessageComposer
    ) -> None:
        """A town pack with a PEC address signs its mail with it."""
        (tmp_path / "pack").mkdir()
        (tmp_path / "pack" / "town.yaml").write_text(
            "id: meda\nname: Comune di Meda\nistat_code: '108031'\nextends: seregno\n"
            "pec: protocollo@pec.comune.meda.mb.it\n"
        )
        towns = Towns(
            [*composer.towns.as_mapping().values(), TownPack.from_directory(tmp_path / "pack")]
        )
        meda = MessageComposer(towns, composer.renderers, domain="meda.test")
        enqueue(storage, town="meda", sender=None)
        (item,) = storage.list_outbox()
        message = meda.compose(item)
        assert message.sender == "protocollo@pec.comune.meda.mb.it"
        assert "Comune di Meda" in message.subject

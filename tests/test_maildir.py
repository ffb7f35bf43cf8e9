"""The maildir channel: local delivery for development and the demo."""

from __future__ import annotations

import mailbox
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from coworkreg_core.channels.maildir import MaildirChannel, coworkreg_notification_channels
from coworkreg_core.errors import DeliveryError
from coworkreg_core.notify import Attachment, Message

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 fake but binary"
WHEN = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def message(key: str = "7") -> Message:
    return Message(
        message_id=f"<outbox-{key}@seregno.coworkreg.invalid>",
        sender="protocollo@pec.comune.seregno.mb.it",
        to=("cowork@pec.example.it",),
        subject="Ricevuta",
        body="In allegato la ricevuta.",
        attachments=(Attachment("ricevuta.pdf", "application/pdf", PDF),),
    )


class TestMaildirChannel:
    def test_delivers_one_readable_mail_with_its_attachment(self, tmp_path: Path) -> None:
        """The mail lands in new/ and parses back with the exact PDF."""
        channel = MaildirChannel(tmp_path / "mail", clock=lambda: WHEN)
        receipt = channel.send(message())
        assert receipt.channel == "maildir"
        assert receipt.message_id == "<outbox-7@seregno.coworkreg.invalid>"
        assert receipt.accepted_at == WHEN
        assert receipt.server_reply.startswith("stored as ")
        (stored,) = list((tmp_path / "mail" / "new").iterdir())
        parsed = message_from_bytes(stored.read_bytes(), policy=policy.default)
        (attachment,) = list(parsed.iter_attachments())
        assert attachment.get_content() == PDF

    def test_sending_the_same_message_id_twice_stores_one_mail(self, tmp_path: Path) -> None:
        """A repeat after a crash is acknowledged but not stored again."""
        channel = MaildirChannel(tmp_path)
        first = channel.send(message())
        second = channel.send(message())
        assert len(mailbox.Maildir(tmp_path)) == 1
        assert second.server_reply == "already stored as " + first.server_reply.split()[-1]

    def test_different_messages_are_all_stored(self, tmp_path: Path) -> None:
        """Idempotency is by Message-ID, not by content."""
        channel = MaildirChannel(tmp_path)
        for key in ("1", "2", "3"):
            channel.send(message(key))
        assert sorted(channel.message_ids()) == [
            f"<outbox-{k}@seregno.coworkreg.invalid>" for k in ("1", "2", "3")
        ]

    def test_an_unwritable_folder_is_a_retryable_delivery_error(self, tmp_path: Path) -> None:
        """A file where the folder should be makes DeliveryError, not an OSError."""
        blocker = tmp_path / "blocked"
        blocker.write_text("not a folder")
        with pytest.raises(DeliveryError) as caught:
            MaildirChannel(blocker / "mail").send(message())
        assert caught.value.retryable
        assert "blocked" in caught.value.reason


class TestHook:
    def test_no_maildir_setting_gives_no_channel(self) -> None:
        """Without configuration the channel stays off."""
        assert coworkreg_notification_channels({}) == []

    def test_a_path_setting_gives_a_channel(self, tmp_path: Path) -> None:
        """``maildir: {path: ...}`` turns the channel on."""
        (channel,) = coworkreg_notification_channels({"maildir": {"path": str(tmp_path)}})
        assert channel.name == "maildir"

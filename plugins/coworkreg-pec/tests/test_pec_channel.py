"""The PEC channel against a real SMTP server with TLS on loopback."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest

from coworkreg_core.errors import DeliveryError, PluginError
from coworkreg_core.notify import Attachment, Message
from coworkreg_core.plugins import get_plugin_manager
from coworkreg_pec import PecChannel, PecSettings, coworkreg_notification_channels
from coworkreg_pec.testing import PASSWORD, USER, Authority, SmtpServer, free_port

PDF = bytes(range(256)) * 40 + b"\r\n.\r\n%%EOF\n"  # every byte value, and an SMTP end marker
WHEN = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def message(key: str = "1") -> Message:
    return Message(
        message_id=f"<outbox-{key}@seregno.coworkreg.invalid>",
        sender=USER,
        to=("spaziocomune@pec.example.it", "legale@pec.example.it"),
        subject="Comune di Seregno – Ricevuta – prot. n. 0012345/2026",
        body="Si trasmette in allegato la ricevuta.\n.\nRiga dopo un punto da solo.",
        attachments=(Attachment("ricevuta.pdf", "application/pdf", PDF),),
    )


def channel(server: SmtpServer, authority: Authority, **changes: Any) -> PecChannel:
    settings: dict[str, Any] = {
        "host": "127.0.0.1",
        "port": server.port,
        "security": server.security,
        "username": USER,
        "password": PASSWORD,
        "ca_bundle": str(authority.ca_file),
        "timeout": 5.0,
    }
    settings.update(changes)
    return PecChannel(PecSettings(**settings), clock=lambda: WHEN)


class TestDelivery:
    def test_the_message_arrives_with_its_attachment_intact(
        self, server: SmtpServer, trusted: Authority
    ) -> None:
        """Headers, body and the PDF's exact bytes reach the server, over TLS."""
        channel(server, trusted).send(message())
        (raw,) = server.mailbox.messages
        parsed = message_from_bytes(raw, policy=policy.default)
        assert parsed["Message-ID"] == "<outbox-1@seregno.coworkreg.invalid>"
        assert parsed["Subject"] == "Comune di Seregno – Ricevuta – prot. n. 0012345/2026"
        body = parsed.get_body(preferencelist=("plain",))
        assert body is not None
        assert "\n.\nRiga dopo un punto da solo." in body.get_content().replace("\r\n", "\n")
        (attachment,) = list(parsed.iter_attachments())
        assert attachment.get_filename() == "ricevuta.pdf"
        assert attachment.get_content() == PDF
        assert server.mailbox.envelopes == [
            (USER, ["spaziocomune@pec.example.it", "legale@pec.example.it"])
        ]

    def test_the_receipt_keeps_the_servers_reply(
        self, server: SmtpServer, trusted: Authority
    ) -> None:
        """The reply to DATA, with the server's queue id, is in the receipt."""
        receipt = channel(server, trusted).send(message())
        assert receipt.server_reply == "250 2.0.0 Ok: queued as PEC0001"
        assert receipt.channel == "pec"
        assert receipt.message_id == "<outbox-1@seregno.coworkreg.invalid>"
        assert receipt.accepted_at == WHEN


class TestFaults:
    def test_a_certificate_from_an_unknown_ca_is_refused(
        self, trusted: Authority, stranger: Authority
    ) -> None:
        """The server's certificate must chain to the configured CA bundle."""
        impostor = SmtpServer(stranger, "tls")
        impostor.start()
        try:
            with pytest.raises(DeliveryError) as caught:
                channel(impostor, trusted).send(message())
        finally:
            impostor.stop()
        assert "bad certificate" in caught.value.reason
        assert caught.value.retryable
        assert impostor.mailbox.messages == []

    def test_a_certificate_for_another_name_is_refused(
        self, server: SmtpServer, trusted: Authority
    ) -> None:
        """The certificate names 127.0.0.1 and localhost; another name fails the check."""
        chan = channel(server, trusted, host="127.0.0.2")
        with pytest.raises(DeliveryError) as caught:
            chan.send(message())
        assert caught.value.retryable
        assert server.mailbox.messages == []

    def test_a_refused_login_is_retryable(self, server: SmtpServer, trusted: Authority) -> None:
        """A wrong password keeps the message for later, with the reason."""
        with pytest.raises(DeliveryError) as caught:
            channel(server, trusted, password="wrong").send(message())
        assert "login refused" in caught.value.reason
        assert "535" in caught.value.reason
        assert caught.value.retryable
        assert server.mailbox.messages == []

    def test_a_server_that_is_down_is_retryable(self, trusted: Authority, tmp_path: Path) -> None:
        """Nothing listening on the port: cannot reach, try again later."""
        down = SmtpServer(trusted, "tls")  # never started
        with pytest.raises(DeliveryError) as caught:
            channel(down, trusted).send(message())
        assert "cannot reach" in caught.value.reason
        assert caught.value.retryable

    def test_a_permanently_refused_recipient_is_not_retryable(
        self, server: SmtpServer, trusted: Authority
    ) -> None:
        """A 5xx answer to RCPT will not change by retrying."""
        server.mailbox.refuse_recipients = True
        with pytest.raises(DeliveryError) as caught:
            channel(server, trusted).send(message())
        assert not caught.value.retryable
        assert "550" in caught.value.reason


class TestLedger:
    def test_a_message_id_already_handed_over_is_not_sent_again(
        self, server: SmtpServer, trusted: Authority, tmp_path: Path
    ) -> None:
        """After a crash before 'sent' was stored, the retry returns the first receipt."""
        log = tmp_path / "pec-sent.jsonl"
        first = channel(server, trusted, sent_log=log).send(message())
        again = channel(server, trusted, sent_log=log).send(message())
        assert len(server.mailbox.messages) == 1
        assert again == first

    def test_other_message_ids_still_go_out(
        self, server: SmtpServer, trusted: Authority, tmp_path: Path
    ) -> None:
        """The ledger is keyed by Message-ID, not by recipient or content."""
        chan = channel(server, trusted, sent_log=tmp_path / "log.jsonl")
        chan.send(message("1"))
        chan.send(message("2"))
        assert len(server.mailbox.messages) == 2

    def test_a_line_cut_short_by_a_crash_is_skipped(self, tmp_path: Path) -> None:
        """A torn last line does not stop the ledger from answering."""
        from coworkreg_pec import SentLedger

        log = tmp_path / "log.jsonl"
        log.write_text('{"message_id": "<a@b>", "chan')
        assert SentLedger(log).get("<a@b>") is None


class TestConfiguration:
    def test_no_pec_section_gives_no_channel(self) -> None:
        """The plugin stays quiet when not configured."""
        assert coworkreg_notification_channels({}) == []

    def test_the_hook_builds_a_channel_from_config(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Through the entry point, a pec section gives a pec channel reading its password."""
        monkeypatch.setenv("TEST_PEC_PASSWORD", PASSWORD)
        pm = get_plugin_manager()
        config = {"pec": {"host": "smtps.pec.example.it", "password_env": "TEST_PEC_PASSWORD"}}
        channels = [c for cs in pm.hook.coworkreg_notification_channels(config=config) for c in cs]
        (pec,) = [c for c in channels if c.name == "pec"]
        assert isinstance(pec, PecChannel)
        assert pec.settings.port == 465
        assert pec.settings.password == PASSWORD
        assert PASSWORD not in repr(pec.settings)

    @pytest.mark.parametrize(
        ("section", "complaint"),
        [
            ({"port": 465}, "host"),
            ({"host": "h", "security": "ssl"}, "security"),
            ({"host": "h", "password_env": "SURELY_NOT_SET_ANYWHERE"}, "SURELY_NOT_SET"),
        ],
    )
    def test_bad_settings_are_reported(self, section: dict[str, Any], complaint: str) -> None:
        """Missing host, an unknown security mode, an unset password variable."""
        with pytest.raises(PluginError, match=complaint):
            PecSettings.from_config(section)

    def test_starttls_defaults_to_port_587(self) -> None:
        """Submission with STARTTLS uses the submission port."""
        assert PecSettings.from_config({"host": "h", "security": "starttls"}).port == 587


def test_free_port_is_free() -> None:
    """The helper hands out a port nobody listens on."""
    assert free_port() > 0

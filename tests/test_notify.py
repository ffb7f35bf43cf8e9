"""Messages, receipts and the shared e-mail builder."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes, policy

import pluggy
import pytest

from coworkreg_core.errors import PluginError, UnsafeHeaderValue
from coworkreg_core.hookspecs import hookimpl
from coworkreg_core.mail import build_email
from coworkreg_core.notify import (
    Attachment,
    Channel,
    Message,
    Receipt,
    channels_from_plugins,
    message_id_for,
)
from coworkreg_core.plugins import get_plugin_manager

PDF = b"%PDF-1.7\n\x00\xff binary \r\n body"
WHEN = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def make_message(**changes: object) -> Message:
    fields: dict[str, object] = {
        "message_id": "<outbox-7@seregno.coworkreg.invalid>",
        "sender": "protocollo@pec.comune.seregno.mb.it",
        "to": ("cowork@pec.example.it",),
        "subject": "Ricevuta domanda n. 0001234/2026",
        "body": "Si trasmette la ricevuta. Perché è così.",
        "attachments": (Attachment("ricevuta.pdf", "application/pdf", PDF),),
    }
    fields.update(changes)
    return Message(**fields)  # type: ignore[arg-type]


class TestMessage:
    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("subject", "Ricevuta\r\nBcc: victim@example.it"),
            ("subject", "Ricevuta\nX-Injected: 1"),
            ("sender", "a@b.it\nBcc: c@d.it"),
            ("to", ("a@b.it\r\nBcc: c@d.it",)),
        ],
    )
    def test_header_values_with_line_breaks_are_refused(self, field: str, value: object) -> None:
        """A CR or LF in any header value raises UnsafeHeaderValue naming the header."""
        with pytest.raises(UnsafeHeaderValue) as caught:
            make_message(**{field: value})
        assert caught.value.header == field

    def test_body_may_have_line_breaks(self) -> None:
        """Only headers are guarded; the body is free text."""
        assert make_message(body="riga 1\nriga 2").body == "riga 1\nriga 2"

    @pytest.mark.parametrize("bad", ["outbox-7", "<no-at-sign>", "<a@b> trailing", ""])
    def test_message_id_must_be_angle_bracketed(self, bad: str) -> None:
        """The idempotency key must be a well-formed Message-ID."""
        with pytest.raises(ValueError, match="message_id"):
            make_message(message_id=bad)

    @pytest.mark.parametrize("name", ["../etc/passwd", "a/b.pdf", "x\ny.pdf", ""])
    def test_attachment_names_are_bare_file_names(self, name: str) -> None:
        """An attachment name cannot carry a path or a header break."""
        with pytest.raises(ValueError):  # noqa: PT011 - UnsafeHeaderValue is a ValueError too
            Attachment(name, "application/pdf", PDF)

    def test_recipients_are_required(self) -> None:
        """A message goes to at least one address."""
        with pytest.raises(ValueError, match="to"):
            make_message(to=())


class TestMessageIdFor:
    def test_is_stable_and_sanitised(self) -> None:
        """The same key gives the same id; unsafe characters become dashes."""
        first = message_id_for("outbox 12/receipt", "seregno.coworkreg.invalid")
        assert first == message_id_for("outbox 12/receipt", "seregno.coworkreg.invalid")
        assert first == "<outbox-12-receipt@seregno.coworkreg.invalid>"

    def test_a_bad_domain_is_refused(self) -> None:
        """A domain with spaces or brackets cannot make a valid id."""
        with pytest.raises(ValueError, match="Message-ID"):
            message_id_for("k", "bad domain>")


class TestBuildEmail:
    def test_headers_body_and_attachment_survive_a_round_trip(self) -> None:
        """Parsed back, the e-mail has the same id, subject, text and exact PDF bytes."""
        raw = build_email(make_message(), date=WHEN).as_bytes()
        parsed = message_from_bytes(raw, policy=policy.default)
        assert parsed["Message-ID"] == "<outbox-7@seregno.coworkreg.invalid>"
        assert parsed["Subject"] == "Ricevuta domanda n. 0001234/2026"
        assert parsed["Date"] == "Mon, 02 Mar 2026 09:30:00 +0000"
        body = parsed.get_body(preferencelist=("plain",))
        assert body is not None
        assert "Perché è così." in body.get_content()
        (attachment,) = list(parsed.iter_attachments())
        assert attachment.get_filename() == "ricevuta.pdf"
        assert attachment.get_content_type() == "application/pdf"
        assert attachment.get_content() == PDF

    def test_the_same_message_and_date_give_the_same_bytes(self) -> None:
        """Building is deterministic, so a resent mail is byte-identical."""
        assert (
            build_email(make_message(), date=WHEN).as_bytes()
            == build_email(make_message(), date=WHEN).as_bytes()
        )

    def test_a_naive_date_is_refused(self) -> None:
        """A Date header without a zone would be ambiguous."""
        with pytest.raises(ValueError, match="aware"):
            build_email(make_message(), date=datetime(2026, 3, 2, 9, 30))


class _FakeChannel:
    def __init__(self, name: str) -> None:
        self.name = name

    def send(self, message: Message) -> Receipt:
        return Receipt(self.name, message.message_id, WHEN, "250 ok")


def _manager(*plugins: object) -> pluggy.PluginManager:
    return get_plugin_manager(load_entrypoints=False, plugins=plugins)


class TestChannelsFromPlugins:
    def test_channels_are_collected_by_name(self) -> None:
        """Each plugin's channels are found by their names and satisfy the protocol."""

        class Plugin:
            @hookimpl
            def coworkreg_notification_channels(self, config: dict[str, str]) -> list[_FakeChannel]:
                return [_FakeChannel(config["name"])]

        channels = channels_from_plugins(_manager(Plugin()), {"name": "pec"})
        assert list(channels) == ["pec"]
        assert isinstance(channels["pec"], Channel)

    def test_two_channels_with_one_name_are_an_error(self) -> None:
        """A duplicate name is refused rather than picking one silently."""

        class One:
            @hookimpl
            def coworkreg_notification_channels(self) -> list[_FakeChannel]:
                return [_FakeChannel("pec")]

        class Two:
            @hookimpl
            def coworkreg_notification_channels(self) -> list[_FakeChannel]:
                return [_FakeChannel("pec")]

        with pytest.raises(PluginError, match="pec"):
            channels_from_plugins(_manager(One(), Two()), {})

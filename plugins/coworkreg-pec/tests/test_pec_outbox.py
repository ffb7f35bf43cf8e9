"""Through the outbox: a PEC server that is down, then up, gets each message exactly once."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest

from coworkreg_core.documents import DOCUMENTS
from coworkreg_core.outbox import MessageComposer, Outbox, RetryPolicy
from coworkreg_core.plugins import get_plugin_manager
from coworkreg_core.render import renderers_from_plugins
from coworkreg_core.storage import Storage, open_storage
from coworkreg_core.towns import Towns
from coworkreg_pec import PecChannel, PecSettings
from coworkreg_pec.testing import PASSWORD, USER, Authority, SmtpServer


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def storage(tmp_path: Path, clock: Clock) -> Iterator[Storage]:
    with open_storage(f"sqlite:///{tmp_path}/register.db", config={"clock": clock}) as opened:
        yield opened


def pec_outbox(
    storage: Storage, clock: Clock, server: SmtpServer, ca: Authority, tmp_path: Path
) -> Outbox:
    pm = get_plugin_manager()
    settings = PecSettings(
        host="127.0.0.1",
        port=server.port,
        security="tls" if server.security == "tls" else "starttls",
        username=USER,
        password=PASSWORD,
        ca_bundle=str(ca.ca_file),
        timeout=5.0,
        sent_log=tmp_path / "pec-sent.jsonl",
    )
    composer = MessageComposer(Towns.from_plugins(pm), renderers_from_plugins(pm), domain="t.it")
    return Outbox(
        storage,
        {"pec": PecChannel(settings, clock=clock)},
        composer.compose,
        policy=RetryPolicy(first_delay=timedelta(minutes=1)),
        clock=clock,
    )


def enqueue(storage: Storage, key: str, **payload: Any) -> None:
    body = {
        "town": "seregno",
        "to": ["spaziocomune@pec.example.it"],
        "sender": USER,
        "subject": f"Comunicazione {key}",
        "body": "Testo della comunicazione.",
        **payload,
    }
    with storage.transaction() as tx:
        tx.enqueue("pec", body, key=key)


def test_down_then_up_delivers_each_message_exactly_once(
    storage: Storage, clock: Clock, trusted: Authority, tmp_path: Path
) -> None:
    """While the server is down items wait with the reason; once up, one mail each."""
    server = SmtpServer(trusted, "tls")
    outbox = pec_outbox(storage, clock, server, trusted, tmp_path)
    enqueue(storage, "a")
    enqueue(storage, "b")

    down = outbox.deliver_due()
    assert [o.status for o in down] == ["pending", "pending"]
    assert all("cannot reach" in o.detail for o in down)
    assert all("cannot reach" in (i.last_error or "") for i in storage.list_outbox())

    server.start()
    try:
        assert outbox.deliver_due() == []  # not due yet: the delay is respected
        clock.now += timedelta(minutes=1)
        up = outbox.deliver_due()
        clock.now += timedelta(days=1)
        again = outbox.deliver_due()
    finally:
        server.stop()
    assert [o.status for o in up] == ["sent", "sent"]
    assert again == []
    ids = sorted(
        message_from_bytes(raw, policy=policy.default)["Message-ID"]
        for raw in server.mailbox.messages
    )
    assert ids == ["<a@t.it>", "<b@t.it>"]
    assert {i.status for i in storage.list_outbox()} == {"sent"}


def test_a_bad_certificate_keeps_the_message_until_the_server_is_fixed(
    storage: Storage, clock: Clock, trusted: Authority, stranger: Authority, tmp_path: Path
) -> None:
    """An impostor's certificate gets nothing; the real server later gets the one mail."""
    impostor = SmtpServer(stranger, "tls")
    impostor.start()
    try:
        outbox = pec_outbox(storage, clock, impostor, trusted, tmp_path)
        enqueue(storage, "c")
        (outcome,) = outbox.deliver_due()
    finally:
        impostor.stop()
    assert outcome.status == "pending"
    assert "bad certificate" in outcome.detail
    assert impostor.mailbox.messages == []

    fixed = SmtpServer(trusted, "tls", port=impostor.port)
    fixed.start()
    try:
        clock.now += timedelta(minutes=1)
        (outcome,) = outbox.deliver_due()
    finally:
        fixed.stop()
    assert outcome.status == "sent"
    assert len(fixed.mailbox.messages) == 1


def test_a_receipt_goes_out_as_pdfa_attached_to_the_pec(
    storage: Storage, clock: Clock, trusted: Authority, tmp_path: Path
) -> None:
    """End to end: the outbox renders the receipt, PEC carries it, the PDF arrives whole."""
    pytest.importorskip("coworkreg_weasyprint")
    pypdf = pytest.importorskip("pypdf")
    server = SmtpServer(trusted, "starttls")
    server.start()
    try:
        outbox = pec_outbox(storage, clock, server, trusted, tmp_path)
        context = DOCUMENTS["receipt"].example_context()
        document = {"kind": "receipt", "context": context}
        enqueue(storage, "app-1/receipt", subject=None, body=None, document=document)
        (outcome,) = outbox.deliver_due()
    finally:
        server.stop()
    assert outcome.status == "sent"
    (raw,) = server.mailbox.messages
    parsed = message_from_bytes(raw, policy=policy.default)
    assert "prot. n. 0012345/2026" in parsed["Subject"]
    (attachment,) = list(parsed.iter_attachments())
    pdf = attachment.get_content()
    assert pdf.startswith(b"%PDF-")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "0011111/2026" in text

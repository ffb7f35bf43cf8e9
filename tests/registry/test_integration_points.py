"""What an embedding application relies on: conflicts, the after-transition hook, delivery."""

from __future__ import annotations

import email
from pathlib import Path

import pytest

from coworkreg_core import hookimpl
from coworkreg_core.errors import ConflictError
from coworkreg_core.plugins import get_plugin_manager
from coworkreg_core.registry import Registry

from .conftest import MANAGER, REVIEWER, applicant_of, at, example


class Recorder:
    """A plugin that keeps every committed transition it hears of."""

    def __init__(self) -> None:
        self.events = []

    @hookimpl
    def coworkreg_after_transition(self, event):
        self.events.append((event.transition, event.previous_state, event.application.state))


class Broken:
    """A plugin whose hook fails: the transition must stand anyway."""

    @hookimpl
    def coworkreg_after_transition(self, event):
        raise RuntimeError("integration down")


def open_with(tmp_path: Path, *plugins) -> Registry:
    pm = get_plugin_manager(plugins=plugins)
    config = {
        "sender": "protocollo@pec.comune.seregno.example",
        "maildir": {"path": str(tmp_path / "mail"), "name": "pec"},
    }
    return Registry.open(f"sqlite:///{tmp_path / 'r.db'}", "seregno", pm=pm, config=config)


class TestConcurrentClerks:
    def test_a_stale_version_is_a_conflict_and_changes_nothing(self, registry):
        """Two clerks see version N; the first acts; the second gets a conflict."""
        provider = example("01")
        app = registry.file(provider, applicant_of(provider), now=at("2026-03-02"))
        seen = registry.application(app.id).version
        registry.transition(
            app.id, "take_in_charge", REVIEWER, now=at("2026-03-03"), expected_version=seen
        )
        before = registry.application(app.id)
        with pytest.raises(ConflictError) as caught:
            registry.transition(
                app.id, "take_in_charge", MANAGER, now=at("2026-03-03", 11), expected_version=seen
            )
        assert (caught.value.expected, caught.value.found) == (seen, seen + 1)
        assert registry.application(app.id) == before
        assert [e.action for e in registry.history(app.id)] == ["submit", "take_in_charge"]


class TestAfterTransitionHook:
    def test_plugins_hear_each_committed_transition(self, tmp_path):
        """Filing and each decision reach coworkreg_after_transition, after the commit."""
        recorder = Recorder()
        with open_with(tmp_path, recorder) as registry:
            provider = example("01")
            app = registry.file(provider, applicant_of(provider), now=at("2026-03-02"))
            registry.transition(app.id, "take_in_charge", REVIEWER, now=at("2026-03-03"))
            registry.approve(app.id, MANAGER, now=at("2026-03-04"))
        assert recorder.events == [
            ("submit", "draft", "submitted"),
            ("take_in_charge", "submitted", "under_review"),
            ("approve", "under_review", "listed"),
        ]

    def test_a_failing_plugin_does_not_undo_the_transition(self, tmp_path, caplog):
        """The hook's error is logged; the application stays submitted."""
        with open_with(tmp_path, Broken()) as registry:
            provider = example("01")
            app = registry.file(provider, applicant_of(provider), now=at("2026-03-02"))
            assert registry.application(app.id).state == "submitted"
        assert "coworkreg_after_transition hook failed" in caplog.text


@pytest.mark.slow
class TestDelivery:
    def test_receipt_reaches_the_applicant_with_its_pdf_and_the_archive(self, registry, tmp_path):
        """Delivering after filing: one mail with the receipt PDF, the same bytes archived."""
        provider = example("01")
        registry.file(provider, applicant_of(provider), now=at("2026-03-02"))
        outcomes = registry.deliver(now=at("2026-03-02", 11))
        assert sorted(o.status for o in outcomes) == ["sent", "sent"]
        (path,) = (tmp_path / "mail" / "new").iterdir()
        mail = email.message_from_bytes(path.read_bytes())
        assert mail["To"] == provider["organisation"]["pec"]
        (pdf,) = [p for p in mail.walk() if p.get_content_type() == "application/pdf"]
        content = pdf.get_payload(decode=True)
        assert content.startswith(b"%PDF-")
        archive = next(o for o in registry.storage.list_outbox() if o.channel == "archive")
        digest = archive.reply["server_reply"].split("sha256:")[1]
        assert registry.storage.get_document(digest).content == content
        assert registry.deliver(now=at("2026-03-02", 12)) == []

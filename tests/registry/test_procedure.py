"""Seregno's procedure end to end through the Registry, on SQLite, on fixed dates."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from coworkreg_core.errors import (
    DocumentInvalid,
    RecordNotFound,
    TransitionForbidden,
    WorkflowError,
)
from coworkreg_core.workflow import SYSTEM

from .conftest import MANAGER, REVIEWER, applicant_of, at, example


def listed(registry, stem, day="2026-03-02"):
    provider = example(stem)
    app = registry.file(provider, applicant_of(provider), now=at(day))
    registry.transition(app.id, "take_in_charge", REVIEWER, now=at(day, 11))
    return registry.approve(app.id, MANAGER, now=at(day, 12))


def outbox_keys(registry):
    return sorted(item.key.split("/", 2)[2] for item in registry.storage.list_outbox(limit=1000))


class TestFiling:
    def test_filing_takes_a_protocol_number_and_queues_the_receipt(self, registry):
        """A valid application gets a 7-digit protocol number, a history and a receipt."""
        provider = example("01")
        app = registry.file(provider, applicant_of(provider), now=at("2026-03-02"))
        assert app.state == "submitted"
        year, number = app.protocol_number.split("-")
        assert (year, len(number)) == ("2026", 7)
        assert [e.action for e in registry.history(app.id)] == ["submit"]
        assert outbox_keys(registry) == ["archive/receipt", "pec/receipt"]
        assert registry.verdict(app.id).decision == "eligible"

    def test_the_term_runs_from_the_day_after_filing(self, registry):
        """30 days from 2 March 2026 is 1 April, a Wednesday and a working day."""
        provider = example("01")
        app = registry.file(provider, applicant_of(provider), now=at("2026-03-02"))
        assert registry.status(app.id, today=date(2026, 3, 2)).deadline == date(2026, 4, 1)

    def test_an_invalid_application_stores_nothing(self, registry):
        """A broken document is refused whole: no application, no protocol number, no mail."""
        provider = example("01")
        provider["organisation"]["vat_number"] = "12345678901"
        with pytest.raises(DocumentInvalid) as caught:
            registry.file(provider, applicant_of(provider), now=at("2026-03-02"))
        assert "/organisation/vat_number" in caught.value.problems.pointers()
        assert registry.storage.protocol_entries(2026) == []
        assert registry.storage.list_outbox() == []


class TestDecisions:
    def test_approval_lists_with_number_and_validity_from_the_rules(self, registry):
        """Approval gives SEREGNO-2026-0001, 36 months of validity, and publishes it."""
        app = listed(registry, "01")
        assert app.state == "listed"
        listing = registry.storage.get_listing("SEREGNO-2026-0001")
        assert (listing.valid_from, listing.valid_until) == (date(2026, 3, 2), date(2029, 3, 1))
        entries = registry.publication(date(2026, 3, 3)).entries
        assert [e["registration_number"] for e in entries] == ["SEREGNO-2026-0001"]
        assert "pec/listing_certificate" in outbox_keys(registry)

    def test_numbers_are_progressive(self, registry):
        """Two listings in a year get consecutive numbers."""
        listed(registry, "01")
        listed(registry, "06")
        numbers = [e["registration_number"] for e in registry.publication(date(2026, 3, 3)).entries]
        assert numbers == ["SEREGNO-2026-0001", "SEREGNO-2026-0002"]

    def test_the_wrong_role_changes_nothing(self, registry):
        """An applicant cannot approve their own application; nothing is written."""
        provider = example("01")
        applicant = applicant_of(provider)
        app = registry.file(provider, applicant, now=at("2026-03-02"))
        registry.transition(app.id, "take_in_charge", REVIEWER, now=at("2026-03-02", 11))

        def snapshot():
            return registry.application(app.id), registry.history(app.id), outbox_keys(registry)

        before = snapshot()
        with pytest.raises(TransitionForbidden) as caught:
            registry.approve(app.id, applicant, now=at("2026-03-03"))
        assert caught.value.failed == "permission"
        assert snapshot() == before
        assert registry.storage.public_list("seregno", date(2026, 3, 4)) == []

    def test_a_provider_the_rules_refuse_cannot_be_listed(self, registry):
        """Approval needs an eligible verdict; the failing rules are named."""
        provider = example("04")
        app = registry.file(provider, applicant_of(provider), now=at("2026-03-02"))
        registry.transition(app.id, "take_in_charge", REVIEWER, now=at("2026-03-03"))
        with pytest.raises(TransitionForbidden) as caught:
            registry.approve(app.id, MANAGER, now=at("2026-03-04"))
        assert caught.value.failed == "eligibility"
        assert "min_workstations (sala-cavour): fail" in caught.value.detail
        assert registry.application(app.id).state == "under_review"


class TestIntegration:
    def test_the_clock_stops_and_the_corrected_application_resumes_it(self, registry):
        """Asked for a floor plan on day 5, answered on day 12: the deadline moves 7 days."""
        provider = example("03")
        applicant = applicant_of(provider)
        app = registry.file(provider, applicant, now=at("2026-03-02"))
        registry.transition(app.id, "take_in_charge", REVIEWER, now=at("2026-03-03"))
        registry.request_integration(
            app.id,
            REVIEWER,
            "Manca la planimetria dei locali.",
            ["Planimetria"],
            now=at("2026-03-07"),
        )
        assert registry.status(app.id, today=date(2026, 3, 10)).suspended_since == date(2026, 3, 7)
        assert registry.verdict(app.id).outcomes()["floor_plan"] == "fail"
        corrected = copy.deepcopy(provider)
        corrected.setdefault("attachments", []).append(
            {
                "kind": "floor_plan",
                "name": "planimetria.pdf",
                "media_type": "application/pdf",
                "size_bytes": 183_402,
                "sha256": "ab" * 32,
            }
        )
        app = registry.provide_integration(app.id, applicant, corrected, now=at("2026-03-14"))
        assert app.state == "under_review"
        assert registry.verdict(app.id).outcomes()["floor_plan"] == "pass"
        status = registry.status(app.id, today=date(2026, 3, 14))
        assert status.suspended_since is None
        assert status.deadline == date(2026, 4, 8)  # 1 April + 7 days stopped


class TestRefusal:
    def test_refusal_needs_the_notice_first(self, registry):
        """Art. 10-bis: refusing before the notice of grounds is forbidden."""
        provider = example("04")
        app = registry.file(provider, applicant_of(provider), now=at("2026-03-02"))
        registry.transition(app.id, "take_in_charge", REVIEWER, now=at("2026-03-03"))
        with pytest.raises(TransitionForbidden) as caught:
            registry.refuse(app.id, MANAGER, now=at("2026-03-04"))
        assert caught.value.failed == "condition"

    def test_notice_states_the_failing_rules_then_refusal_after_observations(self, registry):
        """The notice's grounds are the failing blocking rules with their references."""
        provider = example("04")
        applicant = applicant_of(provider)
        app = registry.file(provider, applicant, now=at("2026-03-02"))
        registry.transition(app.id, "take_in_charge", REVIEWER, now=at("2026-03-03"))
        registry.send_refusal_notice(app.id, MANAGER, now=at("2026-03-05"))
        notice = next(
            item
            for item in registry.storage.list_outbox(limit=100)
            if item.key.endswith("pec/refusal_notice")
        )
        grounds = notice.payload["document"]["context"]["grounds"]
        rules = {g["rule"].split(" ")[0] for g in grounds}
        assert {"min_workstations", "accessibility", "insurance"} <= rules
        assert all(g["reference"] for g in grounds)
        registry.transition(
            app.id,
            "submit_observations",
            applicant,
            {"observations": "Stiamo ampliando la sala a 8 postazioni."},
            now=at("2026-03-10"),
        )
        refused = registry.refuse(
            app.id,
            MANAGER,
            observations_assessment="L'ampliamento non è ancora avvenuto.",
            now=at("2026-03-23"),
        )
        assert refused.state == "rejected"
        assert "pec/refusal" in outbox_keys(registry)

    def test_no_grounds_no_notice(self, registry):
        """An eligible application has no grounds, so no notice can be sent."""
        provider = example("01")
        app = registry.file(provider, applicant_of(provider), now=at("2026-03-02"))
        registry.transition(app.id, "take_in_charge", REVIEWER, now=at("2026-03-03"))
        with pytest.raises(WorkflowError):
            registry.send_refusal_notice(app.id, MANAGER, now=at("2026-03-04"))


class TestAfterListing:
    def test_suspension_hides_and_reinstatement_shows_again(self, registry):
        """A suspended listing leaves the public list until it is reinstated."""
        app = listed(registry, "01")
        registry.transition(
            app.id,
            "suspend",
            MANAGER,
            {
                "reasons": "Controllo a campione: DURC irregolare.",
                "legal_basis": "art. 71 DPR 445/2000",
            },
            now=at("2026-06-01"),
        )
        assert registry.publication(date(2026, 6, 2)).entries == ()
        registry.transition(
            app.id,
            "reinstate",
            MANAGER,
            {"reasons": "Regolarità contributiva ripristinata."},
            now=at("2026-06-20"),
        )
        assert len(registry.publication(date(2026, 6, 21)).entries) == 1

    def test_renewal_keeps_the_number_and_extends_validity(self, registry):
        """A renewal approved before expiry continues the same listing for 36 more months."""
        first = listed(registry, "01")
        provider = example("01")
        provider["insurance"]["valid_until"] = "2032-06-30"  # the renewed policy
        renewal = registry.renew(
            "SEREGNO-2026-0001", provider, applicant_of(provider), now=at("2029-01-15")
        )
        assert renewal.kind == "renewal"
        registry.transition(renewal.id, "take_in_charge", REVIEWER, now=at("2029-01-16"))
        registry.approve(renewal.id, MANAGER, now=at("2029-01-20"))
        listing = registry.storage.get_listing("SEREGNO-2026-0001")
        assert (listing.application_id, listing.valid_until) == (renewal.id, date(2032, 3, 1))
        assert registry.application(first.id).state == "superseded"
        assert len(registry.publication(date(2030, 1, 1)).entries) == 1

    def test_variation_updates_the_published_data(self, registry):
        """A variation re-evaluated and approved replaces the public data, same validity."""
        listed(registry, "01")
        provider = example("01")
        provider["spaces"][0]["workstations"] += 4
        variation = registry.vary(
            "SEREGNO-2026-0001", provider, applicant_of(provider), now=at("2026-09-01")
        )
        registry.transition(variation.id, "take_in_charge", REVIEWER, now=at("2026-09-02"))
        registry.approve(variation.id, MANAGER, now=at("2026-09-03"))
        (entry,) = registry.publication(date(2026, 9, 4)).entries
        assert entry["spaces"][0]["workstations"] == provider["spaces"][0]["workstations"]
        assert entry["valid_until"] == "2029-03-01"

    def test_expiry_by_timer(self, registry):
        """The day after validity ends, the timer expires the listing."""
        app = listed(registry, "01")
        assert registry.run_timers(now=at("2029-03-01")) == []
        (expired,) = registry.run_timers(now=at("2029-03-02"))
        assert (expired.id, expired.state) == (app.id, "expired")
        assert registry.storage.get_listing("SEREGNO-2026-0001").state == "expired"
        assert registry.history(app.id)[-1].actor == SYSTEM.id


class TestWorklistAndChecks:
    def test_worklist_sorted_by_deadline_with_days_left(self, registry):
        """The reviewer sees what to take in charge, the nearest deadline first."""
        for stem, day in (("06", "2026-03-05"), ("01", "2026-03-02")):
            provider = example(stem)
            registry.file(provider, applicant_of(provider), now=at(day))
        items = registry.worklist(REVIEWER, today=date(2026, 3, 10))
        assert [i.application.provider["organisation"]["name"][:6] for i in items] == [
            example("01")["organisation"]["name"][:6],
            example("06")["organisation"]["name"][:6],
        ]
        assert [i.days_left for i in items] == [22, 25]
        assert registry.worklist(applicant_of(example("01")), today=date(2026, 3, 10)) == []

    def test_sample_is_reproducible_and_recorded(self, registry):
        """The same seed draws the same sample; the draw enters the protocol register."""
        for stem in ("01", "03", "06"):
            listed(registry, stem)
        first = registry.sample_checks(on=date(2026, 4, 1), seed="estrazione-2026", actor=MANAGER)
        again = registry.sample_checks(on=date(2026, 4, 1), seed="estrazione-2026", actor=MANAGER)
        assert first.chosen == again.chosen
        assert len(first.chosen) == 1  # ceil(10 % of 3)
        digests = [e.document_sha256 for e in registry.storage.protocol_entries(2026)]
        assert first.sha256 in digests

    def test_another_towns_id_is_not_found(self, registry):
        """An id that is not an application of this town reads as not found."""
        with pytest.raises(RecordNotFound):
            registry.application("no-such-application")

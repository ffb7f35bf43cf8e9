"""Timers as data, worklists sorted by deadline, diagrams, calendars in town packs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coworkreg_core.errors import TownPackError
from coworkreg_core.plugins import get_plugin_manager
from coworkreg_core.towns import Towns
from coworkreg_core.workflow import (
    SYSTEM,
    Actor,
    calendar_for_town,
    due,
    fire,
    load_calendar,
    to_dot,
    to_mermaid,
    worklist,
)
from coworkreg_core.workflow.timers import next_due
from coworkreg_core.workflow.worklists import counts


class TestTimers:
    def test_unanswered_integration_request_falls_due_after_thirty_days(
        self, seregno, draft, applicant, reviewer, advance, at
    ):
        instance = advance(
            draft,
            [
                ("submit", applicant, "2026-11-02"),
                ("take_in_charge", reviewer, "2026-11-03"),
                ("request_integration", reviewer, "2026-11-04"),
            ],
        )
        assert due(seregno, instance, at("2026-12-03")) == []
        (timer,) = due(seregno, instance, at("2026-12-04"))
        assert timer.transition == "integration_expired"
        assert next_due(seregno, [instance]) == at("2026-11-04") + timedelta(days=30)
        outcome = fire(seregno, instance, "integration_expired", SYSTEM, now=at("2026-12-04"))
        assert outcome.instance.state == "under_review"
        assert outcome.entries[0].actor == "system"

    def test_timer_fired_early_is_forbidden(self, seregno, draft, applicant, reviewer, advance, at):
        from coworkreg_core.errors import TransitionForbidden

        instance = advance(
            draft,
            [
                ("submit", applicant, "2026-11-02"),
                ("take_in_charge", reviewer, "2026-11-03"),
                ("request_integration", reviewer, "2026-11-04"),
            ],
        )
        with pytest.raises(TransitionForbidden) as caught:
            fire(seregno, instance, "integration_expired", SYSTEM, now=at("2026-11-20"))
        assert caught.value.failed == "timer"

    def test_listing_expires_three_years_after_listing(
        self, seregno, draft, applicant, reviewer, manager, advance, at
    ):
        instance = advance(
            draft,
            [
                ("submit", applicant, "2026-11-02"),
                ("take_in_charge", reviewer, "2026-11-03"),
                ("approve", manager, "2026-11-10"),
                ("suspend", manager, "2027-02-01"),
                ("reinstate", manager, "2027-03-01"),
            ],
        )
        assert due(seregno, instance, at("2029-11-08")) == []
        assert [t.transition for t in due(seregno, instance, at("2029-11-10", 1))] == ["expire"]


class TestWorklists:
    def test_worklist_filters_by_state_variable_and_role_and_sorts_by_deadline(
        self, seregno, calendar, draft, applicant, reviewer, advance
    ):
        early = advance(draft, [("submit", applicant, "2026-11-02")])
        late = advance(draft, [("submit", applicant, "2026-11-20")])
        renewal = type(draft).from_json(
            {**advance(draft, [("submit", applicant, "2026-11-10")]).to_json(),
             "variables": {**draft.variables, "kind": "renewal"}}
        )  # fmt: skip
        items = [("late", late), ("draft", draft), ("early", early), ("renewal", renewal)]
        today = date(2026, 11, 25)
        listed = worklist(
            seregno, "to_take_in_charge", items, reviewer, calendar=calendar, today=today
        )
        assert [item.key for item in listed] == ["early", "renewal", "late"]
        assert listed[0].status.deadline == date(2026, 12, 2)
        renewals = worklist(seregno, "renewals", items, reviewer, calendar=calendar, today=today)
        assert [item.key for item in renewals] == ["renewal"]
        assert worklist(seregno, "renewals", items, applicant, calendar=calendar, today=today) == []
        assert counts(seregno, items, reviewer)["to_take_in_charge"] == 3


class TestDiagrams:
    def test_mermaid_has_every_transition_and_marks_stopped_clocks(self, seregno):
        text = to_mermaid(seregno, "en")
        assert text.startswith("stateDiagram-v2\n")
        edges = [line for line in text.splitlines() if " --> " in line and "[*]" not in line]
        assert len(edges) == sum(len(s.exits) for s in seregno.states.values())
        assert "    [*] --> draft" in text
        assert "class integration_requested,refusal_notice clockStopped" in text
        assert "integration_requested --> under_review: Integration window over ⏱ 30d" in text

    def test_dot_is_a_digraph_with_final_states_doubled(self, seregno):
        text = to_dot(seregno)
        assert text.startswith('digraph "seregno-listing" {')
        assert 'rejected [label="Respinta", peripheries=2];' in text
        assert 'draft -> submitted [label="Presenta la domanda"];' in text
        assert text.rstrip().endswith("}")


class TestCalendar:
    def test_desio_falls_back_to_seregnos_calendar(self, calendar):
        """A pack without calendar.yaml uses the one of the pack it extends."""
        towns = Towns.from_plugins(get_plugin_manager())
        assert calendar_for_town(towns, "desio") == calendar

    def test_patron_day_in_the_wrong_year_is_refused_with_its_line(self):
        text = (
            "saturday_closed: false\n"
            "patron:\n"
            "  name: {it: San Test}\n"
            "  days:\n"
            "    2026: 2027-04-28\n"
        )
        with pytest.raises(TownPackError) as caught:
            load_calendar(text, "calendar.yaml")
        assert caught.value.line == 5

    def test_unknown_key_is_refused(self):
        with pytest.raises(TownPackError) as caught:
            load_calendar("saturday_closed: false\nsundays_open: true\n", "calendar.yaml")
        assert caught.value.line == 1

    def test_patron_closure_is_named(self, calendar):
        assert calendar.closure(date(2026, 4, 28)).get("it") == "Santa Valeria"
        assert calendar.closure(date(2026, 4, 6)).get("it") == "Lunedì dell'Angelo"
        assert calendar.closure(date(2026, 4, 29)) is None

    def test_people_of_another_town_are_not_affected(self):
        """A closed day is a town's own: an empty calendar keeps 28 April open."""
        from coworkreg_core.workflow import WorkingCalendar

        assert WorkingCalendar().is_working_day(date(2026, 4, 28))
        assert not WorkingCalendar().is_working_day(date(2026, 10, 5) - timedelta(days=1))

    def test_actor_roles_accept_any_iterable(self):
        assert Actor("x", roles=["a", "b"]).roles == frozenset({"a", "b"})


class TestSaintFrancis:
    def test_added_even_when_the_holidays_package_lacks_it(self, monkeypatch):
        """L. 151/2025: 4 October counts from 2026 whatever release of ``holidays`` is installed."""
        from coworkreg_core.workflow import calendar as calendar_module

        monkeypatch.setattr(calendar_module.holidays, "country_holidays", lambda *a, **k: {})
        calendar_module._national.cache_clear()
        try:
            assert not calendar_module.WorkingCalendar().is_working_day(date(2030, 10, 4))
            assert calendar_module.WorkingCalendar().is_working_day(date(2025, 10, 3))
        finally:
            calendar_module._national.cache_clear()

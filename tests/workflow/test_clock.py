"""The procedure clock on dated scenarios, Seregno's calendar, L. 241/1990 rules."""

from __future__ import annotations

from datetime import date

import pytest

from coworkreg_core.workflow import SYSTEM, ClockState, Suspension, WorkingCalendar, due, fire


def d(text: str) -> date:
    return date.fromisoformat(text)


class TestDeadlineOnClosedDays:
    @pytest.mark.parametrize(
        ("filed", "deadline", "why"),
        [
            ("2026-10-02", "2026-11-02", "1 Nov 2026 is All Saints' and a Sunday"),
            ("2026-11-25", "2026-12-28", "25 Christmas, 26 St Stephen, 27 Sunday"),
            ("2026-03-07", "2026-04-07", "6 April 2026 is Easter Monday"),
            ("2026-03-29", "2026-04-29", "28 April 2026 is Santa Valeria in Seregno's calendar"),
            ("2025-03-29", "2025-04-29", "28 April 2025 is Santa Valeria (a Monday)"),
            ("2026-09-04", "2026-10-05", "4 October 2026: St Francis, a holiday again, a Sunday"),
            ("2026-11-10", "2026-12-10", "an ordinary Thursday stays put"),
        ],
    )
    def test_thirty_days_from_the_day_after_filing(self, calendar, filed, deadline, why):
        clock = ClockState(term_days=30, started=d(filed))
        assert clock.deadline(calendar, d(filed)) == d(deadline), why

    def test_saturday_is_a_setting(self, calendar):
        """12 Dec 2026 is a Saturday: open in Seregno, closed where a town says so."""
        clock = ClockState(term_days=30, started=d("2026-11-12"))
        assert clock.deadline(calendar, d("2026-11-12")) == d("2026-12-12")
        closed = WorkingCalendar(closed_days=calendar.closed_days, saturday_closed=True)
        assert clock.deadline(closed, d("2026-11-12")) == d("2026-12-14")

    def test_saint_francis_is_a_holiday_from_2026_only(self, calendar):
        assert not calendar.is_working_day(d("2027-10-04"))
        assert calendar.is_working_day(d("2025-10-04"))  # a Saturday, open, and no holiday yet

    def test_holidays_inside_the_term_count(self, calendar):
        """Only the last day moves (art. 2963 c.c.): Christmas inside the term is counted."""
        clock = ClockState(term_days=30, started=d("2026-12-10"))
        assert clock.deadline(calendar, d("2026-12-10")) == d("2027-01-09")  # a Saturday, open
        assert clock.elapsed(d("2026-12-31")) == 21


class TestSuspensions:
    def test_integration_suspension_freezes_the_count(self, calendar):
        clock = ClockState(
            started=d("2026-11-02"),
            suspensions=(Suspension("integration", d("2026-11-10"), d("2026-11-20"), 30),),
        )
        status = clock.status(calendar, d("2026-11-25"))
        assert (status.elapsed, status.deadline) == (13, d("2026-12-12"))
        assert status.remaining == 17
        assert status.suspended_since is None

    def test_open_suspension_hides_the_deadline(self, calendar):
        clock = ClockState(
            started=d("2026-11-02"),
            suspensions=(Suspension("integration", d("2026-11-10"), None, 30),),
        )
        status = clock.status(calendar, d("2026-11-25"))
        assert status.deadline is None
        assert (status.suspended_since, status.suspension_reason) == (
            d("2026-11-10"),
            "integration",
        )
        assert (status.elapsed, status.remaining) == (8, 22)

    def test_integration_suspension_ends_by_itself_after_thirty_days(self, calendar):
        """art. 2 c.7: at most 30 days, answered or not."""
        clock = ClockState(
            started=d("2026-11-02"),
            suspensions=(Suspension("integration", d("2026-11-10"), None, 30),),
        )
        status = clock.status(calendar, d("2026-12-15"))
        assert status.suspended_since is None
        # 2 Dec + 30 suspended days = 1 Jan 2027, New Year's Day -> Saturday 2 Jan.
        assert status.deadline == d("2027-01-02")
        assert status.elapsed == 8 + (d("2026-12-15") - d("2026-12-10")).days


class TestProcedureScenario:
    """Seregno's procedure end to end: integration, then a refusal notice, across Christmas."""

    def test_integration_then_refusal_notice_with_observations(
        self, seregno, calendar, draft, applicant, reviewer, manager, advance, at
    ):
        instance = advance(
            draft,
            [
                ("submit", applicant, "2026-11-02"),
                ("take_in_charge", reviewer, "2026-11-03"),
                ("request_integration", reviewer, "2026-11-10"),
            ],
        )
        status = instance.clock.status(calendar, d("2026-11-15"))
        assert (status.suspended_since, status.deadline) == (d("2026-11-10"), None)

        instance = advance(instance, [("provide_integration", applicant, "2026-11-20")])
        assert instance.clock.status(calendar, d("2026-11-25")).deadline == d("2026-12-12")

        outcome = fire(
            seregno,
            instance,
            "send_refusal_notice",
            manager,
            {"reasons": "Meno di otto postazioni dichiarate", "legal_basis": "avviso art. 3"},
            now=at("2026-11-27"),
        )
        assert [(c.action, c.reason) for c in outcome.clock_changes] == [
            ("suspend", "refusal_notice")
        ]
        assert outcome.entries[0].clock == (
            {"action": "suspend", "on": "2026-11-27", "reason": "refusal_notice"},
        )
        instance = outcome.instance
        on_30th = instance.clock.status(calendar, d("2026-11-30"))
        assert (on_30th.deadline, on_30th.elapsed, on_30th.remaining) == (None, 15, 15)

        # Observations on 30 Nov: the term counts again ten days later, 10 Dec.
        outcome = fire(
            seregno,
            instance,
            "submit_observations",
            applicant,
            {"observations": "Le postazioni sono dieci"},
            now=at("2026-11-30"),
        )
        assert outcome.clock_changes[0].until == d("2026-12-10")
        instance = outcome.instance
        # 2 Dec + 10 days (integration) + 13 days (notice) = 25 Dec, Christmas -> Mon 28 Dec.
        assert instance.clock.status(calendar, d("2026-12-05")).deadline == d("2026-12-28")
        assert instance.clock.status(calendar, d("2026-12-05")).suspended_since == d("2026-11-27")
        final = instance.clock.status(calendar, d("2026-12-28"))
        assert (final.remaining, final.overdue) == (0, False)
        assert instance.clock.status(calendar, d("2026-12-29")).overdue

    def test_refusal_notice_without_observations_resumes_when_ten_days_run_out(
        self, seregno, calendar, draft, applicant, reviewer, manager, advance, at
    ):
        instance = advance(
            draft,
            [
                ("submit", applicant, "2026-11-02"),
                ("take_in_charge", reviewer, "2026-11-03"),
                ("send_refusal_notice", manager, "2026-11-27"),
            ],
        )
        assert due(seregno, instance, at("2026-12-07", 9)) == []
        (timer,) = due(seregno, instance, at("2026-12-09"))
        assert timer.transition == "observations_window_over"
        # The scheduler ran two days late: the term still resumed on 7 Dec.
        outcome = fire(seregno, instance, timer.transition, SYSTEM, now=at("2026-12-09"))
        assert outcome.instance.state == "under_review"
        assert outcome.clock_changes[0].until == d("2026-12-07")
        assert outcome.instance.clock.deadline(calendar, d("2026-12-09")) == d("2026-12-12")

    def test_integration_suspends_the_term_only_once(
        self, calendar, draft, applicant, reviewer, advance
    ):
        instance = advance(
            draft,
            [
                ("submit", applicant, "2026-11-02"),
                ("take_in_charge", reviewer, "2026-11-03"),
                ("request_integration", reviewer, "2026-11-05"),
                ("provide_integration", applicant, "2026-11-06"),
                ("request_integration", reviewer, "2026-11-09"),
            ],
        )
        assert instance.state == "integration_requested"
        assert len(instance.clock.suspensions) == 1
        status = instance.clock.status(calendar, d("2026-11-20"))
        assert status.suspended_since is None
        assert status.deadline == d("2026-12-03")

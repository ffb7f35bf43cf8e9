"""The procedure clock (L. 241/1990): a term in days that can stop and resume.

The term counts calendar days from the day after filing (art. 2963 c.c.). A
suspension (art. 2 c.7 for integrations, art. 10-bis for a refusal notice)
freezes the count from the day it starts to the day the term resumes; a
deadline that lands on a closed day moves to the next working day. Everything
here is data and arithmetic on dates: no threads, no wall clock.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from attrs import evolve, frozen

from coworkreg_core.workflow.calendar import WorkingCalendar
from coworkreg_core.workflow.definition import ClockAction, ClockPolicy

OFFICE_ZONE = ZoneInfo("Europe/Rome")
"""Dates of the procedure are the office's dates, whatever zone ``now`` is in."""


def office_date(now: datetime) -> date:
    """The office's calendar day at instant ``now`` (naive means office time)."""
    return now.date() if now.tzinfo is None else now.astimezone(OFFICE_ZONE).date()


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


@frozen
class Suspension:
    """One suspension: from ``since``; the term counts again from ``until``.

    ``until`` is None while the suspension is open; ``max_days`` (from the
    policy at the time) ends an open suspension on its own.
    """

    reason: str
    since: date
    until: date | None = None
    max_days: int | None = None

    def end(self, today: date) -> date | None:
        """The day the term resumes as seen on ``today``; None while still open."""
        if self.until is not None:
            return self.until
        if self.max_days is not None and today >= self.since + timedelta(self.max_days):
            return self.since + timedelta(self.max_days)
        return None

    def days_stopped(self, today: date) -> int:
        """Days of the term frozen by this suspension, counted up to ``today``."""
        end = self.end(today)
        last = today if end is None else min(end, today)
        return max(0, (last - self.since).days)

    def to_json(self) -> dict[str, Any]:
        """``{"reason", "since", "until", "max_days"}`` with ISO dates."""
        return {
            "reason": self.reason,
            "since": self.since.isoformat(),
            "until": _iso(self.until),
            "max_days": self.max_days,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Suspension:
        """The inverse of :meth:`to_json`."""
        return cls(
            reason=data["reason"],
            since=date.fromisoformat(data["since"]),
            until=_day(data.get("until")),
            max_days=data.get("max_days"),
        )


@frozen
class ClockChange:
    """A change to the clock, returned in an outcome and kept in the history."""

    action: str
    on: date
    reason: str | None = None
    until: date | None = None
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict; keys with no value are left out."""
        data: dict[str, Any] = {"action": self.action, "on": self.on.isoformat()}
        if self.reason is not None:
            data["reason"] = self.reason
        if self.until is not None:
            data["until"] = self.until.isoformat()
        if self.note is not None:
            data["note"] = self.note
        return data


@frozen
class ClockStatus:
    """Where the term stands on one day.

    ``elapsed`` counts the days of the term used (suspended days excluded);
    ``remaining`` is the calendar days to ``deadline`` when it is known, else,
    while an open suspension hides the deadline, the days of the term left.
    """

    today: date
    started: date | None
    term_days: int
    elapsed: int
    remaining: int
    deadline: date | None
    suspended_since: date | None
    suspension_reason: str | None
    stopped: date | None

    @property
    def overdue(self) -> bool:
        """True once the deadline has passed while the procedure is still open."""
        return self.deadline is not None and self.stopped is None and self.today > self.deadline

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict with ISO dates."""
        return {
            "today": self.today.isoformat(),
            "started": _iso(self.started),
            "term_days": self.term_days,
            "elapsed": self.elapsed,
            "remaining": self.remaining,
            "deadline": _iso(self.deadline),
            "suspended_since": _iso(self.suspended_since),
            "suspension_reason": self.suspension_reason,
            "stopped": _iso(self.stopped),
            "overdue": self.overdue,
        }


@frozen
class ClockState:
    """The clock of one procedure: plain data, stored with the instance."""

    term_days: int = 30
    started: date | None = None
    stopped: date | None = None
    suspensions: tuple[Suspension, ...] = ()

    def open_suspension(self, today: date) -> Suspension | None:
        """The suspension still running on ``today``, if any."""
        for suspension in self.suspensions:
            end = suspension.end(today)
            if suspension.since <= today and (end is None or end > today):
                return suspension
        return None

    def elapsed(self, today: date) -> int:
        """Days of the term used up on ``today`` (suspended days do not count)."""
        if self.started is None:
            return 0
        last = today if self.stopped is None else min(today, self.stopped)
        stopped_days = sum(s.days_stopped(last) for s in self.suspensions)
        return max(0, (last - self.started).days - stopped_days)

    def deadline(self, calendar: WorkingCalendar, today: date) -> date | None:
        """The last day of the term, moved off closed days; None while suspended."""
        if self.started is None:
            return None
        frozen_days = 0
        for suspension in self.suspensions:
            end = suspension.end(today)
            if end is None:
                return None
            frozen_days += max(0, (end - suspension.since).days)
        last = self.started + timedelta(self.term_days + frozen_days)
        return calendar.next_working_day(last)

    def status(self, calendar: WorkingCalendar, today: date) -> ClockStatus:
        """Elapsed, remaining, deadline and suspension on ``today``."""
        elapsed = self.elapsed(today)
        current = self.open_suspension(today) if self.stopped is None else None
        deadline = self.deadline(calendar, today)
        # Calendar days to the deadline when it is known; while an open suspension
        # hides it, the days of the term still to run.
        remaining = self.term_days - elapsed if deadline is None else (deadline - today).days
        return ClockStatus(
            today=today,
            started=self.started,
            term_days=self.term_days,
            elapsed=elapsed,
            remaining=remaining,
            deadline=deadline,
            suspended_since=current.since if current else None,
            suspension_reason=current.reason if current else None,
            stopped=self.stopped,
        )

    def to_json(self) -> dict[str, Any]:
        """``{"term_days", "started", "stopped", "suspensions": [...]}``."""
        return {
            "term_days": self.term_days,
            "started": _iso(self.started),
            "stopped": _iso(self.stopped),
            "suspensions": [s.to_json() for s in self.suspensions],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClockState:
        """The inverse of :meth:`to_json`."""
        return cls(
            term_days=data["term_days"],
            started=_day(data.get("started")),
            stopped=_day(data.get("stopped")),
            suspensions=tuple(Suspension.from_json(s) for s in data.get("suspensions", ())),
        )


def apply_clock(
    clock: ClockState, action: ClockAction, policy: ClockPolicy, today: date
) -> tuple[ClockState, tuple[ClockChange, ...]]:
    """The clock after ``action`` on ``today``, and the changes to record."""
    if action.action == "start":
        started = ClockState(term_days=clock.term_days, started=today)
        return started, (ClockChange("start", today, until=None),)
    if action.action == "stop" and (clock.started is None or clock.stopped is not None):
        return clock, ()  # nothing was running: nothing to record
    if clock.started is None or clock.stopped is not None:
        note = "clock not running"
        return clock, (ClockChange(action.action, today, action.reason, note=note),)
    if action.action == "stop":
        closed = tuple(_close(s, today) for s in clock.suspensions)
        return evolve(clock, stopped=today, suspensions=closed), (ClockChange("stop", today),)
    reason = action.reason or ""
    rule = policy.suspensions.get(reason)
    if action.action == "suspend":
        return _suspend(clock, reason, rule.max_days if rule else None, rule, today)
    delay = rule.resume_delay_days if rule and action.action == "observations" else 0
    return _resume(clock, reason, today, delay, action.action)


def _close(suspension: Suspension, today: date) -> Suspension:
    if suspension.end(today) is not None:
        return evolve(suspension, until=suspension.end(today))
    return evolve(suspension, until=today)


def _suspend(
    clock: ClockState, reason: str, max_days: int | None, rule: Any, today: date
) -> tuple[ClockState, tuple[ClockChange, ...]]:
    if clock.open_suspension(today) is not None:
        return clock, (ClockChange("suspend", today, reason, note="already suspended"),)
    used = sum(1 for s in clock.suspensions if s.reason == reason)
    if rule is not None and rule.max_count is not None and used >= rule.max_count:
        # art. 2 c.7: the office may ask again, but the term is suspended only once.
        note = f"suspension limit reached ({rule.max_count})"
        return clock, (ClockChange("suspend", today, reason, note=note),)
    added = Suspension(reason=reason, since=today, max_days=max_days)
    change = ClockChange("suspend", today, reason)
    return evolve(clock, suspensions=(*clock.suspensions, added)), (change,)


def _resume(
    clock: ClockState, reason: str, today: date, delay: int, action: str
) -> tuple[ClockState, tuple[ClockChange, ...]]:
    for index, suspension in enumerate(clock.suspensions):
        if suspension.reason != reason or suspension.until is not None:
            continue
        cap = suspension.since + timedelta(suspension.max_days) if suspension.max_days else None
        # An answer after the longest suspension does not stretch it: the term already resumed.
        until = cap if cap is not None and today > cap else today + timedelta(delay)
        changed = evolve(suspension, until=until)
        suspensions = (*clock.suspensions[:index], changed, *clock.suspensions[index + 1 :])
        change = ClockChange(action, today, reason, until=until)
        return evolve(clock, suspensions=suspensions), (change,)
    return clock, (ClockChange(action, today, reason, note="no open suspension"),)

"""Working days of a town's offices: Italian public holidays, the patron saint, Saturdays.

National holidays come from the ``holidays`` package (L. 260/1949 as in force,
with 4 October again a holiday from 2026 by L. 151/2025); the town adds its
patron saint's day, set per year because the day offices close is a local
decision, and says whether Saturday counts as closed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import cache
from importlib.resources.abc import Traversable
from typing import Any

import holidays
import jsonschema
from attrs import field, frozen

from coworkreg_core.errors import TownPackError
from coworkreg_core.i18n import Text
from coworkreg_core.resources import load_schema
from coworkreg_core.yamlio import load_yaml

SAINT_FRANCIS_FROM = 2026
"""L. 8 ottobre 2025 n. 151: 4 October is a public holiday again from 2026."""

CALENDAR_FILE = "calendar.yaml"


@cache
def _national(year: int) -> frozenset[date]:
    days = set(holidays.country_holidays("IT", years=year))
    if year >= SAINT_FRANCIS_FROM:
        days.add(date(year, 10, 4))  # older releases of ``holidays`` lack it
    return frozenset(days)


@cache
def _holiday_name(day: date) -> Text:
    italian = holidays.country_holidays("IT", years=day.year, language="it_IT").get(day)
    english = holidays.country_holidays("IT", years=day.year, language="en_US").get(day)
    fallback = "San Francesco d'Assisi"  # added above when ``holidays`` lacks it
    return Text(it=italian or fallback, en=english or italian or fallback)


def italian_holidays(year: int) -> frozenset[date]:
    """The national public holidays of ``year`` (Sundays aside)."""
    return _national(year)


@frozen
class WorkingCalendar:
    """Which days the town's offices are open."""

    closed_days: frozenset[date] = field(factory=frozenset)
    """Town-specific closures, such as the patron saint's day, each year listed."""
    saturday_closed: bool = False
    patron: Text | None = None

    def is_working_day(self, day: date) -> bool:
        """False on Sundays, national holidays, town closures and closed Saturdays."""
        weekday = day.weekday()
        if weekday == 6 or (weekday == 5 and self.saturday_closed):
            return False
        return day not in self.closed_days and day not in _national(day.year)

    def closure(self, day: date) -> Text | None:
        """Why offices are closed on ``day`` (None if they are open)."""
        weekday = day.weekday()
        if weekday == 6:
            return Text(it="domenica", en="Sunday")
        if weekday == 5 and self.saturday_closed:
            return Text(it="sabato", en="Saturday")
        if day in self.closed_days:
            return self.patron if self.patron is not None else Text(it="chiusura", en="closure")
        if day in _national(day.year):
            return _holiday_name(day)
        return None

    def next_working_day(self, day: date) -> date:
        """``day`` itself if offices are open, else the first open day after it."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> WorkingCalendar:
        """Build from a mapping already valid against ``calendar.schema.json``."""
        patron = data.get("patron") or {}
        days = frozenset(date.fromisoformat(str(d)) for d in patron.get("days", {}).values())
        extra = frozenset(date.fromisoformat(str(d)) for d in data.get("closed_days", ()))
        name = patron.get("name")
        return cls(
            closed_days=days | extra,
            saturday_closed=bool(data.get("saturday_closed", False)),
            patron=Text.of(name) if name is not None else None,
        )


def load_calendar(text: str, source: str) -> WorkingCalendar:
    """Parse and validate a ``calendar.yaml``; mistakes raise ``TownPackError`` with line."""
    doc = load_yaml(text, source, error=TownPackError)
    data = _dates_as_text(doc.data)
    validator = jsonschema.Draft202012Validator(load_schema("calendar"))
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        pointer = "".join(f"/{part}" for part in error.absolute_path)
        raise TownPackError(error.message, source=source, line=doc.line_of(pointer))
    for year, day in (data.get("patron") or {}).get("days", {}).items():
        if date.fromisoformat(day).year != int(year):
            pointer = f"/patron/days/{year}"
            reason = f"the patron saint's day for {year} is in another year: {day}"
            raise TownPackError(reason, source=source, line=doc.line_of(pointer))
    return WorkingCalendar.from_data(data)


def load_calendar_file(resource: Traversable) -> WorkingCalendar:
    """Load a calendar file from a town pack or any path-like resource."""
    return load_calendar(resource.read_text(encoding="utf-8"), str(resource))


def _dates_as_text(value: Any) -> Any:
    # YAML reads 2026-04-28 as a date and 2026 as an int; the schema speaks JSON.
    if isinstance(value, dict):
        return {str(k): _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value

"""A coworking space: where it is, when it opens, what it offers and at what price."""

from __future__ import annotations

from typing import Literal

from attrs import frozen

from coworkreg_core.model.common import Address, Pricing

Technology = Literal["ftth", "fttc", "fwa", "satellite", "other"]
CleaningFrequency = Literal["daily", "several_times_a_week", "weekly"]
DeskType = Literal["shared_desk", "fixed_desk", "private_office"]
Period = Literal["hour", "day", "week", "month", "year"]
WEEKDAYS: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
"""The keys of :class:`OpeningHours`, Monday first."""


@frozen(kw_only=True)
class Interval:
    """A time slot, ``opens`` and ``closes`` as ``hh:mm`` (``closes`` may be ``24:00``)."""

    opens: str
    closes: str


@frozen(kw_only=True)
class OpeningHours:
    """Time slots per weekday; ``None`` is a closed day."""

    monday: tuple[Interval, ...] | None = None
    tuesday: tuple[Interval, ...] | None = None
    wednesday: tuple[Interval, ...] | None = None
    thursday: tuple[Interval, ...] | None = None
    friday: tuple[Interval, ...] | None = None
    saturday: tuple[Interval, ...] | None = None
    sunday: tuple[Interval, ...] | None = None

    def on(self, weekday: str) -> tuple[Interval, ...]:
        """The slots of ``weekday`` (``"monday"`` ... ``"sunday"``), empty when closed."""
        if weekday not in WEEKDAYS:
            raise ValueError(f"not a weekday: {weekday!r}; expected one of {', '.join(WEEKDAYS)}")
        slots: tuple[Interval, ...] | None = getattr(self, weekday)
        return slots or ()


@frozen(kw_only=True)
class Accessibility:
    """What a person with reduced mobility finds."""

    step_free_access: bool
    accessible_toilet: bool
    lift: bool | None = None
    notes: str | None = None


@frozen(kw_only=True)
class BasicService:
    """A service described only by how it is paid (printing, lockers, kitchen ...)."""

    pricing: Pricing
    notes: str | None = None


@frozen(kw_only=True)
class Connectivity:
    """The network: technology and speeds in Mbit/s."""

    technology: Technology
    download_mbps: float
    pricing: Pricing
    upload_mbps: float | None = None
    wifi: bool | None = None


@frozen(kw_only=True)
class Reception:
    """Reception and concierge (*portierato*)."""

    staffed: bool
    pricing: Pricing
    notes: str | None = None


@frozen(kw_only=True)
class Cleaning:
    """Cleaning of the space."""

    frequency: CleaningFrequency
    pricing: Pricing


@frozen(kw_only=True)
class Childcare:
    """A space for small children (*CoBaby*): places and ages in months."""

    capacity: int
    min_age_months: int
    max_age_months: int
    pricing: Pricing
    qualified_staff: bool | None = None


@frozen(kw_only=True)
class MeetingRoom:
    """Meeting rooms: how many and how many seats in all."""

    seats: int
    pricing: Pricing
    rooms: int | None = None


@frozen(kw_only=True)
class TrainingRoom:
    """A training room and its seats."""

    seats: int
    pricing: Pricing


@frozen(kw_only=True)
class Services:
    """The services a space offers; ``None`` means not offered."""

    connectivity: Connectivity | None = None
    reception: Reception | None = None
    cleaning: Cleaning | None = None
    secretariat: BasicService | None = None
    childcare: Childcare | None = None
    meeting_room: MeetingRoom | None = None
    training_room: TrainingRoom | None = None
    printing: BasicService | None = None
    lockers: BasicService | None = None
    kitchen: BasicService | None = None
    domiciliation: BasicService | None = None
    events: BasicService | None = None


@frozen(kw_only=True)
class Price:
    """What a desk costs for a period, in euro."""

    desk_type: DeskType
    period: Period
    amount_eur: float
    vat_included: bool | None = None


@frozen(kw_only=True)
class Space:
    """One coworking space of the provider."""

    id: str
    name: str
    address: Address
    workstations: int
    opening_hours: OpeningHours
    accessibility: Accessibility
    services: Services
    floor_area_m2: float | None = None
    prices: tuple[Price, ...] | None = None

"""Fixtures for the workflow tests: Seregno's procedure, its calendar, the actors."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from coworkreg_core.plugins import get_plugin_manager
from coworkreg_core.towns import Towns
from coworkreg_core.workflow import (
    Actor,
    Instance,
    WorkflowDefinition,
    WorkingCalendar,
    calendar_for_town,
    fire,
    new_instance,
    workflow_for_town,
)

ROME = ZoneInfo("Europe/Rome")

VALID_PAYLOADS: dict[str, dict[str, object]] = {
    "submit": {"protocol_number": "0001234"},
    "request_integration": {"reason": "Manca la polizza assicurativa"},
    "send_refusal_notice": {
        "reasons": "Meno di otto postazioni dichiarate",
        "legal_basis": "avviso art. 3",
    },
    "submit_observations": {"observations": "Le postazioni sono dieci, allego planimetria"},
    "approve": {"registration_number": "SEREGNO-2026-0012", "valid_until": "2029-11-09"},
    "refuse": {"reasons": "Requisito delle postazioni mancante", "legal_basis": "avviso art. 3"},
    "suspend": {"reasons": "Verifica in corso sui requisiti", "legal_basis": "avviso art. 9"},
    "reinstate": {"reasons": "Verifica conclusa con esito positivo"},
    "cancel": {"reasons": "Perdita dei requisiti accertata", "legal_basis": "avviso art. 9"},
}
"""A valid payload for every Seregno transition that needs one."""


def at_office(day: str, hour: int = 10) -> datetime:
    """An instant in office time on an ISO day."""
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=ROME)


@pytest.fixture(scope="session")
def at() -> Callable[..., datetime]:
    """``at("2026-11-02")``: 10:00 office time on that day."""
    return at_office


@pytest.fixture(scope="session")
def payloads() -> dict[str, dict[str, object]]:
    """A valid payload for each transition that needs one."""
    return VALID_PAYLOADS


@pytest.fixture(scope="session")
def advance(seregno: WorkflowDefinition) -> Callable[..., Instance]:
    """Fire ``(transition, actor, day)`` steps on Seregno's procedure with valid payloads."""

    def run(instance: Instance, steps: list[tuple[str, Actor, str]]) -> Instance:
        for name, actor, day in steps:
            payload = VALID_PAYLOADS.get(name, {})
            instance = fire(seregno, instance, name, actor, payload, now=at_office(day)).instance
        return instance

    return run


@pytest.fixture(scope="session")
def seregno() -> WorkflowDefinition:
    return workflow_for_town(Towns.from_plugins(get_plugin_manager()), "seregno")


@pytest.fixture(scope="session")
def calendar() -> WorkingCalendar:
    return calendar_for_town(Towns.from_plugins(get_plugin_manager()), "seregno")


@pytest.fixture
def applicant() -> Actor:
    return Actor("anna.rossi")


@pytest.fixture
def reviewer() -> Actor:
    return Actor("ufficio.istruttore", roles={"reviewer"})


@pytest.fixture
def manager() -> Actor:
    return Actor("ufficio.responsabile", roles={"manager"})


@pytest.fixture
def draft(seregno: WorkflowDefinition, applicant: Actor) -> Instance:
    return new_instance(seregno, at_office("2026-11-02", 9), owner=applicant.id)

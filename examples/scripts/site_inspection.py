"""A town adds a site inspection to Seregno's procedure.

The town takes Seregno's ``workflow.yaml`` as data, adds a state
``site_inspection`` with two transitions, and makes listing wait for a passed
inspection. The result goes through the same checks as any definition file;
then one application is taken through it. Run:
``python examples/scripts/site_inspection.py``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from coworkreg_core import Towns, get_plugin_manager
from coworkreg_core.errors import TransitionForbidden
from coworkreg_core.workflow import (
    Actor,
    Instance,
    WorkflowDefinition,
    available,
    calendar_for_town,
    fire,
    load_workflow,
    new_instance,
)
from coworkreg_core.yamlio import load_yaml

towns = Towns.from_plugins(get_plugin_manager())


def with_site_inspection() -> WorkflowDefinition:
    """Seregno's procedure plus a site inspection before listing."""
    # [extend]
    resource = towns.resource("seregno", "workflow.yaml")
    assert resource is not None
    data: dict[str, Any] = load_yaml(resource.read_text(encoding="utf-8"), str(resource)).data
    data["id"] = "inspected-listing"
    data["variables"]["inspection_passed"] = {"default": False, "for_status": True}
    data["states"]["site_inspection"] = {
        "title": {"it": "Sopralluogo", "en": "Site inspection"},
        "exits": ["record_inspection", "withdraw"],
        "permissions": {"view": ["applicant", "reviewer", "manager"], "review": ["reviewer"]},
    }
    data["states"]["under_review"]["exits"].append("schedule_inspection")
    data["transitions"]["schedule_inspection"] = {
        "title": {"it": "Programma il sopralluogo", "en": "Schedule the site inspection"},
        "to": "site_inspection",
        "guard": {"permissions": ["review"]},
    }
    data["transitions"]["record_inspection"] = {
        "title": {"it": "Registra l'esito del sopralluogo", "en": "Record the inspection"},
        "to": "under_review",
        "guard": {"permissions": ["review"]},
        "payload": {
            "required": ["passed"],
            "properties": {"passed": {"type": "boolean"}, "report": {"type": "string"}},
        },
        "set": {"inspection_passed": {"payload": "passed"}},
    }
    # Listing now needs a passed inspection, on top of Seregno's own guard.
    data["transitions"]["approve"]["guard"]["condition"] = {
        "expression": "variables.inspection_passed == true"
    }
    return load_workflow(json.dumps(data), "<seregno + site inspection>")
    # [extend-end]


def walk(definition: WorkflowDefinition) -> Instance:
    """One application from draft to listed, through the inspection."""
    calendar = calendar_for_town(towns, "seregno")
    # [walk]
    anna = Actor("anna")  # the applicant: a local role on her own application
    rossi = Actor("rossi", roles={"reviewer"})
    bianchi = Actor("bianchi", roles={"manager"})
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    instance = new_instance(definition, start, owner="anna")

    def step(name: str, actor: Actor, day: int, **payload: Any) -> None:
        nonlocal instance
        when = start.replace(day=day)
        outcome = fire(definition, instance, name, actor, payload, now=when)
        instance = outcome.instance
        status = instance.clock.status(calendar, when.date())
        print(f"{when:%d/%m} {name:20} -> {instance.state:16} deadline {status.deadline}")

    step("submit", anna, 2, protocol_number="0001234")
    step("take_in_charge", rossi, 3)
    try:
        step(
            "approve", bianchi, 4, registration_number="SEREGNO-2026-0001", valid_until="2029-03-10"
        )
    except TransitionForbidden as refused:
        print(f"approve refused: {refused}")
    step("schedule_inspection", rossi, 5)
    step("record_inspection", rossi, 10, passed=True, report="Spazi conformi")
    print("the manager may now:", available(definition, instance, bianchi))
    step("approve", bianchi, 11, registration_number="SEREGNO-2026-0001", valid_until="2029-03-10")
    # [walk-end]
    return instance


if __name__ == "__main__":
    definition = with_site_inspection()
    assert "site_inspection" in definition.states
    listed = walk(definition)
    assert listed.state == "listed"
    assert listed.variables["inspection_passed"] is True
    assert listed.history_length == 5  # the refused attempt left no trace

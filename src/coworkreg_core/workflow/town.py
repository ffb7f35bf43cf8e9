"""A town's procedure and calendar, read from its pack along ``extends``."""

from __future__ import annotations

from pathlib import Path

from coworkreg_core.errors import TownPackError
from coworkreg_core.towns import Towns
from coworkreg_core.workflow.calendar import CALENDAR_FILE, WorkingCalendar, load_calendar_file
from coworkreg_core.workflow.definition import WorkflowDefinition
from coworkreg_core.workflow.loader import WORKFLOW_FILE, load_workflow_file


def calendar_for_town(towns: Towns, town: str | Path) -> WorkingCalendar:
    """The office calendar of ``town``, or of the nearest pack it extends that has one."""
    resource = towns.resource(town, CALENDAR_FILE)
    if resource is None:
        raise TownPackError(f"no {CALENDAR_FILE} in the pack of {town} or the packs it extends")
    return load_calendar_file(resource)


def workflow_for_town(towns: Towns, town: str | Path) -> WorkflowDefinition:
    """The workflow of ``town`` from its pack, or from the nearest pack it extends."""
    resource = towns.resource(town, WORKFLOW_FILE)
    if resource is None:
        raise TownPackError(f"no {WORKFLOW_FILE} in the pack of {town} or the packs it extends")
    return load_workflow_file(resource)

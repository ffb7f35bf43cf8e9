"""The approval procedure: DCWorkflow semantics as pure Python over data, plus the legal clock.

Definitions (:mod:`.definition`) load from YAML or JSON (:mod:`.loader`) or
are built in Python (:mod:`.builder`); the engine (:mod:`.engine`) is pure;
the history (:mod:`.history`) is a hash chain; the clock (:mod:`.clock`)
counts the term of L. 241/1990 on a town's calendar (:mod:`.calendar`).
"""

from coworkreg_core.workflow.actor import SYSTEM, Actor
from coworkreg_core.workflow.builder import WorkflowBuilder
from coworkreg_core.workflow.calendar import WorkingCalendar, load_calendar
from coworkreg_core.workflow.clock import ClockChange, ClockState, ClockStatus, Suspension
from coworkreg_core.workflow.definition import WorkflowDefinition
from coworkreg_core.workflow.diagram import to_dot, to_mermaid
from coworkreg_core.workflow.engine import Outcome, available, fire, why_not
from coworkreg_core.workflow.guards import GuardFailure
from coworkreg_core.workflow.history import HistoryEntry, replay, verify_chain
from coworkreg_core.workflow.instance import Instance, new_instance
from coworkreg_core.workflow.loader import load_workflow, load_workflow_file
from coworkreg_core.workflow.timers import DueTimer, due
from coworkreg_core.workflow.town import calendar_for_town, workflow_for_town
from coworkreg_core.workflow.worklists import worklist

__all__ = [
    "SYSTEM",
    "Actor",
    "ClockChange",
    "ClockState",
    "ClockStatus",
    "DueTimer",
    "GuardFailure",
    "HistoryEntry",
    "Instance",
    "Outcome",
    "Suspension",
    "WorkflowBuilder",
    "WorkflowDefinition",
    "WorkingCalendar",
    "available",
    "calendar_for_town",
    "due",
    "fire",
    "load_calendar",
    "load_workflow",
    "load_workflow_file",
    "new_instance",
    "replay",
    "to_dot",
    "to_mermaid",
    "verify_chain",
    "why_not",
    "workflow_for_town",
    "worklist",
]

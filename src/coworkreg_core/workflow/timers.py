"""Timers as data: which timer transitions of an instance are due at a given time.

A scheduler (cron, a worker loop) calls :func:`due` with the current time and
fires what it returns with :data:`~coworkreg_core.workflow.actor.SYSTEM`. No
thread waits anywhere, and a missed run is caught up at the next one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from attrs import frozen

from coworkreg_core.workflow.definition import WorkflowDefinition
from coworkreg_core.workflow.guards import timer_due_at
from coworkreg_core.workflow.instance import Instance


@frozen
class DueTimer:
    """A timer transition whose time has come, and since when."""

    transition: str
    due_at: datetime


def due(definition: WorkflowDefinition, instance: Instance, now: datetime) -> list[DueTimer]:
    """The timer exits of the current state that are due at ``now``, earliest first."""
    found = []
    for transition in definition.exits(instance.state):
        if transition.trigger != "timer":
            continue
        at = timer_due_at(transition, instance)
        if at is not None and at <= now:
            found.append(DueTimer(transition.id, at))
    return sorted(found, key=lambda d: d.due_at)


def next_due(definition: WorkflowDefinition, instances: Iterable[Instance]) -> datetime | None:
    """The earliest time any timer of these instances falls due (to sleep until)."""
    times = [
        at
        for instance in instances
        for transition in definition.exits(instance.state)
        if transition.trigger == "timer" and (at := timer_due_at(transition, instance)) is not None
    ]
    return min(times, default=None)

"""Worklists: storage-agnostic queries over instances, sorted by deadline.

DCWorkflow builds a catalog query; here a worklist filters any iterable of
``(key, instance)`` pairs by state, variable values and guard, and sorts what
is left by the legal deadline, the most urgent first, suspended ones last.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from datetime import date

from attrs import frozen

from coworkreg_core.errors import NotFoundError
from coworkreg_core.workflow.actor import Actor
from coworkreg_core.workflow.calendar import WorkingCalendar
from coworkreg_core.workflow.clock import ClockStatus
from coworkreg_core.workflow.definition import WorkflowDefinition, Worklist
from coworkreg_core.workflow.guards import Functions, check_guard
from coworkreg_core.workflow.instance import Instance


@frozen
class WorklistItem:
    """One instance on a worklist, with where its term stands."""

    key: Hashable
    instance: Instance
    status: ClockStatus


def matches(worklist: Worklist, definition: WorkflowDefinition, instance: Instance) -> bool:
    """True if the instance is in one of the states and has the variable values."""
    if instance.state not in worklist.states:
        return False
    return all(instance.variables.get(var) in values for var, values in worklist.match.items())


def worklist(
    definition: WorkflowDefinition,
    name: str,
    instances: Iterable[tuple[Hashable, Instance]],
    actor: Actor,
    *,
    calendar: WorkingCalendar,
    today: date,
    functions: Functions | None = None,
) -> list[WorklistItem]:
    """The items of worklist ``name`` the actor may see, the nearest deadline first."""
    chosen = definition.worklists.get(name)
    if chosen is None:
        raise NotFoundError(f"no worklist {name!r}; defined: {', '.join(definition.worklists)}")
    items = []
    for key, instance in instances:
        if not matches(chosen, definition, instance):
            continue
        state = definition.states[instance.state]
        if check_guard(chosen.guard, state, instance, actor, functions or {}, {}) is not None:
            continue
        items.append(WorklistItem(key, instance, instance.clock.status(calendar, today)))
    return sorted(items, key=_urgency)


def _urgency(item: WorklistItem) -> tuple[int, date, int]:
    deadline = item.status.deadline
    if deadline is None:
        return (1, date.max, -item.status.remaining)
    return (0, deadline, 0)


def counts(
    definition: WorkflowDefinition,
    instances: Iterable[tuple[Hashable, Instance]],
    actor: Actor,
    *,
    functions: Functions | None = None,
) -> dict[str, int]:
    """How many instances each worklist shows the actor (for "Pending (3)" labels)."""
    pairs = list(instances)
    totals = dict.fromkeys(definition.worklists, 0)
    for name, chosen in definition.worklists.items():
        for _key, instance in pairs:
            if not matches(chosen, definition, instance):
                continue
            state = definition.states[instance.state]
            if check_guard(chosen.guard, state, instance, actor, functions or {}, {}) is None:
                totals[name] += 1
    return totals

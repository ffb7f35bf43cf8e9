"""The pure engine: what an actor may do, why not, and what firing a transition yields.

``fire`` never mutates its input and does no I/O: it returns an :class:`Outcome`
with the new instance, the history entries to append, the effects to perform
and the clock changes. After a transition, automatic transitions of the new
state chain on (DCWorkflow's ``_changeStateOf`` loop), bounded and with cycle
detection.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from attrs import frozen

from coworkreg_core.errors import (
    AutomaticTransitionLoop,
    InvalidPayload,
    NoSuchTransition,
    TransitionForbidden,
    WorkflowVersionMismatch,
)
from coworkreg_core.i18n import Text
from coworkreg_core.problems import Problem, Problems
from coworkreg_core.workflow.actor import SYSTEM, Actor
from coworkreg_core.workflow.clock import ClockChange, apply_clock, office_date
from coworkreg_core.workflow.definition import Effect, Transition, WorkflowDefinition
from coworkreg_core.workflow.guards import (
    Functions,
    GuardFailure,
    check_guard,
    timer_due_at,
)
from coworkreg_core.workflow.history import HistoryEntry, seal_entry
from coworkreg_core.workflow.instance import Instance
from coworkreg_core.workflow.payload import check_payload

MAX_AUTOMATIC_STEPS = 16
"""How many automatic transitions may chain after one fired transition."""

_NO_FUNCTIONS: Functions = {}
_NO_PAYLOAD: Mapping[str, Any] = {}
"""Shared and never mutated: the sealed entry keeps only the JSON text."""


@frozen(slots=False)  # a dict class: attrs builds frozen ones ~40% faster than slotted
class Outcome:
    """What firing a transition produced; nothing has been stored or sent yet."""

    instance: Instance
    entries: tuple[HistoryEntry, ...]
    effects: tuple[Effect, ...]
    clock_changes: tuple[ClockChange, ...]


def _blocker(
    definition: WorkflowDefinition,
    instance: Instance,
    transition: Transition,
    actor: Actor,
    functions: Functions,
    payload: Mapping[str, Any],
    now: datetime | None,
) -> GuardFailure | None:
    if transition.trigger != "user" and not actor.system:
        return GuardFailure("trigger", f"{transition.trigger} transitions are fired by the system")
    if transition.trigger == "timer":
        due = timer_due_at(transition, instance)
        if now is None or due is None or now < due:
            when = due.isoformat() if due else "unknown"
            return GuardFailure("timer", f"not due before {when}")
    state = definition.states[instance.state]
    return check_guard(transition.guard, state, instance, actor, functions, payload)


def available(
    definition: WorkflowDefinition,
    instance: Instance,
    actor: Actor,
    *,
    functions: Functions = _NO_FUNCTIONS,
    now: datetime | None = None,
) -> list[str]:
    """The exits of the current state this actor may fire now, in definition order."""
    return [
        t.id
        for t in definition.exits(instance.state)
        if _blocker(definition, instance, t, actor, functions, _NO_PAYLOAD, now) is None
    ]


def why_not(
    definition: WorkflowDefinition,
    instance: Instance,
    actor: Actor,
    *,
    functions: Functions = _NO_FUNCTIONS,
    now: datetime | None = None,
) -> dict[str, GuardFailure]:
    """For each exit the actor may not fire, the guard part that failed."""
    failures = {}
    for transition in definition.exits(instance.state):
        failure = _blocker(definition, instance, transition, actor, functions, _NO_PAYLOAD, now)
        if failure is not None:
            failures[transition.id] = failure
    return failures


def fire(
    definition: WorkflowDefinition,
    instance: Instance,
    transition: str,
    actor: Actor,
    payload: Mapping[str, Any] | None = None,
    *,
    now: datetime,
    functions: Functions = _NO_FUNCTIONS,
) -> Outcome:
    """Fire ``transition``; raise and change nothing if it may not happen.

    :raises WorkflowVersionMismatch: the instance started on another version.
    :raises NoSuchTransition: unknown, or not an exit of the current state.
    :raises TransitionForbidden: a guard part failed (``failed`` names it).
    :raises InvalidPayload: the payload breaks the transition's schema.
    :raises AutomaticTransitionLoop: automatic transitions chained without end.
    """
    if instance.workflow != definition.id or instance.version != definition.version:
        raise WorkflowVersionMismatch(
            definition.id, definition.version, instance.workflow, instance.version
        )
    state = definition.states[instance.state]
    chosen = definition.transitions.get(transition)
    if chosen is None or transition not in state.exits:
        raise NoSuchTransition(transition, instance.state, list(state.exits))
    given = _NO_PAYLOAD if payload is None else payload
    if chosen.trigger == "user":  # the common case, without the timer and trigger checks
        failure = check_guard(chosen.guard, state, instance, actor, functions, given)
    else:
        failure = _blocker(definition, instance, chosen, actor, functions, given, now)
    if failure is not None:
        raise TransitionForbidden(transition, failure.part, failure.detail)
    if chosen.payload_validator is not None:
        if given:
            check_payload(transition, chosen.payload_validator, given)
        elif chosen.empty_payload_problems:  # known since load time
            raise InvalidPayload(transition, chosen.empty_payload_problems)
    stamp = now.isoformat()
    try:
        current, entry, changes = _step(definition, instance, chosen, actor, given, now, stamp)
    except (TypeError, ValueError) as exc:  # the payload cannot be written as JSON
        raise InvalidPayload(transition, _not_json(exc)) from exc
    if not definition.automatic_exits[current.state]:  # the common case: nothing chains on
        return Outcome(current, (entry,), chosen.effects, changes)
    entries = [entry]
    effects = list(chosen.effects)
    clock_changes = list(changes)
    seen = {(instance.state, transition)}
    for _ in range(MAX_AUTOMATIC_STEPS):
        follow = _next_automatic(definition, current, functions, now)
        if follow is None:
            break
        if (current.state, follow.id) in seen:
            raise AutomaticTransitionLoop(follow.id, current.state)
        seen.add((current.state, follow.id))
        current, entry, changes = _step(
            definition, current, follow, SYSTEM, _NO_PAYLOAD, now, stamp
        )
        entries.append(entry)
        effects.extend(follow.effects)
        clock_changes.extend(changes)
    else:
        if _next_automatic(definition, current, functions, now) is not None:
            raise AutomaticTransitionLoop("", current.state)
    return Outcome(current, tuple(entries), tuple(effects), tuple(clock_changes))


def _not_json(exc: Exception) -> Problems:
    message = Text(it=f"il contenuto non è rappresentabile in JSON: {exc}", en=f"not JSON: {exc}")
    return Problems((Problem(pointer="", code="payload.json", message=message),))


def _next_automatic(
    definition: WorkflowDefinition, instance: Instance, functions: Functions, now: datetime
) -> Transition | None:
    for candidate in definition.automatic_exits[instance.state]:
        state = definition.states[instance.state]
        guard = check_guard(candidate.guard, state, instance, SYSTEM, functions, _NO_PAYLOAD)
        if guard is None:
            return candidate
    return None


def _step(
    definition: WorkflowDefinition,
    instance: Instance,
    transition: Transition,
    actor: Actor,
    payload: Mapping[str, Any],
    now: datetime,
    stamp: str,
) -> tuple[Instance, HistoryEntry, tuple[ClockChange, ...]]:
    target = transition.to or instance.state
    if transition.set or definition.reset_variables:
        variables = _new_variables(definition, instance, transition, payload, now)
    else:
        variables = instance.variables
    clock = instance.clock
    changes: tuple[ClockChange, ...] = ()
    if transition.clock is not None:
        clock, changes = apply_clock(clock, transition.clock, definition.clock, office_date(now))
    names = definition.status_variables
    status = {name: variables.get(name) for name in names} if names else _NO_PAYLOAD
    comment = payload.get("comment") if payload else None
    state = instance.state
    # Positional calls: this is the hot path of every transition.
    entry = seal_entry(
        instance.history_length,
        transition.id,
        actor.id,
        stamp,
        state,
        target,
        definition.id,
        definition.version,
        comment if isinstance(comment, str) else None,
        payload if type(payload) is dict else dict(payload),
        status,
        [change.to_json() for change in changes] if changes else (),
        instance.history_head,
    )
    moved = Instance(
        instance.workflow,
        instance.version,
        target,
        now if target != state else instance.entered_at,
        variables,
        instance.local_roles,
        clock,
        instance.history_length + 1,
        entry.hash,
    )
    return moved, entry, changes


def _new_variables(
    definition: WorkflowDefinition,
    instance: Instance,
    transition: Transition,
    payload: Mapping[str, Any],
    now: datetime,
) -> Mapping[str, Any]:
    values = dict(instance.variables)
    for name, variable in definition.variables.items():
        update = transition.set.get(name)
        if update is None:
            if variable.update_always:
                values[name] = variable.default
        elif update.today:
            values[name] = office_date(now).isoformat()
        elif update.payload is not None:
            values[name] = payload.get(update.payload, variable.default)
        else:
            values[name] = update.value
    return values

"""Guards: permission, role, group and condition, each an OR, all four ANDed.

A check returns the first part that fails (as DCWorkflow evaluates them) so
"why not?" can say exactly what is missing. Conditions are either a named
function taken from a registry the caller passes in, or a CEL expression
compiled once at load time; neither ever evaluates Python source.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any, Literal

from attrs import frozen

from coworkreg_core.workflow.actor import Actor, roles_on
from coworkreg_core.workflow.definition import Condition, Guard, State, Transition
from coworkreg_core.workflow.instance import Instance

GuardPart = Literal["trigger", "timer", "permission", "role", "group", "condition"]
ConditionFunction = Callable[[Mapping[str, Any]], object]
Functions = Mapping[str, ConditionFunction]


@frozen
class GuardFailure:
    """Which part of a guard failed, and what was missing."""

    part: GuardPart
    detail: str


def compile_expression(source: str) -> Any:
    """Compile a CEL expression once; a syntax error raises ``ValueError``."""
    import cel  # imported on first use: it costs ~0.4 s, and most definitions need none

    return cel.compile(source)


def condition_context(
    instance: Instance, actor: Actor, payload: Mapping[str, Any], roles: frozenset[str]
) -> dict[str, Any]:
    """What a condition sees: state, variables, payload and the actor, as plain data."""
    return {
        "state": instance.state,
        "variables": dict(instance.variables),
        "payload": dict(payload),
        "actor": {"id": actor.id, "roles": sorted(roles), "groups": sorted(actor.groups)},
    }


def check_condition(
    condition: Condition, context: Mapping[str, Any], functions: Functions
) -> GuardFailure | None:
    """None if the condition holds."""
    if condition.function is not None:
        function = functions.get(condition.function)
        if function is None:
            return GuardFailure("condition", f"no condition function {condition.function!r}")
        holds = function(context)
    else:
        try:
            holds = condition.program.execute(dict(context))
        except (RuntimeError, ValueError, TypeError, KeyError) as exc:
            return GuardFailure("condition", f"{condition.describe()} failed: {exc}")
    if holds is True:
        return None
    return GuardFailure("condition", f"{condition.describe()} is false")


def check_guard(
    guard: Guard,
    state: State,
    instance: Instance,
    actor: Actor,
    functions: Functions,
    payload: Mapping[str, Any],
) -> GuardFailure | None:
    """None if the actor passes every part of ``guard`` in ``state``."""
    local = instance.local_roles.get(actor.id)  # roles_on, inlined: this runs on every fire
    roles = actor.roles | frozenset(local) if local else actor.roles
    if guard.permissions:
        granted: set[str] = set()
        for permission in guard.permissions:
            granted.update(state.roles_with(permission))
        if roles.isdisjoint(granted):
            wanted = ", ".join(sorted(guard.permissions))
            return GuardFailure("permission", f"needs one of the permissions: {wanted}")
    if guard.roles and roles.isdisjoint(guard.roles):
        return GuardFailure("role", f"needs one of the roles: {', '.join(sorted(guard.roles))}")
    if guard.groups and actor.groups.isdisjoint(guard.groups):
        wanted = ", ".join(sorted(guard.groups))
        return GuardFailure("group", f"needs membership of one of: {wanted}")
    if guard.condition is not None:
        context = condition_context(instance, actor, payload, roles)
        return check_condition(guard.condition, context, functions)
    return None


def has_permission(state: State, instance: Instance, actor: Actor, permission: str) -> bool:
    """True if one of the actor's roles (local ones included) holds ``permission`` here."""
    return not roles_on(actor, instance.local_roles).isdisjoint(state.roles_with(permission))


def timer_due_at(transition: Transition, instance: Instance) -> datetime | None:
    """When a timer transition becomes due for this instance, if it can be known."""
    timer = transition.timer
    if timer is None:
        return None
    if timer.from_variable is None:
        start = instance.entered_at
    else:
        raw = instance.variables.get(timer.from_variable)
        if not raw:
            return None
        start = datetime.fromisoformat(str(raw))
        if start.tzinfo is None and instance.entered_at.tzinfo is not None:
            start = start.replace(tzinfo=instance.entered_at.tzinfo)
    return start + timedelta(days=timer.after_days)

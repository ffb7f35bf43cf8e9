"""Load-time checks of a workflow definition, each naming the place it concerns.

They run on the data (already valid against ``workflow.schema.json``) so that
every finding carries a JSON pointer, which the loader turns into a line of
the file. DCWorkflow checks almost nothing and fails at run time; here a
broken definition never loads.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from attrs import frozen

from coworkreg_core.problems import pointer_from_path

CONDITION_ROOTS = frozenset({"state", "variables", "payload", "actor"})
"""The names a guard expression may read."""


@frozen
class LintIssue:
    """One broken rule: where (JSON pointer), which rule, and why."""

    pointer: str
    rule: str
    reason: str


def _at(*path: str | int) -> str:
    return pointer_from_path(path)


def lint_data(data: Mapping[str, Any]) -> list[LintIssue]:
    """Every structural problem of a schema-valid definition, in document order."""
    issues: list[LintIssue] = []
    states: Mapping[str, Any] = data["states"]
    transitions: Mapping[str, Any] = data["transitions"]
    roles = set(data["roles"])
    permissions = set(data["permissions"])
    groups = set(data.get("groups", ()))
    variables = set(data.get("variables", {}))
    suspensions = set(data.get("clock", {}).get("suspensions", {}))

    if data["initial_state"] not in states:
        issues.append(LintIssue(_at("initial_state"), "unknown-state", "initial state not defined"))
    owner = data.get("owner_role")
    if owner is not None and owner not in roles:
        issues.append(LintIssue(_at("owner_role"), "unknown-role", f"unknown role {owner!r}"))

    used_as_exit: set[str] = set()
    for name, state in states.items():
        exits = state.get("exits", [])
        for index, exit_name in enumerate(exits):
            used_as_exit.add(exit_name)
            if exit_name not in transitions:
                reason = f"exit {exit_name!r} is not a defined transition"
                issues.append(
                    LintIssue(_at("states", name, "exits", index), "unknown-exit", reason)
                )
        if state.get("final") and exits:
            reason = f"final state {name!r} has exits"
            issues.append(LintIssue(_at("states", name, "exits"), "final-with-exits", reason))
        if not state.get("final") and not exits:
            reason = f"state {name!r} is not final and has no exit"
            issues.append(LintIssue(_at("states", name), "dead-end", reason))
        for permission, granted in state.get("permissions", {}).items():
            if permission not in permissions:
                reason = f"unknown permission {permission!r}"
                issues.append(
                    LintIssue(
                        _at("states", name, "permissions", permission), "unknown-permission", reason
                    )
                )
            issues.extend(
                _unknown(granted, roles, ("states", name, "permissions", permission), "role")
            )

    for name, transition in transitions.items():
        base = ("transitions", name)
        target = transition.get("to")
        if target is not None and target not in states:
            reason = f"target state {target!r} is not defined"
            issues.append(LintIssue(_at(*base, "to"), "unknown-state", reason))
        if name not in used_as_exit:
            reason = f"transition {name!r} is no state's exit"
            issues.append(LintIssue(_at(*base), "orphan-transition", reason))
        guard = transition.get("guard", {})
        issues.extend(_unknown(guard.get("roles", ()), roles, (*base, "guard", "roles"), "role"))
        issues.extend(
            _unknown(
                guard.get("permissions", ()),
                permissions,
                (*base, "guard", "permissions"),
                "permission",
            )
        )
        issues.extend(
            _unknown(guard.get("groups", ()), groups, (*base, "guard", "groups"), "group")
        )
        issues.extend(_trigger_issues(name, transition, variables))
        issues.extend(_clock_issues(name, transition, suspensions))
        for var in transition.get("set", {}):
            if var not in variables:
                reason = f"sets unknown variable {var!r}"
                issues.append(LintIssue(_at(*base, "set", var), "unknown-variable", reason))
        trigger = transition.get("trigger", "user")
        sources = [s for s, state in states.items() if name in state.get("exits", ())]
        if (
            trigger == "user"
            and sources
            and not any(_who_may_fire(guard, states[s], roles) for s in sources)
        ):
            reason = f"nobody may fire {name!r}: no role passes its guard in {', '.join(sources)}"
            issues.append(LintIssue(_at(*base, "guard"), "nobody-may-fire", reason))

    for name in _unreachable(data):
        issues.append(
            LintIssue(_at("states", name), "unreachable-state", f"state {name!r} is unreachable")
        )

    for name, worklist in data.get("worklists", {}).items():
        for index, state_name in enumerate(worklist["states"]):
            if state_name not in states:
                reason = f"unknown state {state_name!r}"
                issues.append(
                    LintIssue(_at("worklists", name, "states", index), "unknown-state", reason)
                )
        for var in worklist.get("match", {}):
            if var not in variables:
                reason = f"matches unknown variable {var!r}"
                issues.append(
                    LintIssue(_at("worklists", name, "match", var), "unknown-variable", reason)
                )
        guard = worklist.get("guard", {})
        issues.extend(
            _unknown(guard.get("roles", ()), roles, ("worklists", name, "guard", "roles"), "role")
        )
    return issues


def _unknown(
    names: Iterable[str], known: set[str], path: tuple[str | int, ...], kind: str
) -> list[LintIssue]:
    return [
        LintIssue(_at(*path, index), f"unknown-{kind}", f"unknown {kind} {value!r}")
        for index, value in enumerate(names)
        if value not in known
    ]


def _trigger_issues(
    name: str, transition: Mapping[str, Any], variables: set[str]
) -> list[LintIssue]:
    base = ("transitions", name)
    trigger = transition.get("trigger", "user")
    timer = transition.get("timer")
    guard = transition.get("guard", {})
    issues = []
    if trigger == "timer" and timer is None:
        issues.append(LintIssue(_at(*base), "timer", "a timer transition needs a timer"))
    if trigger != "timer" and timer is not None:
        issues.append(
            LintIssue(_at(*base, "timer"), "timer", "only timer transitions have a timer")
        )
    if timer is not None and timer.get("from_variable") not in (None, *variables):
        reason = f"unknown variable {timer['from_variable']!r}"
        issues.append(LintIssue(_at(*base, "timer", "from_variable"), "unknown-variable", reason))
    if trigger != "user" and any(guard.get(k) for k in ("roles", "permissions", "groups")):
        # The system fires these: only a condition can guard them.
        reason = f"{trigger} transitions are fired by the system; guard them with a condition only"
        issues.append(LintIssue(_at(*base, "guard"), "system-guard", reason))
    return issues


def _clock_issues(
    name: str, transition: Mapping[str, Any], suspensions: set[str]
) -> list[LintIssue]:
    clock = transition.get("clock")
    if clock is None or clock["action"] in ("start", "stop"):
        return []
    reason = clock.get("reason")
    if reason is None or reason not in suspensions:
        message = (
            f"clock {clock['action']} needs a reason declared in clock.suspensions, got {reason!r}"
        )
        return [LintIssue(_at("transitions", name, "clock"), "unknown-suspension", message)]
    return []


def _who_may_fire(guard: Mapping[str, Any], state: Mapping[str, Any], roles: set[str]) -> set[str]:
    candidates = set(roles)
    if guard.get("roles"):
        candidates &= set(guard["roles"])
    if guard.get("permissions"):
        granted: set[str] = set()
        for permission in guard["permissions"]:
            granted.update(state.get("permissions", {}).get(permission, ()))
        candidates &= granted
    return candidates


def _unreachable(data: Mapping[str, Any]) -> list[str]:
    states: Mapping[str, Any] = data["states"]
    transitions: Mapping[str, Any] = data["transitions"]
    start = data["initial_state"]
    if start not in states:
        return []
    seen = {start}
    todo = [start]
    while todo:
        state = todo.pop()
        for exit_name in states[state].get("exits", ()):
            target = transitions.get(exit_name, {}).get("to") or state
            if target in states and target not in seen:
                seen.add(target)
                todo.append(target)
    return [name for name in states if name not in seen]

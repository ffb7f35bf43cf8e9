"""A workflow definition: states, transitions, guards, variables, worklists, clock.

These are the values the loader builds from a data file (or the builder from
Python). A definition is built once and shared by every instance; nothing in
it changes after loading, and it holds no per-instance data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from attrs import Factory, field, frozen

from coworkreg_core.i18n import Text
from coworkreg_core.problems import Problems

Trigger = Literal["user", "automatic", "timer"]
ClockActionName = Literal["start", "suspend", "resume", "observations", "stop"]


@frozen
class Condition:
    """A guard condition: a named function from a registry, or a CEL expression.

    The expression is compiled once at load time (``program``); no Python code
    string is ever evaluated.
    """

    function: str | None = None
    expression: str | None = None
    program: Any = field(default=None, eq=False, repr=False)

    def describe(self) -> str:
        """``function NAME`` or ``expression SOURCE``, for messages."""
        if self.function is not None:
            return f"function {self.function}"
        return f"expression {self.expression}"


@frozen
class Guard:
    """Who may fire a transition: each list is an OR, the four parts are ANDed.

    An empty list does not restrict. Permissions are granted to roles by the
    permission map of the state the instance is in.
    """

    permissions: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()
    condition: Condition | None = None


@frozen
class Effect:
    """Something the transition asks the edge to do (render, notify): data only."""

    kind: str
    params: Mapping[str, Any] = field(factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """``{"kind": ..., **params}``, the form used in data files and outcomes."""
        return {"kind": self.kind, **self.params}


@frozen
class ClockAction:
    """What a transition does to the procedure clock.

    ``start`` on filing, ``suspend``/``resume`` with a reason (``integration``,
    ``refusal_notice``), ``observations`` resumes a refusal-notice suspension
    after the policy's delay, ``stop`` when the procedure ends.
    """

    action: ClockActionName
    reason: str | None = None


@frozen
class Timer:
    """When a timer transition becomes due: days after entering the state.

    With ``from_variable`` the days count from the ISO date held in that
    variable instead.
    """

    after_days: int
    from_variable: str | None = None


@frozen
class VariableUpdate:
    """How a transition sets a variable: a constant, a payload field, or today."""

    value: Any = None
    payload: str | None = None
    today: bool = False


@frozen
class Transition:
    """A transition: to a new state or (``to`` is None) remaining in place."""

    id: str
    title: Text
    to: str | None = None
    trigger: Trigger = "user"
    guard: Guard = Guard()
    payload_schema: Mapping[str, Any] | None = None
    payload_validator: Any = field(default=None, eq=False, repr=False)
    empty_payload_problems: Problems = field(factory=Problems, eq=False, repr=False)
    """What the schema says about an empty payload, worked out once at load."""
    effects: tuple[Effect, ...] = ()
    clock: ClockAction | None = None
    set: Mapping[str, VariableUpdate] = field(factory=dict)
    timer: Timer | None = None


@frozen
class State:
    """A state: its exits and which roles hold each permission while in it."""

    id: str
    title: Text
    exits: tuple[str, ...] = ()
    permissions: Mapping[str, frozenset[str]] = field(factory=dict)
    final: bool = False
    clock_running: bool = True
    """False where the term is stopped (shown in diagrams and worklists)."""

    def roles_with(self, permission: str) -> frozenset[str]:
        """The roles granted ``permission`` in this state."""
        return self.permissions.get(permission, frozenset())


@frozen
class Variable:
    """A workflow variable (DCWorkflow semantics).

    ``for_status`` copies it into every history entry; ``update_always`` resets
    it to its default on every transition that does not set it.
    """

    id: str
    default: Any = None
    for_status: bool = False
    update_always: bool = False


@frozen
class Worklist:
    """A named query over instances: states, variable values and a guard."""

    id: str
    title: Text
    states: frozenset[str]
    match: Mapping[str, frozenset[Any]] = field(factory=dict)
    guard: Guard = Guard()


@frozen
class SuspensionPolicy:
    """How the term may be suspended for one reason.

    ``max_days``: longest suspension (the term resumes on its own after it);
    ``max_count``: how many times per procedure; ``resume_delay_days``: after
    the applicant's observations the term resumes this many days later.
    """

    reason: str
    max_days: int | None = None
    max_count: int | None = None
    resume_delay_days: int = 0


@frozen
class ClockPolicy:
    """The procedure term and the suspensions the definition allows."""

    term_days: int = 30
    suspensions: Mapping[str, SuspensionPolicy] = field(factory=dict)


def _status_variables(definition: WorkflowDefinition) -> tuple[str, ...]:
    return tuple(name for name, var in definition.variables.items() if var.for_status)


def _reset_variables(definition: WorkflowDefinition) -> tuple[str, ...]:
    return tuple(name for name, var in definition.variables.items() if var.update_always)


def _automatic_exits(definition: WorkflowDefinition) -> dict[str, tuple[Transition, ...]]:
    return {
        name: tuple(
            definition.transitions[t]
            for t in state.exits
            if t in definition.transitions and definition.transitions[t].trigger == "automatic"
        )
        for name, state in definition.states.items()
    }


@frozen
class WorkflowDefinition:
    """A versioned workflow: the shared, immutable half of every instance."""

    id: str
    version: int
    title: Text
    initial_state: str
    states: Mapping[str, State]
    transitions: Mapping[str, Transition]
    roles: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()
    permissions: frozenset[str] = frozenset()
    owner_role: str | None = None
    variables: Mapping[str, Variable] = field(factory=dict)
    worklists: Mapping[str, Worklist] = field(factory=dict)
    clock: ClockPolicy = ClockPolicy()
    source: str | None = None
    status_variables: tuple[str, ...] = field(
        init=False, eq=False, repr=False, default=Factory(_status_variables, takes_self=True)
    )
    """Variables copied into every history entry (computed once)."""
    reset_variables: tuple[str, ...] = field(
        init=False, eq=False, repr=False, default=Factory(_reset_variables, takes_self=True)
    )
    """Variables reset to their default by every transition that does not set them."""
    automatic_exits: Mapping[str, tuple[Transition, ...]] = field(
        init=False, eq=False, repr=False, default=Factory(_automatic_exits, takes_self=True)
    )
    """Per state, its automatic exits, so the chaining loop does not scan every exit."""

    def exits(self, state: str) -> tuple[Transition, ...]:
        """The exit transitions of ``state``, in the order the definition lists them."""
        return tuple(self.transitions[t] for t in self.states[state].exits)

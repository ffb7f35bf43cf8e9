"""A workflow instance: one application's place in its procedure, as plain data.

An instance names the definition (id and version) it started with, its state,
its variables, its local roles, its clock and the head of its history chain.
The history entries themselves are stored beside it; the instance keeps only
their count and the last hash, so it stays small whatever the history length.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from attrs import field, frozen

from coworkreg_core.workflow.clock import ClockState
from coworkreg_core.workflow.definition import WorkflowDefinition

GENESIS = "0" * 64
"""The ``prev`` hash of the first history entry."""

JSON_FORMAT = 1


@frozen(slots=False)  # a dict class: attrs builds frozen ones ~40% faster than slotted
class Instance:
    """The mutable half of a procedure, as an immutable value."""

    workflow: str
    version: int
    state: str
    entered_at: datetime
    variables: Mapping[str, Any] = field(factory=dict)
    local_roles: Mapping[str, tuple[str, ...]] = field(factory=dict)
    clock: ClockState = field(factory=ClockState)
    history_length: int = 0
    history_head: str = GENESIS

    def to_json(self) -> dict[str, Any]:
        """The stable JSON form (see :meth:`from_json`)."""
        return {
            "format": JSON_FORMAT,
            "workflow": self.workflow,
            "version": self.version,
            "state": self.state,
            "entered_at": self.entered_at.isoformat(),
            "variables": dict(self.variables),
            "local_roles": {k: list(v) for k, v in self.local_roles.items()},
            "clock": self.clock.to_json(),
            "history": {"length": self.history_length, "head": self.history_head},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Instance:
        """Rebuild an instance from :meth:`to_json` output."""
        history = data.get("history", {})
        return cls(
            workflow=data["workflow"],
            version=data["version"],
            state=data["state"],
            entered_at=datetime.fromisoformat(data["entered_at"]),
            variables=dict(data.get("variables", {})),
            local_roles={k: tuple(v) for k, v in data.get("local_roles", {}).items()},
            clock=ClockState.from_json(data["clock"]),
            history_length=history.get("length", 0),
            history_head=history.get("head", GENESIS),
        )


def new_instance(
    definition: WorkflowDefinition,
    now: datetime,
    *,
    owner: str | None = None,
    variables: Mapping[str, Any] | None = None,
    local_roles: Mapping[str, tuple[str, ...]] | None = None,
    term_days: int | None = None,
) -> Instance:
    """A fresh instance in the initial state; nothing is copied from the definition.

    ``owner`` receives the definition's ``owner_role`` on this instance only.
    """
    values = {name: var.default for name, var in definition.variables.items()}
    if variables:
        values.update(variables)
    roles = dict(local_roles or {})
    if owner is not None and definition.owner_role is not None:
        roles[owner] = (*roles.get(owner, ()), definition.owner_role)
    return Instance(
        workflow=definition.id,
        version=definition.version,
        state=definition.initial_state,
        entered_at=now,
        variables=values,
        local_roles=roles,
        clock=ClockState(term_days=term_days or definition.clock.term_days),
    )

"""Build a workflow definition in Python; it goes through the same checks as a file.

>>> b = WorkflowBuilder("demo", 1, roles=["clerk"], permissions=["review"])
>>> _ = b.state("open", title="Aperta", permissions={"review": ["clerk"]})
>>> _ = b.state("closed", title="Chiusa", final=True)
>>> _ = b.transition("close", source=["open"], to="closed", permissions=["review"])
>>> b.build().states["open"].exits
('close',)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from coworkreg_core.workflow.definition import WorkflowDefinition
from coworkreg_core.workflow.loader import definition_from_data


class WorkflowBuilder:
    """Collects states and transitions as data, then builds a checked definition."""

    def __init__(
        self,
        id: str,  # noqa: A002 - the definition's field is called id
        version: int,
        *,
        title: str | Mapping[str, str] | None = None,
        roles: Iterable[str] = (),
        permissions: Iterable[str] = (),
        groups: Iterable[str] = (),
        owner_role: str | None = None,
        term_days: int = 30,
    ) -> None:
        self._data: dict[str, Any] = {
            "id": id,
            "version": version,
            "title": title or id,
            "initial_state": None,
            "roles": list(roles),
            "permissions": list(permissions),
            "groups": list(groups),
            "clock": {"term_days": term_days, "suspensions": {}},
            "variables": {},
            "states": {},
            "transitions": {},
            "worklists": {},
        }
        if owner_role is not None:
            self._data["owner_role"] = owner_role

    def state(
        self,
        name: str,
        *,
        title: str | Mapping[str, str] | None = None,
        permissions: Mapping[str, Iterable[str]] | None = None,
        final: bool = False,
        initial: bool = False,
        clock_running: bool = True,
    ) -> WorkflowBuilder:
        """Add a state; the first one added is initial unless another says so."""
        self._data["states"][name] = {
            "title": title or name,
            "exits": [],
            "permissions": {p: list(r) for p, r in (permissions or {}).items()},
            "final": final,
            "clock_running": clock_running,
        }
        if initial or self._data["initial_state"] is None:
            self._data["initial_state"] = name
        return self

    def transition(
        self,
        name: str,
        *,
        source: Iterable[str],
        to: str | None = None,
        title: str | Mapping[str, str] | None = None,
        trigger: str = "user",
        permissions: Iterable[str] = (),
        roles: Iterable[str] = (),
        groups: Iterable[str] = (),
        condition: Mapping[str, str] | None = None,
        payload: Mapping[str, Any] | None = None,
        effects: Iterable[Mapping[str, Any]] = (),
        clock: Mapping[str, str] | None = None,
        set: Mapping[str, Mapping[str, Any]] | None = None,  # noqa: A002 - the data key
        timer: Mapping[str, Any] | None = None,
    ) -> WorkflowBuilder:
        """Add a transition and make it an exit of every ``source`` state."""
        raw: dict[str, Any] = {"title": title or name, "trigger": trigger}
        if to is not None:
            raw["to"] = to
        guard: dict[str, Any] = {
            key: list(value)
            for key, value in (("permissions", permissions), ("roles", roles), ("groups", groups))
            if value
        }
        if condition is not None:
            guard["condition"] = dict(condition)
        if guard:
            raw["guard"] = guard
        for key, value in (("payload", payload), ("clock", clock), ("set", set), ("timer", timer)):
            if value is not None:
                raw[key] = value
        if effects:
            raw["effects"] = [dict(e) for e in effects]
        self._data["transitions"][name] = raw
        for state in source:
            self._data["states"].setdefault(state, {"title": state, "exits": []})
            self._data["states"][state].setdefault("exits", []).append(name)
        return self

    def variable(
        self,
        name: str,
        *,
        default: Any = None,
        for_status: bool = False,
        update_always: bool = False,
    ) -> WorkflowBuilder:
        """Add a workflow variable."""
        self._data["variables"][name] = {
            "default": default,
            "for_status": for_status,
            "update_always": update_always,
        }
        return self

    def suspension(
        self,
        reason: str,
        *,
        max_days: int | None = None,
        max_count: int | None = None,
        resume_delay_days: int = 0,
    ) -> WorkflowBuilder:
        """Allow the term to be suspended for ``reason``."""
        rule: dict[str, int] = {"resume_delay_days": resume_delay_days}
        if max_days is not None:
            rule["max_days"] = max_days
        if max_count is not None:
            rule["max_count"] = max_count
        self._data["clock"]["suspensions"][reason] = rule
        return self

    def worklist(
        self,
        name: str,
        *,
        states: Iterable[str],
        title: str | None = None,
        match: Mapping[str, Iterable[Any]] | None = None,
        roles: Iterable[str] = (),
    ) -> WorkflowBuilder:
        """Add a worklist."""
        raw: dict[str, Any] = {"title": title or name, "states": list(states)}
        if match:
            raw["match"] = {k: list(v) for k, v in match.items()}
        if roles:
            raw["guard"] = {"roles": list(roles)}
        self._data["worklists"][name] = raw
        return self

    def as_data(self) -> dict[str, Any]:
        """The definition as plain data, as it would be written in a file."""
        data = dict(self._data)
        if not data["groups"]:
            del data["groups"]
        return data

    def build(self) -> WorkflowDefinition:
        """The checked definition; a broken one raises ``WorkflowDefinitionError``."""
        return definition_from_data(self.as_data(), f"<builder {self._data['id']}>")

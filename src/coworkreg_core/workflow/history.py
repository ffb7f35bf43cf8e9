"""The review history as a hash chain: who did what, when, why, and proof of order.

Each entry holds the DCWorkflow status fields (action, actor, time, comment,
from and to state) plus the payload, the clock changes, the status variables
and the definition version, and the SHA-256 of its canonical JSON chained to
the previous entry's hash. Editing, removing or reordering a past entry breaks
the chain at that point.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from attrs import frozen

from coworkreg_core.errors import WorkflowError
from coworkreg_core.workflow.definition import WorkflowDefinition
from coworkreg_core.workflow.instance import GENESIS

_dumps = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
).encode


@frozen
class HistoryEntry:
    """One hashed history record; ``to_json`` is the stored form."""

    seq: int
    action: str
    actor: str
    time: str
    from_state: str
    to_state: str
    workflow: str
    version: int
    comment: str | None
    payload: Mapping[str, Any]
    variables: Mapping[str, Any]
    clock: tuple[Mapping[str, Any], ...]
    prev: str
    hash: str

    def to_json(self) -> dict[str, Any]:
        """The stored JSON form, ``hash`` included."""
        body = _body(
            self.seq,
            self.action,
            self.actor,
            self.time,
            self.from_state,
            self.to_state,
            self.workflow,
            self.version,
            self.comment,
            self.payload,
            self.variables,
            self.clock,
            self.prev,
        )
        body["hash"] = self.hash
        return body

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> HistoryEntry:
        """Rebuild an entry exactly as stored (the hash is not recomputed)."""
        return cls(
            seq=data["seq"],
            action=data["action"],
            actor=data["actor"],
            time=data["time"],
            from_state=data["from"],
            to_state=data["to"],
            workflow=data["workflow"],
            version=data["version"],
            comment=data.get("comment"),
            payload=data.get("payload", {}),
            variables=data.get("variables", {}),
            clock=tuple(data.get("clock", ())),
            prev=data["prev"],
            hash=data["hash"],
        )


def _body(
    seq: int,
    action: str,
    actor: str,
    time: str,
    from_state: str,
    to_state: str,
    workflow: str,
    version: int,
    comment: str | None,
    payload: Mapping[str, Any],
    variables: Mapping[str, Any],
    clock: Sequence[Mapping[str, Any]],
    prev: str,
) -> dict[str, Any]:
    return {
        "seq": seq,
        "action": action,
        "actor": actor,
        "time": time,
        "from": from_state,
        "to": to_state,
        "workflow": workflow,
        "version": version,
        "comment": comment,
        "payload": payload,
        "variables": variables,
        "clock": list(clock),
        "prev": prev,
    }


def entry_hash(body: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON of an entry without its ``hash`` key."""
    return hashlib.sha256(_dumps(body).encode("utf-8")).hexdigest()


def make_entry(
    *,
    seq: int,
    action: str,
    actor: str,
    time: str,
    from_state: str,
    to_state: str,
    workflow: str,
    version: int,
    comment: str | None,
    payload: Mapping[str, Any],
    variables: Mapping[str, Any],
    clock: tuple[Mapping[str, Any], ...],
    prev: str,
) -> HistoryEntry:
    """A new entry chained to ``prev``, its hash computed."""
    body = _body(
        seq,
        action,
        actor,
        time,
        from_state,
        to_state,
        workflow,
        version,
        comment,
        payload,
        variables,
        clock,
        prev,
    )
    return HistoryEntry(
        seq, action, actor, time, from_state, to_state, workflow, version, comment,
        payload, variables, clock, prev, entry_hash(body),
    )  # fmt: skip


@frozen
class ChainBreak:
    """Where and why a history chain fails to verify."""

    seq: int
    reason: str


def verify_chain(entries: Iterable[HistoryEntry | Mapping[str, Any]]) -> ChainBreak | None:
    """None if every entry hashes to its ``hash`` and links to its predecessor."""
    prev = GENESIS
    for index, item in enumerate(entries):
        data = item.to_json() if isinstance(item, HistoryEntry) else dict(item)
        stored = data.pop("hash", None)
        if data.get("seq") != index:
            return ChainBreak(index, f"expected seq {index}, found {data.get('seq')}")
        if data.get("prev") != prev:
            return ChainBreak(index, "prev does not match the previous entry's hash")
        if entry_hash(data) != stored:
            return ChainBreak(index, "content does not match its hash")
        prev = stored
    return None


def replay(definition: WorkflowDefinition, entries: Iterable[HistoryEntry]) -> str:
    """The state the history leads to, checking each step against the definition.

    Each entry must start where the previous one ended and name a transition
    that is an exit of that state and leads where the entry says.
    """
    state = definition.initial_state
    for entry in entries:
        if entry.from_state != state:
            raise WorkflowError(f"entry {entry.seq} starts in {entry.from_state!r}, not {state!r}")
        transition = definition.transitions.get(entry.action)
        if transition is None or entry.action not in definition.states[state].exits:
            raise WorkflowError(f"entry {entry.seq}: {entry.action!r} is no exit of {state!r}")
        expected = transition.to or state
        if entry.to_state != expected:
            raise WorkflowError(f"entry {entry.seq}: {entry.action!r} leads to {expected!r}")
        state = expected
    return state

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
from functools import cached_property
from typing import Any

from attrs import frozen

from coworkreg_core.errors import WorkflowError
from coworkreg_core.workflow.definition import WorkflowDefinition
from coworkreg_core.workflow.instance import GENESIS

_string = json.encoder.encode_basestring  # what the encoder below uses for strings
_dumps = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
).encode


@frozen(slots=False)  # a dict class, so ``body`` can be cached on first read
class HistoryEntry:
    """One sealed history record: the canonical JSON text of its body and its SHA-256.

    The body has the keys ``seq``, ``action``, ``actor``, ``time``, ``from``,
    ``to``, ``workflow``, ``version``, ``comment``, ``payload``, ``variables``,
    ``clock`` and ``prev``; the properties below read them. The entry keeps
    the very text that was hashed, so nothing can drift between what was
    sealed and what is stored, and sealing costs no extra copies.
    """

    canonical: str
    hash: str

    @cached_property
    def body(self) -> dict[str, Any]:
        """The body as data (parsed once, on first use); do not mutate it."""
        body: dict[str, Any] = json.loads(self.canonical)
        return body

    @property
    def seq(self) -> int:
        """Position in the chain, from 0."""
        return int(self.body["seq"])

    @property
    def action(self) -> str:
        """The transition fired."""
        return str(self.body["action"])

    @property
    def actor(self) -> str:
        """Who fired it (``system`` for automatic and timer transitions)."""
        return str(self.body["actor"])

    @property
    def time(self) -> str:
        """When, as an ISO 8601 instant."""
        return str(self.body["time"])

    @property
    def from_state(self) -> str:
        """The state before."""
        return str(self.body["from"])

    @property
    def to_state(self) -> str:
        """The state after."""
        return str(self.body["to"])

    @property
    def version(self) -> int:
        """The version of the definition the instance runs on."""
        return int(self.body["version"])

    @property
    def comment(self) -> str | None:
        """The free-text comment from the payload, if any."""
        comment = self.body.get("comment")
        return None if comment is None else str(comment)

    @property
    def payload(self) -> Mapping[str, Any]:
        """The validated payload given with the transition."""
        payload: Mapping[str, Any] = self.body["payload"]
        return payload

    @property
    def variables(self) -> Mapping[str, Any]:
        """The status variables after the transition."""
        variables: Mapping[str, Any] = self.body["variables"]
        return variables

    @property
    def clock(self) -> tuple[Mapping[str, Any], ...]:
        """The clock changes (suspensions, resumptions) the transition made."""
        return tuple(self.body["clock"])

    @property
    def prev(self) -> str:
        """The hash of the previous entry (all zeros for the first)."""
        return str(self.body["prev"])

    def to_json(self) -> dict[str, Any]:
        """The stored JSON form: a fresh copy of the body plus ``hash``."""
        data: dict[str, Any] = json.loads(self.canonical)
        data["hash"] = self.hash
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> HistoryEntry:
        """Rebuild an entry as stored (the hash is kept, not recomputed)."""
        body = {key: value for key, value in data.items() if key != "hash"}
        return cls(canonical=canonical_entry(body), hash=data["hash"])


def canonical_entry(body: Mapping[str, Any]) -> str:
    """The canonical JSON of an entry body: sorted keys, no spaces, UTF-8 as is."""
    return _dumps(body)


def entry_hash(body: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON of an entry without its ``hash`` key."""
    return hashlib.sha256(canonical_entry(body).encode("utf-8")).hexdigest()


def seal_entry(
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
) -> HistoryEntry:
    """A new entry chained to ``prev``, its hash computed.

    The arguments are serialised at once, so later changes to the mappings
    given cannot reach the entry.
    """
    text = _string
    # The canonical JSON (see canonical_entry), inlined because every transition
    # comes through here. Transition, state and workflow names match the
    # schema's name pattern, the hash is hex and the time ISO 8601: none needs
    # escaping, so they are quoted as they are.
    canonical = (
        f'{{"action":"{action}","actor":{text(actor)},'
        f'"clock":{_dumps(list(clock)) if clock else "[]"},'
        f'"comment":{"null" if comment is None else text(comment)},'
        f'"from":"{from_state}","payload":{_dumps(payload) if payload else "{}"},'
        f'"prev":"{prev}","seq":{int(seq)},"time":"{time}","to":"{to_state}",'
        f'"variables":{_dumps(variables) if variables else "{}"},'
        f'"version":{int(version)},"workflow":"{workflow}"}}'
    )
    return HistoryEntry(canonical, hashlib.sha256(canonical.encode("utf-8")).hexdigest())


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

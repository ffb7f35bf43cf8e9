"""The review history: hashed, chained, replayable, stable as JSON."""

from __future__ import annotations

import hashlib
import json

import pytest

from coworkreg_core.errors import WorkflowError
from coworkreg_core.workflow import HistoryEntry, Instance, fire, replay, verify_chain
from coworkreg_core.workflow.instance import GENESIS


@pytest.fixture
def entries(seregno, draft, applicant, reviewer, manager, at, payloads):
    steps = [
        ("submit", applicant, "2026-11-02"),
        ("take_in_charge", reviewer, "2026-11-03"),
        ("request_integration", reviewer, "2026-11-05"),
        ("provide_integration", applicant, "2026-11-09"),
        ("approve", manager, "2026-11-20"),
    ]
    instance, found = draft, []
    for name, actor, day in steps:
        outcome = fire(seregno, instance, name, actor, payloads.get(name, {}), now=at(day))
        instance = outcome.instance
        found.extend(outcome.entries)
    return instance, found


class TestChain:
    def test_entries_link_from_genesis_to_the_instance_head(self, entries):
        instance, found = entries
        assert found[0].prev == GENESIS
        assert [e.prev for e in found[1:]] == [e.hash for e in found[:-1]]
        assert instance.history_head == found[-1].hash
        assert instance.history_length == len(found) == 5
        assert verify_chain(found) is None

    @pytest.mark.parametrize(
        ("index", "key", "value"),
        [
            (0, "actor", "someone.else"),
            (2, "comment", "added later"),
            (3, "time", "2026-11-08T10:00:00+01:00"),
            (4, "payload", {"registration_number": "99/2026"}),
            (1, "to", "listed"),
        ],
    )
    def test_any_edit_to_a_past_entry_is_detected(self, entries, index, key, value):
        _, found = entries
        stored = [e.to_json() for e in found]
        stored[index][key] = value
        broken = verify_chain(stored)
        assert broken is not None
        assert broken.seq == index

    def test_rehashing_an_edited_entry_still_breaks_the_next_link(self, entries):
        from coworkreg_core.workflow.history import entry_hash

        _, found = entries
        stored = [e.to_json() for e in found]
        stored[1]["actor"] = "forger"
        body = {k: v for k, v in stored[1].items() if k != "hash"}
        stored[1]["hash"] = entry_hash(body)
        assert verify_chain(stored).seq == 2

    def test_removing_an_entry_is_detected(self, entries):
        _, found = entries
        assert verify_chain([*found[:2], *found[3:]]).seq == 2


class TestReplay:
    def test_replay_reaches_the_current_state(self, seregno, entries):
        instance, found = entries
        assert replay(seregno, found) == instance.state == "listed"

    def test_replay_rejects_a_step_that_is_no_exit(self, seregno, entries):
        _, found = entries
        with pytest.raises(WorkflowError):
            replay(seregno, [found[0], found[2]])


class TestJson:
    def test_entry_round_trips_through_json(self, entries):
        _, found = entries
        for entry in found:
            text = json.dumps(entry.to_json())
            assert HistoryEntry.from_json(json.loads(text)) == entry

    def test_entry_json_has_the_documented_keys(self, entries):
        _, found = entries
        assert set(found[2].to_json()) == {
            "seq", "action", "actor", "time", "from", "to", "workflow", "version",
            "comment", "payload", "variables", "clock", "prev", "hash",
        }  # fmt: skip
        assert found[2].to_json()["clock"] == [
            {"action": "suspend", "on": "2026-11-05", "reason": "integration"}
        ]

    def test_instance_round_trips_through_json(self, entries):
        instance, _ = entries
        text = json.dumps(instance.to_json())
        assert Instance.from_json(json.loads(text)) == instance


class TestCanonicalJson:
    @pytest.mark.parametrize(
        "payload",
        [
            {},
            {"reasons": 'Perché mancano "documenti"\n\ttab', "n": 3, "ok": True},
            {"z": [1, {"b": None, "a": 2.5}], "a": "€ ✓ \u2028"},
        ],
    )
    def test_sealing_hashes_exactly_the_sorted_json_of_the_body(self, payload):
        """The inlined encoder of seal_entry and json.dumps(sort_keys=True) agree byte for byte."""
        from coworkreg_core.workflow.history import entry_hash, seal_entry

        entry = seal_entry(
            3, "send_refusal_notice", 'uff."responsabile"', "2026-11-27T10:00:00+01:00",
            "under_review", "refusal_notice", "seregno-listing", 1, "nota «bene»\n",
            payload, {"kind": "new", "refusal_notice_sent": True},
            [{"action": "suspend", "on": "2026-11-27", "reason": "refusal_notice"}], "ab" * 32,
        )  # fmt: skip
        text = json.dumps(entry.body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert entry.hash == hashlib.sha256(text.encode("utf-8")).hexdigest()
        assert entry.hash == entry_hash(entry.body)

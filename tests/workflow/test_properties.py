"""Properties over random runs of Seregno's procedure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coworkreg_core.errors import WorkflowError
from coworkreg_core.workflow import SYSTEM, Actor, fire, new_instance, replay, verify_chain
from coworkreg_core.workflow.history import HistoryEntry

ACTORS = [
    Actor("owner"),
    Actor("stranger"),
    Actor("rev", roles={"reviewer"}),
    Actor("boss", roles={"manager"}),
    Actor("anyone", roles={"public"}),
    SYSTEM,
]

steps = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=len(ACTORS) - 1),
        st.integers(min_value=0, max_value=30),
        st.integers(min_value=0, max_value=40),
    ),
    max_size=40,
)

FIELDS = ["action", "actor", "time", "from", "to", "comment", "payload", "variables", "clock"]


def run(definition, payloads, plan):
    """Fire random transitions by random actors; keep only what the engine accepts."""
    now = datetime(2026, 11, 2, 9, tzinfo=UTC)
    instance = new_instance(definition, now, owner="owner")
    entries: list[HistoryEntry] = []
    for actor_index, transition_index, days in plan:
        now += timedelta(days=days)
        # Pick among the exits of the current state, so runs go deep into the procedure.
        exits = definition.states[instance.state].exits or tuple(definition.transitions)
        name = exits[transition_index % len(exits)]
        before = instance
        try:
            outcome = fire(
                definition, instance, name, ACTORS[actor_index], payloads.get(name, {}), now=now
            )
        except WorkflowError:
            assert instance == before  # a refused transition changes nothing
            continue
        instance = outcome.instance
        entries.extend(outcome.entries)
    return instance, entries


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=steps)
def test_random_allowed_sequences_stay_in_defined_states(seregno, payloads, plan):
    instance, entries = run(seregno, payloads, plan)
    assert instance.state in seregno.states
    assert all(e.to_state in seregno.states for e in entries)
    assert instance.history_length == len(entries)
    assert [e.seq for e in entries] == list(range(len(entries)))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=steps)
def test_replay_gives_the_current_state_and_the_chain_verifies(seregno, payloads, plan):
    instance, entries = run(seregno, payloads, plan)
    assert replay(seregno, entries) == instance.state
    assert verify_chain(entries) is None
    if entries:
        assert entries[-1].hash == instance.history_head


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=steps, data=st.data())
def test_any_edit_of_a_past_entry_is_detected(seregno, payloads, plan, data):
    _, entries = run(seregno, payloads, plan)
    if not entries:
        return
    index = data.draw(st.integers(min_value=0, max_value=len(entries) - 1))
    key = data.draw(st.sampled_from(FIELDS))
    stored = [e.to_json() for e in entries]
    replacement = data.draw(
        st.one_of(
            st.text(max_size=5),
            st.integers(),
            st.none(),
            st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
        )
    )
    if stored[index][key] == replacement:
        return
    stored[index][key] = replacement
    broken = verify_chain(stored)
    assert broken is not None
    assert broken.seq == index


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=steps)
def test_instances_round_trip_through_json(seregno, payloads, plan):
    from coworkreg_core.workflow import Instance

    instance, _ = run(seregno, payloads, plan)
    assert Instance.from_json(instance.to_json()) == instance

"""The engine's semantics on Seregno's procedure: who may do what, and what it yields."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from coworkreg_core.errors import (
    AutomaticTransitionLoop,
    InvalidPayload,
    NoSuchTransition,
    TransitionForbidden,
    WorkflowVersionMismatch,
)
from coworkreg_core.workflow import (
    SYSTEM,
    Actor,
    Instance,
    WorkflowBuilder,
    WorkflowDefinition,
    available,
    fire,
    new_instance,
    why_not,
)
from coworkreg_core.workflow.guards import has_permission

NOW = datetime(2026, 11, 2, 10, tzinfo=UTC)


class TestAvailable:
    def test_owner_of_a_draft_may_submit_or_withdraw(self, seregno, draft, applicant):
        """The applicant role is local: the owner of the draft holds it."""
        assert available(seregno, draft, applicant) == ["submit", "withdraw"]

    def test_another_applicant_may_do_nothing_on_someone_elses_draft(self, seregno, draft):
        """Being an applicant elsewhere gives no rights on this application."""
        stranger = Actor("mario.bianchi")
        assert available(seregno, draft, stranger) == []
        failures = why_not(seregno, draft, stranger)
        assert failures["submit"].part == "permission"
        assert failures["withdraw"].part == "role"

    def test_reviewer_cannot_submit_a_draft(self, seregno, draft, reviewer):
        """why_not names the guard part that failed."""
        assert why_not(seregno, draft, reviewer)["submit"].part == "permission"

    def test_timer_transitions_are_not_offered_to_people(
        self, seregno, draft, applicant, reviewer, advance
    ):
        """Only the system fires timer transitions."""
        instance = advance(
            draft,
            [
                ("submit", applicant, "2026-11-02"),
                ("take_in_charge", reviewer, "2026-11-03"),
                ("request_integration", reviewer, "2026-11-04"),
            ],
        )
        assert available(seregno, instance, applicant) == ["provide_integration", "withdraw"]
        assert why_not(seregno, instance, applicant)["integration_expired"].part == "trigger"


class TestPermissionsPerState:
    @pytest.mark.parametrize(
        ("state", "may_edit"),
        [
            ("draft", True),
            ("submitted", False),
            ("under_review", False),
            ("integration_requested", True),
            ("listed", False),
        ],
    )
    def test_applicant_edits_only_a_draft_or_when_asked_for_integration(
        self, seregno, draft, applicant, state, may_edit
    ):
        """The per-state permission map decides; the engine adds nothing."""
        instance = Instance.from_json({**draft.to_json(), "state": state})
        assert has_permission(seregno.states[state], instance, applicant, "edit_application") is (
            may_edit
        )

    def test_public_sees_only_listed_applications(self, seregno, draft):
        """ "listed = public" follows from the state's permission map."""
        public = Actor("anonymous", roles={"public"})
        visible = [
            s
            for s in seregno.states
            if has_permission(
                seregno.states[s],
                Instance.from_json({**draft.to_json(), "state": s}),
                public,
                "view",
            )
        ]
        assert visible == ["listed"]


class TestFire:
    def test_submit_returns_effects_clock_and_one_entry(self, seregno, draft, applicant, at):
        """The outcome carries the receipt effects and the start of the term."""
        outcome = fire(
            seregno,
            draft,
            "submit",
            applicant,
            {"protocol_number": "0001234"},
            now=at("2026-11-02"),
        )
        assert outcome.instance.state == "submitted"
        assert [e.as_dict() for e in outcome.effects] == [
            {"kind": "document", "template": "receipt"},
            {"kind": "notify", "channel": "pec", "to": "applicant", "template": "receipt"},
        ]
        assert [c.action for c in outcome.clock_changes] == ["start"]
        assert outcome.instance.clock.started.isoformat() == "2026-11-02"
        (entry,) = outcome.entries
        assert (entry.action, entry.actor, entry.from_state, entry.to_state) == (
            "submit",
            applicant.id,
            "draft",
            "submitted",
        )
        assert entry.variables["protocol_number"] == "0001234"
        assert entry.version == seregno.version

    def test_fire_never_mutates_its_input(self, seregno, draft, applicant, at):
        """The instance given in is the same value afterwards."""
        before = draft.to_json()
        fire(seregno, draft, "submit", applicant, {}, now=at("2026-11-02"))
        assert draft.to_json() == before

    def test_wrong_role_is_forbidden_with_the_failed_part(self, seregno, draft, reviewer, at):
        with pytest.raises(TransitionForbidden) as caught:
            fire(seregno, draft, "submit", reviewer, {}, now=at("2026-11-02"))
        assert caught.value.failed == "permission"

    def test_transition_from_the_wrong_state_is_no_such_transition(
        self, seregno, draft, manager, at, payloads
    ):
        with pytest.raises(NoSuchTransition) as caught:
            fire(seregno, draft, "approve", manager, payloads["approve"], now=at("2026-11-02"))
        assert caught.value.available == ["submit", "withdraw"]

    def test_unknown_transition_is_no_such_transition(self, seregno, draft, applicant, at):
        with pytest.raises(NoSuchTransition):
            fire(seregno, draft, "publish_everything", applicant, {}, now=at("2026-11-02"))

    def test_bad_payload_lists_every_problem_with_pointers(
        self, seregno, draft, applicant, reviewer, advance, at
    ):
        instance = advance(
            draft,
            [("submit", applicant, "2026-11-02"), ("take_in_charge", reviewer, "2026-11-03")],
        )
        with pytest.raises(InvalidPayload) as caught:
            fire(
                seregno,
                instance,
                "request_integration",
                reviewer,
                {"reason": "short", "documents": [""]},
                now=at("2026-11-04"),
            )
        problems = caught.value.problems
        assert problems.pointers() == ["/documents/0", "/reason"]
        assert problems.codes() == ["payload.minLength", "payload.minLength"]
        assert "testo troppo corto" in problems.describe("it")

    def test_missing_required_field_points_at_the_field(
        self, seregno, draft, applicant, reviewer, advance, at
    ):
        instance = advance(
            draft,
            [("submit", applicant, "2026-11-02"), ("take_in_charge", reviewer, "2026-11-03")],
        )
        with pytest.raises(InvalidPayload) as caught:
            fire(seregno, instance, "request_integration", reviewer, {}, now=at("2026-11-04"))
        assert caught.value.problems.pointers() == ["/reason"]

    def test_refusal_needs_a_refusal_notice_first(
        self, seregno, draft, applicant, reviewer, manager, advance, at, payloads
    ):
        """art. 10-bis as a guard condition: the expression fails until the notice is sent."""
        instance = advance(
            draft,
            [("submit", applicant, "2026-11-02"), ("take_in_charge", reviewer, "2026-11-03")],
        )
        with pytest.raises(TransitionForbidden) as caught:
            fire(seregno, instance, "refuse", manager, payloads["refuse"], now=at("2026-11-05"))
        assert caught.value.failed == "condition"
        instance = advance(
            instance,
            [
                ("send_refusal_notice", manager, "2026-11-05"),
                ("submit_observations", applicant, "2026-11-08"),
                ("refuse", manager, "2026-11-20"),
            ],
        )
        assert instance.state == "rejected"
        assert instance.clock.stopped.isoformat() == "2026-11-20"

    def test_version_mismatch_is_refused(self, seregno, draft, applicant, at):
        """An instance keeps the version it started with."""
        older = Instance.from_json({**draft.to_json(), "version": seregno.version + 1})
        with pytest.raises(WorkflowVersionMismatch):
            fire(seregno, older, "submit", applicant, {}, now=at("2026-11-02"))

    def test_approval_sets_variables_and_publishes(
        self, seregno, draft, applicant, reviewer, manager, advance, at
    ):
        outcome = fire(
            seregno,
            advance(
                draft,
                [("submit", applicant, "2026-11-02"), ("take_in_charge", reviewer, "2026-11-03")],
            ),
            "approve",
            manager,
            {"registration_number": "SEREGNO-2026-0007", "valid_until": "2029-11-09"},
            now=at("2026-11-10"),
        )
        assert outcome.instance.variables["registration_number"] == "SEREGNO-2026-0007"
        assert outcome.instance.variables["valid_until"] == "2029-11-09"
        assert outcome.instance.variables["listed_on"] == "2026-11-10"
        assert outcome.effects[-1].kind == "publish"


def _chain_definition(loop: bool) -> WorkflowDefinition:
    builder = WorkflowBuilder("chain", 1, roles=["clerk"], permissions=["act"])
    builder.variable("ready", default=False)
    builder.state("start", permissions={"act": ["clerk"]})
    builder.state("checking")
    builder.state("done", final=not loop)
    builder.transition(
        "go", source=["start"], to="checking", permissions=["act"], set={"ready": {"value": True}}
    )
    builder.transition(
        "check",
        source=["checking"],
        to="done",
        trigger="automatic",
        condition={"expression": "variables.ready == true"},
        effects=[{"kind": "notify", "template": "done"}],
    )
    if loop:
        builder.transition("back", source=["done"], to="checking", trigger="automatic")
    return builder.build()


class TestAutomaticTransitions:
    def test_automatic_transitions_chain_after_a_user_transition(self):
        """DCWorkflow's loop: the automatic exit whose guard passes fires at once."""
        definition = _chain_definition(loop=False)
        start = new_instance(definition, NOW)
        outcome = fire(definition, start, "go", Actor("c", roles={"clerk"}), now=NOW)
        assert outcome.instance.state == "done"
        assert [(e.action, e.actor) for e in outcome.entries] == [("go", "c"), ("check", SYSTEM.id)]
        assert [e.kind for e in outcome.effects] == ["notify"]

    def test_a_cycle_of_automatic_transitions_is_detected(self):
        definition = _chain_definition(loop=True)
        start = new_instance(definition, NOW)
        with pytest.raises(AutomaticTransitionLoop):
            fire(definition, start, "go", Actor("c", roles={"clerk"}), now=NOW)

    def test_people_cannot_fire_automatic_transitions(self):
        definition = _chain_definition(loop=False)
        checking = Instance.from_json(
            {**new_instance(definition, NOW).to_json(), "state": "checking"}
        )
        with pytest.raises(TransitionForbidden) as caught:
            fire(definition, checking, "check", Actor("c", roles={"clerk"}), now=NOW)
        assert caught.value.failed == "trigger"


class TestGuardParts:
    def _definition(self):
        builder = WorkflowBuilder(
            "guards", 1, roles=["clerk", "boss"], permissions=["act"], groups=["office"]
        )
        builder.state("open", permissions={"act": ["clerk", "boss"]})
        builder.state("closed", final=True)
        builder.transition(
            "close",
            source=["open"],
            to="closed",
            permissions=["act"],
            roles=["boss"],
            groups=["office"],
            condition={"function": "business_hours"},
        )
        return builder.build()

    @pytest.mark.parametrize(
        ("actor", "hours", "failed"),
        [
            (Actor("x"), True, "permission"),
            (Actor("x", roles={"clerk"}, groups={"office"}), True, "role"),
            (Actor("x", roles={"boss"}), True, "group"),
            (Actor("x", roles={"boss"}, groups={"office"}), False, "condition"),
            (Actor("x", roles={"boss"}, groups={"office"}), True, None),
        ],
    )
    def test_the_four_parts_are_anded_and_the_first_failure_is_named(self, actor, hours, failed):
        definition = self._definition()
        instance = new_instance(definition, NOW)
        functions = {"business_hours": lambda context: hours}
        failure = why_not(definition, instance, actor, functions=functions).get("close")
        assert (failure.part if failure else None) == failed

    def test_condition_function_receives_plain_data(self):
        definition = self._definition()
        instance = new_instance(definition, NOW)
        seen = []
        boss = Actor("b", roles={"boss"}, groups={"office"})
        available(definition, instance, boss, functions={"business_hours": seen.append})
        assert seen[0]["state"] == "open"
        assert seen[0]["actor"] == {"id": "b", "roles": ["boss"], "groups": ["office"]}


class TestPayloadAsData:
    def test_a_payload_that_is_not_json_is_invalid_and_changes_nothing(
        self, seregno, draft, applicant, reviewer, advance, at
    ):
        """History entries are JSON; a date object has no place in a payload."""
        from datetime import date

        submitted = advance(draft, [("submit", applicant, "2026-11-02")])
        with pytest.raises(InvalidPayload) as caught:
            fire(
                seregno,
                submitted,
                "take_in_charge",
                reviewer,
                {"on": date(2026, 11, 3)},
                now=at("2026-11-03"),
            )
        assert caught.value.problems.codes() == ["payload.json"]

    def test_later_changes_to_the_payload_do_not_reach_the_history(
        self, seregno, draft, applicant, at
    ):
        payload = {"comment": "prima versione"}
        outcome = fire(seregno, draft, "submit", applicant, payload, now=at("2026-11-02"))
        payload["comment"] = "cambiato dopo"
        assert outcome.entries[0].comment == "prima versione"
        assert outcome.entries[0].payload == {"comment": "prima versione"}

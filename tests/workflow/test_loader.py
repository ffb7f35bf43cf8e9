"""Loading definitions: schema, lints with lines, JSON and the Python builder."""

from __future__ import annotations

import json

import pytest

from coworkreg_core.errors import WorkflowDefinitionError
from coworkreg_core.workflow import WorkflowBuilder, load_workflow
from coworkreg_core.workflow.loader import lint_text

GOOD = """\
id: small
version: 2
title: Piccolo procedimento
initial_state: open
roles: [clerk]
permissions: [act]
states:
  open:
    title: Aperta
    exits: [close]
    permissions:
      act: [clerk]
  closed:
    title: Chiusa
    final: true
transitions:
  close:
    title: Chiudi
    to: closed
    guard:
      permissions: [act]
"""


def broken(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


class TestLoad:
    def test_a_good_definition_loads(self):
        definition = load_workflow(GOOD, "small.yaml")
        assert (definition.id, definition.version, definition.source) == (
            "small",
            2,
            "small.yaml",
        )
        assert definition.states["open"].exits == ("close",)

    def test_json_loads_the_same(self):
        import yaml

        as_json = json.dumps(yaml.safe_load(GOOD))
        assert load_workflow(as_json, "small.json").states == load_workflow(GOOD).states

    def test_seregno_has_the_states_of_the_architecture(self, seregno):
        assert set(seregno.states) == {
            "draft", "submitted", "under_review", "integration_requested", "refusal_notice",
            "listed", "suspended", "rejected", "withdrawn", "cancelled", "expired", "superseded",
        }  # fmt: skip
        assert seregno.roles == {"applicant", "reviewer", "manager", "public"}
        assert seregno.variables["kind"].default == "new"


class TestLints:
    @pytest.mark.parametrize(
        ("text", "line", "rule"),
        [
            (broken("    to: closed", "    to: shut"), 19, "unknown-state"),
            (broken("      act: [clerk]", "      act: [janitor]"), 12, "unknown-role"),
            (
                broken("      permissions: [act]", "      permissions: [sign]"),
                21,
                "unknown-permission",
            ),
            (broken("    final: true", "    final: false"), 14, "dead-end"),
            (broken("    exits: [close]", "    exits: [close, reopen]"), 10, "unknown-exit"),
            (broken("      act: [clerk]", "      act: []"), 21, "nobody-may-fire"),
            (
                GOOD + "  stray:\n    title: Stray\n    to: open\n",
                23,
                "orphan-transition",
            ),
            (
                broken("states:\n", "states:\n  limbo:\n    title: Limbo\n    final: true\n"),
                9,
                "unreachable-state",
            ),
            (broken("version: 2", "version: two"), 2, "schema"),
            (
                broken(
                    "      permissions: [act]",
                    "      permissions: [act]\n      condition: {expression: 'os.system(1)'}",
                ),
                22,
                "expression",
            ),
        ],
    )
    def test_broken_definitions_fail_at_load_with_line_and_rule(self, text, line, rule):
        with pytest.raises(WorkflowDefinitionError) as caught:
            load_workflow(text, "small.yaml")
        assert (caught.value.source, caught.value.line) == ("small.yaml", line)
        assert caught.value.reason.startswith(rule)

    def test_duplicate_keys_are_refused(self):
        with pytest.raises(WorkflowDefinitionError) as caught:
            load_workflow(broken("version: 2", "version: 2\nversion: 3"), "small.yaml")
        assert caught.value.line == 3

    def test_lint_text_reports_every_problem_in_line_order(self):
        """The CLI shows all findings, not only the first."""
        text = broken("    to: closed", "    to: shut").replace("act: [clerk]", "act: [janitor]")
        found = [(line, issue.rule) for line, issue in lint_text(text, "small.yaml")]
        assert found == [
            (12, "unknown-role"),
            (14, "unreachable-state"),
            (19, "unknown-state"),
            (21, "nobody-may-fire"),
        ]

    def test_unknown_condition_function_is_caught_when_the_registry_is_given(self):
        text = broken(
            "      permissions: [act]",
            "      permissions: [act]\n      condition: {function: office_open}",
        )
        assert load_workflow(text).transitions["close"].guard.condition.function == "office_open"
        with pytest.raises(WorkflowDefinitionError, match="unknown-function"):
            load_workflow(text, functions=["something_else"])


class TestBuilder:
    def test_builder_gives_the_same_definition_as_the_file(self):
        built = (
            WorkflowBuilder(
                "small", 2, title="Piccolo procedimento", roles=["clerk"], permissions=["act"]
            )
            .state("open", title="Aperta", permissions={"act": ["clerk"]})
            .state("closed", title="Chiusa", final=True)
            .transition("close", title="Chiudi", source=["open"], to="closed", permissions=["act"])
            .build()
        )
        loaded = load_workflow(GOOD)
        assert built.states == loaded.states
        assert built.transitions == loaded.transitions

    def test_builder_runs_the_same_lints(self):
        builder = WorkflowBuilder("x", 1, roles=["clerk"], permissions=["act"])
        builder.state("open").state("closed", final=True)
        builder.transition("close", source=["open"], to="nowhere")
        with pytest.raises(WorkflowDefinitionError, match="unknown-state"):
            builder.build()

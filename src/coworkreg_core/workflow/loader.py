"""Load a workflow definition from YAML or JSON: schema, lints, then values.

Every failure is a ``WorkflowDefinitionError`` naming the file, the line and
the rule broken. Guard expressions and payload schemas are compiled here,
once, so firing a transition never parses anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import jsonschema
from attrs import evolve

from coworkreg_core.errors import WorkflowDefinitionError
from coworkreg_core.i18n import Text
from coworkreg_core.problems import Problems
from coworkreg_core.resources import load_schema
from coworkreg_core.workflow.definition import (
    ClockAction,
    ClockPolicy,
    Condition,
    Effect,
    Guard,
    State,
    SuspensionPolicy,
    Timer,
    Transition,
    Variable,
    VariableUpdate,
    WorkflowDefinition,
    Worklist,
)
from coworkreg_core.workflow.guards import compile_expression
from coworkreg_core.workflow.lint import CONDITION_ROOTS, LintIssue, lint_data
from coworkreg_core.workflow.payload import compile_payload_schema, payload_problems
from coworkreg_core.yamlio import YamlDocument, load_yaml

WORKFLOW_FILE = "workflow.yaml"


@cache
def _schema_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load_schema("workflow"))


def find_issues(
    data: Any, *, functions: Iterable[str] | None = None
) -> tuple[list[LintIssue], WorkflowDefinition | None]:
    """All schema and lint issues of ``data``, and the definition if there are none."""
    schema_issues = [
        LintIssue("".join(f"/{p}" for p in error.absolute_path), "schema", error.message)
        for error in _schema_validator().iter_errors(data)
    ]
    if schema_issues:
        return schema_issues, None
    issues = lint_data(data)
    if functions is not None:
        issues.extend(_unknown_functions(data, set(functions)))
    if issues:
        return issues, None
    return _build(data)


def definition_from_data(
    data: Any,
    source: str = "<data>",
    *,
    document: YamlDocument | None = None,
    functions: Iterable[str] | None = None,
) -> WorkflowDefinition:
    """Build a definition from plain data; the first issue (by line) is raised."""
    issues, definition = find_issues(data, functions=functions)
    if issues or definition is None:
        # Lints come in dependency order (a wrong target before the unreachable
        # state it causes), schema errors in document order.
        first = issues[0] if issues[0].rule != "schema" else _earliest(document, issues)
        raise WorkflowDefinitionError(
            f"{first.rule}: {first.reason} (at {first.pointer or '/'})",
            source=source,
            line=_line(document, first.pointer),
        )
    return _with_source(definition, source)


def load_workflow(
    text: str, source: str = "<workflow>", *, functions: Iterable[str] | None = None
) -> WorkflowDefinition:
    """Parse YAML or JSON ``text`` into a definition, or raise with file and line."""
    document = load_yaml(text, source, error=WorkflowDefinitionError)
    return definition_from_data(document.data, source, document=document, functions=functions)


def load_workflow_file(
    path: Path | Traversable, *, functions: Iterable[str] | None = None
) -> WorkflowDefinition:
    """Load a definition file (``.yaml``, ``.yml`` or ``.json``)."""
    return load_workflow(path.read_text(encoding="utf-8"), str(path), functions=functions)


def lint_text(text: str, source: str) -> list[tuple[int | None, LintIssue]]:
    """Every issue of a definition text with its line, for ``coworkreg workflow lint``."""
    document = load_yaml(text, source, error=WorkflowDefinitionError)
    issues, _ = find_issues(document.data)
    located = [(_line(document, issue.pointer), issue) for issue in issues]
    return sorted(located, key=lambda pair: (pair[0] or 0, pair[1].pointer))


def _earliest(document: YamlDocument | None, issues: list[LintIssue]) -> LintIssue:
    return min(issues, key=lambda issue: _line(document, issue.pointer) or 0)


def _line(document: YamlDocument | None, pointer: str) -> int | None:
    return None if document is None else document.line_of(pointer)


def _with_source(definition: WorkflowDefinition, source: str) -> WorkflowDefinition:
    return evolve(definition, source=source)


def _unknown_functions(data: Mapping[str, Any], known: set[str]) -> list[LintIssue]:
    issues = []
    for name, transition in data["transitions"].items():
        function = transition.get("guard", {}).get("condition", {}).get("function")
        if function is not None and function not in known:
            pointer = f"/transitions/{name}/guard/condition/function"
            issues.append(
                LintIssue(pointer, "unknown-function", f"no condition function {function!r}")
            )
    return issues


def _text(value: Any, fallback: str) -> Text:
    return Text.of(value) if value is not None else Text.of(fallback)


def _guard(data: Mapping[str, Any], pointer: str, issues: list[LintIssue]) -> Guard:
    condition = None
    raw = data.get("condition")
    if raw is not None:
        if "expression" in raw:
            try:
                program = compile_expression(raw["expression"])
            except (ValueError, RuntimeError) as exc:
                issues.append(LintIssue(f"{pointer}/condition/expression", "expression", str(exc)))
                program = None
            else:
                stray = set(program.variables()) - CONDITION_ROOTS
                if stray:
                    reason = f"expression reads unknown names: {', '.join(sorted(stray))}"
                    issues.append(
                        LintIssue(f"{pointer}/condition/expression", "expression", reason)
                    )
            condition = Condition(expression=raw["expression"], program=program)
        else:
            condition = Condition(function=raw["function"])
    return Guard(
        permissions=frozenset(data.get("permissions", ())),
        roles=frozenset(data.get("roles", ())),
        groups=frozenset(data.get("groups", ())),
        condition=condition,
    )


def _transition(name: str, raw: Mapping[str, Any], issues: list[LintIssue]) -> Transition:
    pointer = f"/transitions/{name}"
    validator = None
    empty = Problems()
    if "payload" in raw:
        schema = {"type": "object", **raw["payload"]}
        try:
            validator = compile_payload_schema(schema)
        except ValueError as exc:
            issues.append(LintIssue(f"{pointer}/payload", "payload", str(exc)))
        else:
            empty = payload_problems(validator, {})
    clock = raw.get("clock")
    timer = raw.get("timer")
    return Transition(
        id=name,
        title=_text(raw.get("title"), name),
        to=raw.get("to"),
        trigger=raw.get("trigger", "user"),
        guard=_guard(raw.get("guard", {}), f"{pointer}/guard", issues),
        payload_schema=raw.get("payload"),
        payload_validator=validator,
        empty_payload_problems=empty,
        effects=tuple(
            Effect(kind=e["kind"], params={k: v for k, v in e.items() if k != "kind"})
            for e in raw.get("effects", ())
        ),
        clock=ClockAction(action=clock["action"], reason=clock.get("reason")) if clock else None,
        set={
            var: VariableUpdate(
                value=update.get("value"),
                payload=update.get("payload"),
                today=bool(update.get("today", False)),
            )
            for var, update in raw.get("set", {}).items()
        },
        timer=Timer(timer["after_days"], timer.get("from_variable")) if timer else None,
    )


def _build(data: Mapping[str, Any]) -> tuple[list[LintIssue], WorkflowDefinition | None]:
    issues: list[LintIssue] = []
    transitions = {
        name: _transition(name, raw, issues) for name, raw in data["transitions"].items()
    }
    states = {
        name: State(
            id=name,
            title=_text(raw.get("title"), name),
            exits=tuple(raw.get("exits", ())),
            permissions={p: frozenset(r) for p, r in raw.get("permissions", {}).items()},
            final=bool(raw.get("final", False)),
            clock_running=bool(raw.get("clock_running", True)),
        )
        for name, raw in data["states"].items()
    }
    worklists = {
        name: Worklist(
            id=name,
            title=_text(raw.get("title"), name),
            states=frozenset(raw["states"]),
            match={var: frozenset(values) for var, values in raw.get("match", {}).items()},
            guard=_guard(raw.get("guard", {}), f"/worklists/{name}/guard", issues),
        )
        for name, raw in data.get("worklists", {}).items()
    }
    clock = data.get("clock", {})
    policy = ClockPolicy(
        term_days=clock.get("term_days", 30),
        suspensions={
            reason: SuspensionPolicy(
                reason=reason,
                max_days=rule.get("max_days"),
                max_count=rule.get("max_count"),
                resume_delay_days=rule.get("resume_delay_days", 0),
            )
            for reason, rule in clock.get("suspensions", {}).items()
        },
    )
    if issues:
        return issues, None
    definition = WorkflowDefinition(
        id=data["id"],
        version=data["version"],
        title=_text(data.get("title"), data["id"]),
        initial_state=data["initial_state"],
        states=states,
        transitions=transitions,
        roles=frozenset(data["roles"]),
        groups=frozenset(data.get("groups", ())),
        permissions=frozenset(data["permissions"]),
        owner_role=data.get("owner_role"),
        variables={
            name: Variable(
                id=name,
                default=raw.get("default"),
                for_status=bool(raw.get("for_status", False)),
                update_always=bool(raw.get("update_always", False)),
            )
            for name, raw in data.get("variables", {}).items()
        },
        worklists=worklists,
        clock=policy,
    )
    return [], definition

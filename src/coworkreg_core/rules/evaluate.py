"""Evaluating a rule set against a provider: a pure function that never raises on data.

One CEL environment is built per provider (and one per space, for rules that
apply to each space) and reused by every rule, because converting the
provider to CEL values costs far more than evaluating a condition.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from coworkreg_core.i18n import Text
from coworkreg_core.rules.expressions import Condition, Environment, Undecidable
from coworkreg_core.rules.projection import project_root
from coworkreg_core.rules.ruleset import KINDS, ParameterValue, ResolvedRuleSet, Rule, RuleSet
from coworkreg_core.rules.text import fill
from coworkreg_core.rules.verdict import Outcome, RuleResult, Verdict

_MISSING = object()

MAX_DOCUMENT_VALUES = 100_000
"""The most values a provider document may hold to be evaluated at all."""

_NOT_APPLICABLE = Text(it="Non si applica a questo caso.", en="Does not apply in this case.")
_PASSED = Text(it="Requisito soddisfatto.", en="Requirement met.")
_UNDECIDABLE = Text(
    it="Non è possibile decidere: {detail}. Servono dati o documenti in più.",
    en="Cannot be decided: {detail}. More data or documents are needed.",
)
_SCALARS = frozenset({str, int, float, bool, type(None)})
_NO_SPACES = Undecidable("missing_data", "the provider lists no spaces")


def evaluate(
    ruleset: RuleSet | ResolvedRuleSet,
    provider: Mapping[str, Any] | object,
    *,
    on: date,
    kind: str = "new",
) -> Verdict:
    """The verdict on ``provider`` under ``ruleset`` on ``on``, for an application ``kind``.

    ``provider`` is the provider's JSON document, or a typed provider (an
    attrs instance), which is unstructured first. A parameter the rules in
    force read with no value on ``on`` raises ``RulesetError`` and an unknown
    ``kind`` raises ``ValueError``; nothing in the provider's data makes this raise.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown application kind {kind!r}; expected one of {', '.join(KINDS)}")
    resolved = ruleset.on(on) if isinstance(ruleset, RuleSet) else ruleset
    if resolved.on != on:
        raise ValueError(f"rules resolved for {resolved.on}, asked for {on}")
    document = as_document(provider)
    size = count_values(document, MAX_DOCUMENT_VALUES)
    if size > MAX_DOCUMENT_VALUES:
        # Converting a document this large to CEL would itself take seconds; a
        # valid provider has a few hundred values, so none of it is evaluated.
        stopped = Undecidable(
            "cost_limit",
            f"the document has more than {MAX_DOCUMENT_VALUES} values and was not evaluated",
        )
        return _verdict(
            resolved, on, kind, [_stopped(rule, resolved, stopped) for rule in resolved.rules]
        )
    params = {name: value.value for name, value in resolved.parameters.items()}
    base = {"params": params, "on": on.isoformat(), "kind": kind, "town": dict(resolved.town_data)}
    views = resolved.views
    provider_view = project_root(document, views.provider) if views else document
    provider_env = Environment({**base, "provider": provider_view}, resolved.functions)
    spaces = document.get("spaces")
    space_envs: list[tuple[str, Environment]] | None = None
    results: list[RuleResult] = []
    for rule in resolved.rules:
        if rule.applies_to == "provider":
            results.append(_run(rule, resolved, provider_env, None, kind))
            continue
        if space_envs is None:
            space_envs = [
                (_space_id(space, index), _space_environment(base, document, space, resolved))
                for index, space in enumerate(spaces if isinstance(spaces, list) else [])
            ]
        if not space_envs:
            results.append(_stopped(rule, resolved, _NO_SPACES))
        for space_id, env in space_envs:
            results.append(_run(rule, resolved, env, space_id, kind))
    return _verdict(resolved, on, kind, results)


def _space_environment(
    base: Mapping[str, Any], document: Mapping[str, Any], space: Any, resolved: ResolvedRuleSet
) -> Environment:
    """One space's environment: the space, and the provider only if a space rule reads it."""
    views = resolved.views
    if views is None:
        return Environment({**base, "provider": document, "space": space}, resolved.functions)
    variables = {**base, "space": project_root(space, views.space)}
    if views.space_provider is not None:
        variables["provider"] = project_root(document, views.space_provider)
    return Environment(variables, resolved.functions)


def _verdict(resolved: ResolvedRuleSet, on: date, kind: str, results: list[RuleResult]) -> Verdict:
    return Verdict(
        town=resolved.town,
        version=resolved.version,
        on=on,
        kind=kind,
        results=tuple(results),
        disabled=resolved.disabled,
    )


def count_values(document: object, limit: int) -> int:
    """How many values (leaves, lists, mappings) ``document`` holds, counted up to ``limit + 1``."""
    count = 0
    pending: list[Any] = [document]
    while pending and count <= limit:
        value = pending.pop()
        count += 1
        kind = type(value)
        # Exact types first: an isinstance check against the abstract Mapping
        # is several times slower, and JSON documents hold only dicts and lists.
        if kind is dict:
            pending.extend(value.values())
        elif kind is list:
            pending.extend(value)
        elif kind in _SCALARS:
            continue
        elif isinstance(value, Mapping):
            pending.extend(value.values())
        elif isinstance(value, list | tuple):
            pending.extend(value)
    return count


def as_document(provider: object) -> Mapping[str, Any]:
    """The provider as the JSON-like mapping conditions read.

    A typed ``coworkreg_core.model.Provider`` is unstructured with the
    library's converter; anything that is not a provider reads as an empty
    document, so every rule that reads it is undecidable.
    """
    if isinstance(provider, Mapping):
        return provider
    # Imported here so loading rules does not import the typed model and cattrs.
    from coworkreg_core.convert import unstructure_provider
    from coworkreg_core.model import Provider

    if isinstance(provider, Provider):
        return unstructure_provider(provider)
    return {}


def _space_id(space: Any, index: int) -> str:
    if isinstance(space, Mapping) and isinstance(space.get("id"), str):
        return str(space["id"])
    return f"#{index}"


def _decide(condition: Condition, env: Environment) -> bool | Undecidable:
    value = condition.evaluate(env)
    if isinstance(value, bool | Undecidable):
        return value
    return Undecidable("not_boolean", f"the condition gave {value!r}, not true or false")


def _read(data: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = data
    for part in path:
        if type(value) is not dict and not isinstance(value, Mapping):
            return _MISSING
        if part not in value:
            return _MISSING
        value = value[part]
    return value


def _run(
    rule: Rule,
    resolved: ResolvedRuleSet,
    env: Environment,
    space: str | None,
    kind: str,
) -> RuleResult:
    values: dict[str, Any] = {}
    missing: list[str] = []
    for path in rule.paths:
        value = _read(env.data, path)
        if value is _MISSING:
            missing.append(".".join(path))
        else:
            values[".".join(path)] = value
    parameters = {name: resolved.parameters[name] for name in rule.parameters}
    outcome: Outcome
    decided: bool | Undecidable
    if kind not in rule.kinds:
        decided = False
        outcome = "not_applicable"
    else:
        decided = _decide(rule.when, env) if rule.when is not None else True
        if decided is True:
            decided = _decide(rule.condition, env)
            outcome = "pass" if decided is True else "fail"
        else:
            outcome = "not_applicable"
        if isinstance(decided, Undecidable):
            outcome = "undecidable"
    if outcome == "fail":
        message = fill(rule.message, _placeholders(resolved, values, env, space))
    elif outcome == "pass":
        message = _PASSED
    elif outcome == "not_applicable":
        message = _NOT_APPLICABLE
    else:
        assert isinstance(decided, Undecidable)  # outcome is undecidable only then
        message = _UNDECIDABLE.format(detail=decided.detail)
    return _result(rule, outcome, message, values, missing, parameters, space, decided)


def _placeholders(
    resolved: ResolvedRuleSet, values: Mapping[str, Any], env: Environment, space: str | None
) -> dict[str, Any]:
    """What a message may show: every parameter, the values read, the space's id and name."""
    placeholders: dict[str, Any] = {f"params.{n}": p.value for n, p in resolved.parameters.items()}
    placeholders.update(values)
    if space is not None:
        space_data = env.data.get("space")
        placeholders["space.id"] = space
        placeholders["space.name"] = (
            space_data.get("name", space) if isinstance(space_data, Mapping) else space
        )
    return placeholders


def _stopped(rule: Rule, resolved: ResolvedRuleSet, why: Undecidable) -> RuleResult:
    """A rule left undecidable without running it."""
    parameters = {name: resolved.parameters[name] for name in rule.parameters}
    message = _UNDECIDABLE.format(detail=why.detail)
    return _result(rule, "undecidable", message, {}, [], parameters, None, why)


def _result(
    rule: Rule,
    outcome: Outcome,
    message: Text,
    values: dict[str, Any],
    missing: list[str],
    parameters: dict[str, ParameterValue],
    space: str | None,
    decided: bool | Undecidable,
) -> RuleResult:
    return RuleResult(
        rule_id=rule.id,
        title=rule.title,
        outcome=outcome,
        severity=rule.severity,
        reference=rule.reference,
        message=message,
        origin=rule.origin,
        values=values,
        missing=tuple(missing),
        parameters=parameters,
        space=space,
        reason=decided.code if isinstance(decided, Undecidable) else None,
    )

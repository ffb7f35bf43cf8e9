"""Rule sets: what they contain, and the set in force for a town on a date.

A :class:`RuleSet` is the result of loading a town's ``rules.yaml`` together
with every file it ``extends``: rules replaced by id, added or disabled with a
reason, parameters replaced by name, each with the place it was written.
Everything that can be checked is checked at load (see :mod:`.loader`);
:meth:`RuleSet.on` then picks the rules in force and the parameter values for
one date.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Literal

from attrs import field, frozen

from coworkreg_core.errors import RulesetError
from coworkreg_core.i18n import Text
from coworkreg_core.rules.expressions import Condition
from coworkreg_core.rules.parameters import LegalReference, Origin, Parameter
from coworkreg_core.rules.projection import RuleViews, views_for

Severity = Literal["blocking", "warning", "document_needed"]
Scope = Literal["provider", "space"]
KINDS: tuple[str, ...] = ("new", "renewal", "variation")
"""Application kinds: a first application, a renewal, a variation of listed data."""


@frozen
class Rule:
    """One requirement: its condition, its legal ground and what to say when it fails."""

    id: str
    title: Text
    reference: LegalReference
    condition: Condition
    severity: Severity
    message: Text
    origin: Origin
    applies_to: Scope = "provider"
    kinds: tuple[str, ...] = KINDS
    when: Condition | None = None
    valid_from: date | None = None
    valid_until: date | None = None

    def in_force(self, on: date) -> bool:
        """Whether ``on`` falls within the rule's dates (both ends included)."""
        if self.valid_from is not None and on < self.valid_from:
            return False
        return self.valid_until is None or on <= self.valid_until

    @property
    def conditions(self) -> tuple[Condition, ...]:
        """The applicability condition, if any, then the condition."""
        return (self.when, self.condition) if self.when is not None else (self.condition,)

    @property
    def parameters(self) -> tuple[str, ...]:
        """The parameters the rule reads, in order of first use."""
        names = [
            *(self.when.reads.parameters if self.when else ()),
            *self.condition.reads.parameters,
        ]
        return tuple(dict.fromkeys(names))

    @property
    def paths(self) -> tuple[tuple[str, ...], ...]:
        """The data paths the rule reads (``("provider", "insurance", "cover_eur")``)."""
        paths = [*(self.when.reads.paths if self.when else ()), *self.condition.reads.paths]
        return tuple(dict.fromkeys(paths))


@frozen
class DisabledRule:
    """An inherited rule a town does not apply, and why."""

    id: str
    reason: Text
    origin: Origin
    """Where it was disabled."""
    rule_origin: Origin
    """Where the disabled rule was written."""


@frozen
class ParameterValue:
    """A parameter's value on one date, with the date it took effect and its reference."""

    name: str
    value: Any
    effective: date
    reference: LegalReference | None


@frozen
class ResolvedRuleSet:
    """The rules in force for a town on a date, with the parameter values they read."""

    town: str
    version: str
    on: date
    rules: tuple[Rule, ...]
    parameters: Mapping[str, ParameterValue]
    disabled: tuple[DisabledRule, ...]
    town_data: Mapping[str, str]
    """What conditions read as ``town``: ``id``, ``name``, ``istat_code``."""
    functions: Mapping[str, Callable[..., object]] = field(eq=False, repr=False)
    views: RuleViews | None = field(default=None, eq=False, repr=False)
    """The parts of a provider these rules read (see :mod:`.projection`)."""


@frozen
class RuleSet:
    """A town's rules with everything they extend, compiled and checked."""

    town: str
    version: str
    title: Text | None
    files: tuple[Origin, ...]
    """The files read, the town's own first, then each one it extends."""
    rules: tuple[Rule, ...]
    parameters: Mapping[str, Parameter]
    disabled: tuple[DisabledRule, ...]
    town_data: Mapping[str, str]
    """What conditions read as ``town``: ``id``, ``name``, ``istat_code``."""
    functions: Mapping[str, Callable[..., object]] = field(eq=False, repr=False)
    _cache: dict[date, ResolvedRuleSet] = field(factory=dict, eq=False, repr=False)

    def parameter(self, name: str, on: date) -> ParameterValue:
        """The value of ``name`` on ``on``; an unknown name or no value raises ``RulesetError``."""
        parameter = self.parameters.get(name)
        if parameter is None:
            raise RulesetError(
                f"no parameter {name!r}; known: {', '.join(sorted(self.parameters))}",
                source=self.files[0].file,
            )
        dated = parameter.at(on)
        if dated is None:
            first = parameter.values[0].effective.isoformat()
            raise RulesetError(
                f"parameter {name!r} has no value on {on.isoformat()} "
                f"(its first value is from {first})",
                source=parameter.origin.file,
                line=parameter.origin.line,
            )
        return ParameterValue(name, dated.value, dated.effective, dated.reference)

    def on(self, on: date) -> ResolvedRuleSet:
        """The rules in force on ``on``; a parameter they read with no value then raises."""
        cached = self._cache.get(on)
        if cached is not None:
            return cached
        rules = tuple(rule for rule in self.rules if rule.in_force(on))
        values: dict[str, ParameterValue] = {}
        for rule in rules:
            for name in rule.parameters:
                if name not in values:
                    values[name] = self.parameter(name, on)
        for name, parameter in self.parameters.items():
            if name not in values and parameter.at(on) is not None:
                values[name] = self.parameter(name, on)
        resolved = ResolvedRuleSet(
            town=self.town,
            version=self.version,
            on=on,
            rules=rules,
            parameters=values,
            disabled=self.disabled,
            town_data=self.town_data,
            functions=self.functions,
            views=views_for(
                [c for r in rules if r.applies_to == "provider" for c in r.conditions],
                [c for r in rules if r.applies_to == "space" for c in r.conditions],
            ),
        )
        self._cache[on] = resolved
        return resolved

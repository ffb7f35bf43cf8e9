"""Verdicts: the decision on a provider and its grounds, rule by rule.

A refusal must state its grounds (art. 10-bis L. 241/1990), so each rule's
result keeps its outcome, the values it read, the parameters it used with the
date each took effect, its legal reference and the message, filled in.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from attrs import frozen

from coworkreg_core.i18n import DEFAULT_LANG, Lang, Text
from coworkreg_core.rules.parameters import LegalReference, Origin
from coworkreg_core.rules.ruleset import DisabledRule, ParameterValue, Severity

Outcome = Literal["pass", "fail", "not_applicable", "undecidable"]
Decision = Literal["eligible", "not_eligible", "undecided"]


@frozen
class RuleResult:
    """How one rule went, for the provider or for one of its spaces."""

    rule_id: str
    title: Text
    outcome: Outcome
    severity: Severity
    reference: LegalReference
    message: Text
    origin: Origin
    values: Mapping[str, Any]
    """The data the rule read, by path (``space.workstations``); absent values are left out."""
    missing: tuple[str, ...]
    """Paths the rule reads that the provider's data does not have."""
    parameters: Mapping[str, ParameterValue]
    space: str | None = None
    """The space's id, for a rule that applies to each space."""
    reason: str | None = None
    """Why an undecidable rule could not be decided (``missing_data``, ``cost_limit``...)."""

    def as_dict(self, lang: Lang = DEFAULT_LANG) -> dict[str, Any]:
        """A JSON-ready view in ``lang``."""
        return {
            "id": self.rule_id,
            "title": self.title.get(lang),
            "outcome": self.outcome,
            "severity": self.severity,
            "space": self.space,
            "reference": self.reference.as_dict(lang),
            "message": self.message.get(lang),
            "values": dict(self.values),
            "missing": list(self.missing),
            "parameters": {
                name: {"value": p.value, "effective": p.effective.isoformat()}
                for name, p in self.parameters.items()
            },
            "reason": self.reason,
            "origin": {
                "town": self.origin.town,
                "file": self.origin.file,
                "line": self.origin.line,
            },
        }


@frozen
class Verdict:
    """Whether a provider may be listed under a town's rules on a date, and why."""

    town: str
    version: str
    on: date
    kind: str
    results: tuple[RuleResult, ...]
    disabled: tuple[DisabledRule, ...] = ()

    @property
    def decision(self) -> Decision:
        """``not_eligible`` if a blocking rule fails, ``undecided`` if one cannot be decided."""
        blocking = [r for r in self.results if r.severity == "blocking"]
        if any(r.outcome == "fail" for r in blocking):
            return "not_eligible"
        if any(r.outcome == "undecidable" for r in blocking):
            return "undecided"
        return "eligible"

    @property
    def eligible(self) -> bool:
        """Whether the decision is ``eligible``."""
        return self.decision == "eligible"

    def outcomes(self) -> dict[str, Outcome]:
        """Each result's outcome keyed by rule id, with ``@space`` for space rules."""
        return {
            (f"{r.rule_id}@{r.space}" if r.space is not None else r.rule_id): r.outcome
            for r in self.results
        }

    def grounds(self) -> tuple[RuleResult, ...]:
        """The blocking rules that failed: the grounds for a refusal."""
        return tuple(r for r in self.results if r.severity == "blocking" and r.outcome == "fail")

    def as_dict(self, lang: Lang = DEFAULT_LANG) -> dict[str, Any]:
        """A JSON-ready view: ``verdict`` and ``rules``, plus the context."""
        return {
            "verdict": self.decision,
            "town": self.town,
            "version": self.version,
            "on": self.on.isoformat(),
            "kind": self.kind,
            "rules": [r.as_dict(lang) for r in self.results],
            "disabled": [
                {"id": d.id, "reason": d.reason.get(lang), "by": d.origin.town}
                for d in self.disabled
            ],
        }

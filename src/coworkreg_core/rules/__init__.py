"""Eligibility rules as data: load a town's rule set, evaluate a provider, explain why.

A town pack's ``rules.yaml`` (schema ``ruleset``) holds::

    town: desio
    version: "1.0.0"
    extends: {town: seregno, version: "1"}      # rules of another town, by id
    legal_basis:                                 # sources, cited by id
      avviso_desio: {title: {it: ..., en: ...}, url: ...}
    parameters:                                  # values by the date they take effect
      min_workstations:
        reference: {basis: avviso_desio, article: art. 2}
        values: {2025-03-01: 4}
    rules:                                       # same id as an inherited rule: replaces it
      - id: floor_area_per_workstation
        title: {it: ..., en: ...}
        reference: {basis: avviso_desio, article: art. 2 c. 1 lett. g}
        applies_to: space                        # or provider (the default)
        kinds: [new]                             # application kinds; all when absent
        when: space.address.istat_code == town.istat_code
        condition: space.floor_area_m2 >= double(space.workstations) * params.min_area
        severity: blocking                       # or warning, document_needed
        message: {it: "... {space.name} ...", en: "..."}
        valid_from: 2025-03-01
    disable:
      reception: {it: ..., en: ...}              # an inherited rule not applied, and why

Conditions are CEL over ``provider``, ``space``, ``params``, ``town``, ``on``
(the ISO date) and ``kind``, plus ``weekly_hours``, ``open_days`` and the
functions plugins give through ``coworkreg_rule_functions``.

>>> from datetime import date
>>> from coworkreg_core.rules import evaluate, load_ruleset
>>> ruleset = load_ruleset("seregno")  # doctest: +SKIP
>>> evaluate(ruleset, provider, on=date(2026, 11, 25)).decision  # doctest: +SKIP
'eligible'
"""

from coworkreg_core.rules.evaluate import evaluate
from coworkreg_core.rules.expressions import Condition, Undecidable, compile_condition
from coworkreg_core.rules.functions import rule_functions
from coworkreg_core.rules.loader import RULES_FILE, load_ruleset
from coworkreg_core.rules.parameters import LegalReference, Origin, Parameter
from coworkreg_core.rules.ruleset import (
    DisabledRule,
    ParameterValue,
    ResolvedRuleSet,
    Rule,
    RuleSet,
)
from coworkreg_core.rules.verdict import RuleResult, Verdict

__all__ = [
    "RULES_FILE",
    "Condition",
    "DisabledRule",
    "LegalReference",
    "Origin",
    "Parameter",
    "ParameterValue",
    "ResolvedRuleSet",
    "Rule",
    "RuleResult",
    "RuleSet",
    "Undecidable",
    "Verdict",
    "compile_condition",
    "evaluate",
    "load_ruleset",
    "rule_functions",
]

"""Eligibility rules as data: load a town's rule set, evaluate a provider, explain why.

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

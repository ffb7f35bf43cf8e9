"""Functions that conditions call: the library's own and those plugins give."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from coworkreg_core import get_plugin_manager, hookimpl
from coworkreg_core.errors import PluginError, RulesetError
from coworkreg_core.rules import evaluate, load_ruleset, rule_functions
from coworkreg_core.rules.functions import open_days, weekly_hours

RULES = """\
town: alpha
version: "1.0"
legal_basis: {notice: {title: Avviso}}
rules:
  - id: even_workstations
    title: Postazioni pari
    reference: notice
    applies_to: space
    condition: is_even(space.workstations)
    severity: warning
    message: Numero dispari di postazioni
"""


class EvenPlugin:
    """A plugin giving one rule function."""

    @hookimpl
    def coworkreg_rule_functions(self) -> dict[str, Any]:
        return {"is_even": lambda n: n % 2 == 0}


HOURS: dict[str, Any] = {
    "monday": [{"opens": "08:30", "closes": "12:30"}, {"opens": "14:00", "closes": "18:00"}],
    "tuesday": [{"opens": "09:00", "closes": "24:00"}],
    "sunday": [],
}


class TestBuiltins:
    """weekly_hours and open_days read the schema's opening hours."""

    def test_weekly_hours_sums_every_slot(self) -> None:
        """Two slots on Monday (8 h) and one to midnight on Tuesday (15 h)."""
        assert weekly_hours(HOURS) == 23.0

    def test_open_days_counts_days_with_a_slot(self) -> None:
        """A day listed with no slot is closed."""
        assert open_days(HOURS) == 2


class TestPluginFunctions:
    """A plugin's function is callable from conditions once its plugin is registered."""

    def test_a_plugin_function_is_called_by_a_condition(self, make_towns: Any) -> None:
        """``is_even`` from the plugin decides the rule, space by space."""
        towns = make_towns(alpha=RULES)
        pm = get_plugin_manager(load_entrypoints=False, plugins=[EvenPlugin()])
        ruleset = load_ruleset("alpha", towns=towns, functions=rule_functions(pm))
        provider = {"spaces": [{"id": "a", "workstations": 12}, {"id": "b", "workstations": 7}]}
        verdict = evaluate(ruleset, provider, on=date(2026, 11, 25))
        assert verdict.outcomes() == {"even_workstations@a": "pass", "even_workstations@b": "fail"}

    def test_without_the_plugin_the_rule_file_fails_at_load(self, make_towns: Any) -> None:
        """A condition calling a function nobody gives is a load error naming it."""
        towns = make_towns(alpha=RULES)
        with pytest.raises(RulesetError, match="unknown function\\(s\\): is_even") as info:
            load_ruleset("alpha", towns=towns, functions=rule_functions(None))
        assert info.value.line == 9

    def test_a_failing_function_leaves_the_rule_undecidable(self, make_towns: Any) -> None:
        """A function that raises on odd data never makes evaluation raise."""
        towns = make_towns(alpha=RULES)
        pm = get_plugin_manager(load_entrypoints=False, plugins=[EvenPlugin()])
        ruleset = load_ruleset("alpha", towns=towns, functions=rule_functions(pm))
        verdict = evaluate(
            ruleset, {"spaces": [{"id": "a", "workstations": "x"}]}, on=date(2026, 1, 1)
        )
        assert verdict.outcomes() == {"even_workstations@a": "undecidable"}
        assert verdict.results[0].reason == "evaluation_error"

    def test_a_name_offered_twice_is_an_error(self) -> None:
        """Two plugins cannot both define ``is_even``; nor shadow a builtin."""
        pm = get_plugin_manager(load_entrypoints=False, plugins=[EvenPlugin(), EvenPlugin()])
        with pytest.raises(PluginError, match="'is_even' is offered twice"):
            rule_functions(pm)

        class Shadow:
            @hookimpl
            def coworkreg_rule_functions(self) -> dict[str, Any]:
                return {"weekly_hours": lambda hours: 168.0}

        pm = get_plugin_manager(load_entrypoints=False, plugins=[Shadow()])
        with pytest.raises(PluginError, match="'weekly_hours' is offered twice"):
            rule_functions(pm)

"""Functions a condition may call: the library's own, and those plugins add.

CEL's standard library has no arithmetic over opening hours, so the library
gives ``weekly_hours`` and ``open_days``. Plugins add more through the
``coworkreg_rule_functions`` hook; a name offered twice is an error, because a
rule must mean one thing whichever plugins are installed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from coworkreg_core.errors import PluginError

if TYPE_CHECKING:
    import pluggy

RuleFunction = Callable[..., object]


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def weekly_hours(opening_hours: Mapping[str, Any]) -> float:
    """Hours open in a week, summed over every day's time slots.

    >>> weekly_hours({"monday": [{"opens": "09:00", "closes": "13:30"}]})
    4.5
    """
    total = 0
    for slots in opening_hours.values():
        for slot in slots:
            total += max(0, _minutes(slot["closes"]) - _minutes(slot["opens"]))
    return total / 60


def open_days(opening_hours: Mapping[str, Any]) -> int:
    """Days of the week with at least one time slot.

    >>> open_days({"monday": [{"opens": "09:00", "closes": "13:00"}], "sunday": []})
    1
    """
    return sum(1 for slots in opening_hours.values() if slots)


BUILTIN_RULE_FUNCTIONS: Mapping[str, RuleFunction] = {
    "weekly_hours": weekly_hours,
    "open_days": open_days,
}
"""The functions every rule set may call."""


def rule_functions(pm: pluggy.PluginManager | None = None) -> dict[str, RuleFunction]:
    """The library's functions plus every plugin's; a name offered twice raises ``PluginError``."""
    functions: dict[str, RuleFunction] = dict(BUILTIN_RULE_FUNCTIONS)
    if pm is None:
        return functions
    for offered in pm.hook.coworkreg_rule_functions():
        for name, function in offered.items():
            if name in functions:
                raise PluginError(f"rule function {name!r} is offered twice")
            if not name.isidentifier():
                raise PluginError(f"rule function name {name!r} is not an identifier")
            functions[name] = function
    return functions

"""Properties: the same inputs give the same verdict; a future change never alters today's."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from coworkreg_core.rules import RuleSet, evaluate
from coworkreg_core.rules.parameters import DatedValue

TODAY = date(2026, 11, 25)
NAMES = [
    "01-studio-brianza-freelancer",
    "03-nuvola-lab-innovative-startup",
    "04-officina-meda-small-firm",
    "06-il-ponte-aps-third-sector",
    "07-brianza-digitale-telework-employer",
]
NUMERIC_PARAMETERS = [
    "min_workstations",
    "min_download_mbps",
    "min_open_days",
    "min_weekly_hours",
    "min_insurance_cover_eur",
]


@st.composite
def variants(draw: st.DrawFn, providers: dict[str, Any]) -> dict[str, Any]:
    """An example provider with its first space's workstations and speed changed."""
    provider: dict[str, Any] = copy.deepcopy(providers[draw(st.sampled_from(NAMES))])
    space = provider["spaces"][0]
    space["workstations"] = draw(st.integers(min_value=1, max_value=60))
    connectivity = space["services"]["connectivity"]
    connectivity["download_mbps"] = draw(st.sampled_from([20, 99.5, 100, 299, 300, 1000]))
    return provider


def with_future_value(ruleset: RuleSet, name: str, when: date, value: Any) -> RuleSet:
    """``ruleset`` with one more dated value for parameter ``name``."""
    parameter = ruleset.parameters[name]
    changed = attrs.evolve(
        parameter, values=(*parameter.values, DatedValue(when, value, reference=None))
    )
    return attrs.evolve(ruleset, parameters={**ruleset.parameters, name: changed}, cache={})


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_the_same_inputs_give_the_same_verdict(
    seregno: RuleSet, providers: dict[str, Any], data: st.DataObject
) -> None:
    """Evaluating twice, or on an equal copy of the provider, gives equal verdicts."""
    provider = data.draw(variants(providers))
    on = data.draw(st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31)))
    first = evaluate(seregno, provider, on=on)
    again = evaluate(seregno, copy.deepcopy(provider), on=on)
    assert first == again
    assert first.as_dict("en") == again.as_dict("en")


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_change_dated_in_the_future_does_not_change_todays_verdict(
    seregno: RuleSet, providers: dict[str, Any], data: st.DataObject
) -> None:
    """A new value from tomorrow on, however large, leaves today's verdict as it was."""
    provider = data.draw(variants(providers))
    name = data.draw(st.sampled_from(NUMERIC_PARAMETERS))
    when = TODAY + timedelta(days=data.draw(st.integers(min_value=1, max_value=3650)))
    value = data.draw(st.integers(min_value=0, max_value=10**7))
    changed = with_future_value(seregno, name, when, value)
    assert evaluate(changed, provider, on=TODAY) == evaluate(seregno, provider, on=TODAY)
    assert changed.on(when).parameters[name].value == value

"""Only what rules read is converted to CEL; cutting the rest never changes an outcome."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coworkreg_core.rules import RuleSet, evaluate, load_ruleset
from coworkreg_core.rules.projection import WHOLE, build, project
from coworkreg_core.rules.schemawalk import INDEX

ON = date(2026, 11, 25)


def outcomes_and_messages(verdict: Any) -> list[tuple[str, str | None, str, str]]:
    return [(r.rule_id, r.space, r.outcome, r.message.en) for r in verdict.results]


class TestProject:
    """Cutting a document down to a trie of paths."""

    def test_fields_not_read_are_left_out(self) -> None:
        """Only the paths in the trie survive."""
        trie = build([(("organisation", "category"), True)])
        doc = {"organisation": {"category": "freelancer", "name": "X"}, "contact": {"name": "Y"}}
        assert project(doc, trie) == {"organisation": {"category": "freelancer"}}

    def test_an_iterated_list_keeps_its_length(self) -> None:
        """A list read only through a macro keeps every item, cut to what is read."""
        trie = build([(("spaces", INDEX), False), (("spaces", INDEX, "workstations"), True)])
        doc = {"spaces": [{"workstations": 3, "name": "a"}, {"name": "b"}]}
        assert project(doc, trie) == {"spaces": [{"workstations": 3}, {}]}

    def test_a_whole_value_wins_over_its_parts(self) -> None:
        """A path read whole keeps everything below it, whatever else is listed."""
        trie = build([(("insurance",), True), (("insurance", "cover_eur"), True)])
        assert trie == {"insurance": WHOLE}
        doc = {"insurance": {"cover_eur": 1, "insurer": "Z"}}
        assert project(doc, trie) == doc

    def test_unexpected_shapes_are_kept_as_they_are(self) -> None:
        """A scalar where a mapping was expected is not dropped: the rule will see it."""
        trie = build([(("organisation", "category"), True)])
        assert project({"organisation": 5}, trie) == {"organisation": 5}


class TestViews:
    """What a rule set asks to keep."""

    def test_seregno_needs_a_few_provider_fields(self, seregno: RuleSet) -> None:
        """Provider rules read five top-level fields, and of the spaces only the ISTAT code."""
        views = seregno.on(ON).views
        assert views is not None
        assert set(views.provider) == {
            "organisation",
            "spaces",
            "insurance",
            "declarations",
            "attachments",
        }
        assert views.provider["spaces"] == {INDEX: {"address": {"istat_code": WHOLE}}}
        assert views.space_provider is None
        assert views.space["id"] is WHOLE

    def test_a_variable_over_a_computed_list_keeps_the_root_whole(self, make_towns: Any) -> None:
        """``filter(...).exists(a, a.x)``: what ``a`` reads is not followed, so nothing is cut."""
        rules = """\
            town: alpha
            version: "1.0"
            legal_basis: {notice: {title: Avviso}}
            rules:
              - id: big_space_in_town
                title: Spazio grande
                reference: notice
                condition: >-
                  provider.spaces.filter(s, s.workstations > 10)
                  .exists(a, a.address.istat_code == "108039")
                severity: blocking
                message: Nessuno spazio grande
            """
        ruleset = load_ruleset("alpha", towns=make_towns(alpha=rules))
        views = ruleset.on(ON).views
        assert views is not None
        assert views.provider is WHOLE
        provider = {"spaces": [{"workstations": 12, "address": {"istat_code": "108039"}}]}
        assert evaluate(ruleset, provider, on=ON).decision == "eligible"


@pytest.mark.parametrize("town", ["seregno", "desio"])
def test_examples_judged_the_same_with_and_without_cutting(
    town: str, seregno: RuleSet, desio: RuleSet, providers: dict[str, Any]
) -> None:
    """Every example gets the same outcomes and messages from the whole document."""
    resolved = (seregno if town == "seregno" else desio).on(ON)
    uncut = attrs.evolve(resolved, views=None)
    for provider in providers.values():
        cut = evaluate(resolved, provider, on=ON)
        whole = evaluate(uncut, provider, on=ON)
        assert outcomes_and_messages(cut) == outcomes_and_messages(whole)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_cutting_never_changes_an_outcome(
    seregno: RuleSet, providers: dict[str, Any], data: st.DataObject
) -> None:
    """Providers with fields removed at random: cut or whole, the same outcomes."""
    provider = copy.deepcopy(data.draw(st.sampled_from(sorted(providers.items())))[1])
    for space in provider["spaces"]:
        for key in data.draw(st.sets(st.sampled_from(sorted(space)))):
            if key != "id":
                del space[key]
    for key in data.draw(st.sets(st.sampled_from(["insurance", "attachments", "contact"]))):
        provider.pop(key, None)
    resolved = seregno.on(ON)
    cut = evaluate(resolved, provider, on=ON)
    whole = evaluate(attrs.evolve(resolved, views=None), provider, on=ON)
    assert outcomes_and_messages(cut) == outcomes_and_messages(whole)

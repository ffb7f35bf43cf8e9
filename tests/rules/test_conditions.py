"""Conditions: compiled once, undecidable rather than false on missing data, bounded in cost."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coworkreg_core.errors import RulesetError
from coworkreg_core.resources import load_schema
from coworkreg_core.rules import RuleSet, Undecidable, compile_condition, evaluate, load_ruleset
from coworkreg_core.rules.expressions import MAX_COST, Environment, Scope
from coworkreg_core.rules.schemawalk import SchemaWalker

ON = date(2026, 11, 25)
WALKER = SchemaWalker(load_schema("provider"))
SCOPE = Scope(
    roots={"provider": WALKER.root, "params": None, "space": WALKER.definition("space")},
    parameters=frozenset({"min"}),
    functions=frozenset(),
    walker=WALKER,
)


def run(source: str, **variables: Any) -> object:
    return compile_condition(source, SCOPE).evaluate(Environment(variables, {}))


class TestOutcomes:
    """What a condition gives back."""

    def test_true_and_false_come_back_as_booleans(self) -> None:
        """A decided condition is a plain bool."""
        assert run("space.workstations >= params.min", space={"workstations": 8}, params={"min": 6})
        assert not run(
            "space.workstations >= params.min", space={"workstations": 4}, params={"min": 6}
        )

    @pytest.mark.parametrize(
        ("source", "space", "code"),
        [
            ("space.workstations >= 6", {}, "missing_data"),
            ("space.services.connectivity.download_mbps > 1", {"services": {}}, "missing_data"),
            ("space.workstations >= 6", {"workstations": "six"}, "evaluation_error"),
            ("space.prices[3].amount_eur > 1", {"prices": []}, "missing_data"),
        ],
    )
    def test_missing_or_wrong_data_is_undecidable_never_false(
        self, source: str, space: dict[str, Any], code: str
    ) -> None:
        """Absent fields, short lists and wrong types give Undecidable with a reason code."""
        result = run(source, space=space, params={"min": 6})
        assert isinstance(result, Undecidable)
        assert result.code == code
        assert result.detail

    def test_has_lets_a_rule_treat_absence_as_failure(self) -> None:
        """A rule that means "must be there" says so with has()."""
        assert run("has(space.services.cleaning)", space={"services": {}}) is False


class TestCost:
    """A condition that would run too long is stopped before it runs, and reported."""

    NESTED = """\
        town: alpha
        version: "1.0"
        legal_basis: {notice: {title: Avviso}}
        rules:
          - id: every_declaration_has_a_document
            title: Documenti
            reference: notice
            condition: >-
              provider.declarations.all(d, provider.attachments.exists(a, a.name == d.id))
            severity: warning
            message: Manca un documento
          - id: has_spaces
            title: Spazi
            reference: notice
            condition: size(provider.spaces) > 0
            severity: blocking
            message: Nessuno spazio
        """

    def test_a_rule_over_long_lists_is_stopped_and_reported(
        self, make_towns: Any, providers: Any
    ) -> None:
        """400 declarations by 400 attachments: the nested rule is not run; the others are."""
        ruleset = load_ruleset("alpha", towns=make_towns(alpha=self.NESTED))
        provider = dict(providers["01-studio-brianza-freelancer"])
        provider["declarations"] = provider["declarations"][:1] * 400
        provider["attachments"] = provider["attachments"][:1] * 400
        verdict = evaluate(ruleset, provider, on=ON)
        nested, simple = verdict.results
        assert nested.outcome == "undecidable"
        assert nested.reason == "cost_limit"
        assert str(MAX_COST) in nested.message.en
        assert simple.outcome == "pass"

    def test_the_same_rule_runs_on_lists_of_ordinary_length(
        self, make_towns: Any, providers: Any
    ) -> None:
        """Within the bound the nested rule is evaluated as usual."""
        ruleset = load_ruleset("alpha", towns=make_towns(alpha=self.NESTED))
        verdict = evaluate(ruleset, providers["01-studio-brianza-freelancer"], on=ON)
        assert verdict.results[0].outcome == "fail"

    def test_a_huge_document_is_not_evaluated_at_all(
        self, seregno: RuleSet, providers: Any
    ) -> None:
        """200,000 declarations: every rule is undecidable, and quickly so."""
        provider = dict(providers["01-studio-brianza-freelancer"])
        provider["declarations"] = provider["declarations"] * 40_000
        verdict = evaluate(seregno, provider, on=ON)
        assert {r.outcome for r in verdict.results} == {"undecidable"}
        assert {r.reason for r in verdict.results} == {"cost_limit"}
        assert "100000" in verdict.results[0].message.en
        assert verdict.decision == "undecided"

    def test_the_static_bound_uses_the_schema_list_sizes(self) -> None:
        """Nested comprehensions over schema lists are priced with their maxItems."""
        condition = compile_condition(
            "provider.spaces.exists(s, s.prices.exists(p, p.amount_eur > 0.0))", SCOPE
        )
        sizes = [c.size for c in condition.reads.comprehensions]
        assert sizes == [50, 30]
        assert condition.reads.static_cost() == condition.reads.token_count * 50 * 30


class TestReads:
    """What a condition reads is known at load."""

    def test_paths_and_parameters_read(self) -> None:
        """Data paths up to the first list, and parameters, in order."""
        condition = compile_condition(
            "space.workstations >= params.min && space.prices.exists(p, p.amount_eur > 0.0)",
            SCOPE,
        )
        assert condition.reads.paths == (("space", "workstations"), ("space", "prices"))
        assert condition.reads.parameters == ("min",)

    def test_a_comprehension_variable_is_checked_against_the_item_schema(self) -> None:
        """``d`` in ``declarations.exists(d, ...)`` has the fields of a declaration only."""
        compile_condition('provider.declarations.exists(d, d.id == "x" && d.accepted)', SCOPE)
        with pytest.raises(RulesetError, match="unknown field 'acepted' in d"):
            compile_condition("provider.declarations.exists(d, d.acepted)", SCOPE)

    def test_a_string_is_not_a_record(self) -> None:
        """Reading a field of a string field fails at load."""
        with pytest.raises(RulesetError, match="is a string and has no field"):
            compile_condition("provider.organisation.name.first == 1", SCOPE)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
space_like = st.fixed_dictionaries(
    {},
    optional={
        "id": st.text(max_size=5),
        "workstations": json_values,
        "address": st.fixed_dictionaries(
            {}, optional={"istat_code": st.sampled_from(["108039", 5, None])}
        ),
        "services": json_values,
        "opening_hours": json_values,
        "accessibility": json_values,
        "prices": json_values,
    },
)
provider_like = st.fixed_dictionaries(
    {},
    optional={
        "organisation": json_values,
        "spaces": st.lists(space_like, max_size=3) | json_values,
        "insurance": json_values,
        "declarations": json_values,
        "attachments": json_values,
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(provider=provider_like | json_values)
def test_evaluation_never_raises_on_the_providers_data(seregno: RuleSet, provider: Any) -> None:
    """Any JSON value, however malformed, gives a verdict: each rule decided or undecidable."""
    verdict = evaluate(seregno, provider, on=ON)
    assert verdict.decision in {"eligible", "not_eligible", "undecided"}
    for result in verdict.results:
        assert result.outcome in {"pass", "fail", "not_applicable", "undecidable"}
        assert (result.reason is not None) == (result.outcome == "undecidable")

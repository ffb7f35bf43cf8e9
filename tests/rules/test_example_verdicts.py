"""Each example provider's verdict under Seregno's and Desio's rules, rule by rule.

For each provider the table lists every result that is not ``pass``; every
other rule (and every rule for every space) must pass. Space results are
keyed ``rule@space``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from coworkreg_core.rules import RuleSet, evaluate

ON = date(2026, 11, 25)

# Results that are the same for every provider that is not in the category.
NOT_RUNTS = {"third_sector_runts": "not_applicable"}
NOT_STARTUP = {"startup_special_section": "not_applicable"}
NOT_FIRM = {"vat_number": "not_applicable"}
SPACE_RULES_SEREGNO = (
    "min_workstations",
    "connectivity",
    "cleaning",
    "reception",
    "opening_hours",
    "accessibility",
    "published_prices",
    "childcare_recommended",
)
SPACE_RULES_DESIO = (
    *(r for r in SPACE_RULES_SEREGNO if r != "reception"),
    "floor_area_per_workstation",
)


def outside(space: str, rules: tuple[str, ...]) -> dict[str, str]:
    """A space outside the town: no space rule applies to it."""
    return {f"{rule}@{space}": "not_applicable" for rule in rules}


SEREGNO: dict[str, tuple[str, dict[str, str]]] = {
    "01-studio-brianza-freelancer": (
        "eligible",
        {"childcare_recommended@umberto-48": "fail", **NOT_RUNTS, **NOT_STARTUP, **NOT_FIRM},
    ),
    "02-corte-lunga-entrepreneur": (
        "not_eligible",
        {
            "space_in_town": "fail",
            **outside("corte-garibaldi", SPACE_RULES_SEREGNO),
            **NOT_RUNTS,
            **NOT_STARTUP,
            "floor_plan": "fail",
        },
    ),
    "03-nuvola-lab-innovative-startup": ("eligible", {**NOT_RUNTS, "floor_plan": "fail"}),
    "04-officina-meda-small-firm": (
        "not_eligible",
        {
            "min_workstations@sala-cavour": "fail",
            "reception@sala-cavour": "fail",
            "accessibility@sala-cavour": "fail",
            "childcare_recommended@sala-cavour": "fail",
            "insurance": "fail",
            **NOT_RUNTS,
            **NOT_STARTUP,
            "floor_plan": "fail",
        },
    ),
    "05-bottega-dei-legni-craft-firm": (
        "not_eligible",
        {
            "space_in_town": "fail",
            **outside("laboratorio-vigano", SPACE_RULES_SEREGNO),
            "insurance": "undecidable",
            **NOT_RUNTS,
            **NOT_STARTUP,
            "floor_plan": "fail",
        },
    ),
    "06-il-ponte-aps-third-sector": (
        "eligible",
        {
            **outside("ponte-lissone", SPACE_RULES_SEREGNO),
            **NOT_STARTUP,
            **NOT_FIRM,
            "floor_plan": "fail",
        },
    ),
    "07-brianza-digitale-telework-employer": (
        "not_eligible",
        {
            **outside("hub-monza", SPACE_RULES_SEREGNO),
            "childcare_recommended@hub-seregno": "fail",
            "workplace_safety": "fail",
            **NOT_RUNTS,
            **NOT_STARTUP,
            **NOT_FIRM,
            "floor_plan": "fail",
        },
    ),
}

DESIO: dict[str, tuple[str, dict[str, str]]] = {
    "01-studio-brianza-freelancer": (
        "not_eligible",
        {
            "space_in_town": "fail",
            **outside("umberto-48", SPACE_RULES_DESIO),
            **NOT_RUNTS,
            **NOT_STARTUP,
            **NOT_FIRM,
        },
    ),
    "02-corte-lunga-entrepreneur": (
        "not_eligible",
        {
            "accessibility@corte-garibaldi": "fail",
            "childcare_recommended@corte-garibaldi": "fail",
            **NOT_RUNTS,
            **NOT_STARTUP,
            "floor_plan": "fail",
        },
    ),
    "03-nuvola-lab-innovative-startup": (
        "not_eligible",
        {
            "space_in_town": "fail",
            **outside("popolo-21", SPACE_RULES_DESIO),
            **NOT_RUNTS,
            "floor_plan": "fail",
        },
    ),
    "04-officina-meda-small-firm": (
        "not_eligible",
        {
            "space_in_town": "fail",
            **outside("sala-cavour", SPACE_RULES_DESIO),
            "insurance": "fail",
            **NOT_RUNTS,
            **NOT_STARTUP,
            "floor_plan": "fail",
        },
    ),
    "05-bottega-dei-legni-craft-firm": (
        "not_eligible",
        {
            "space_in_town": "fail",
            **outside("laboratorio-vigano", SPACE_RULES_DESIO),
            "insurance": "undecidable",
            **NOT_RUNTS,
            **NOT_STARTUP,
            "floor_plan": "fail",
        },
    ),
    "06-il-ponte-aps-third-sector": (
        "not_eligible",
        {
            "space_in_town": "fail",
            **outside("casa-del-ponte", SPACE_RULES_DESIO),
            **outside("ponte-lissone", SPACE_RULES_DESIO),
            **NOT_STARTUP,
            **NOT_FIRM,
            "floor_plan": "fail",
        },
    ),
    "07-brianza-digitale-telework-employer": (
        "not_eligible",
        {
            "space_in_town": "fail",
            **outside("hub-seregno", SPACE_RULES_DESIO),
            **outside("hub-monza", SPACE_RULES_DESIO),
            "workplace_safety": "fail",
            **NOT_RUNTS,
            **NOT_STARTUP,
            **NOT_FIRM,
            "floor_plan": "fail",
        },
    ),
}


def check(ruleset: RuleSet, provider: dict[str, Any], expected: tuple[str, dict[str, str]]) -> None:
    decision, not_passing = expected
    verdict = evaluate(ruleset, provider, on=ON)
    outcomes = verdict.outcomes()
    assert {k: v for k, v in outcomes.items() if v != "pass"} == not_passing
    assert set(not_passing) <= set(outcomes)
    assert verdict.decision == decision


class TestSeregno:
    """Seregno's rules on 25 November 2026."""

    @pytest.mark.parametrize("name", sorted(SEREGNO))
    def test_verdict_rule_by_rule(
        self, seregno: RuleSet, providers: dict[str, Any], name: str
    ) -> None:
        """Every rule's outcome for the provider, and the decision they lead to."""
        check(seregno, providers[name], SEREGNO[name])

    def test_every_rule_is_reported_for_every_space(
        self, seregno: RuleSet, providers: dict[str, Any]
    ) -> None:
        """A space rule gives one result per space; a provider rule gives one result."""
        verdict = evaluate(seregno, providers["06-il-ponte-aps-third-sector"], on=ON)
        provider_rules = [r for r in seregno.rules if r.applies_to == "provider"]
        space_rules = [r for r in seregno.rules if r.applies_to == "space" and r.in_force(ON)]
        assert len(verdict.results) == len(provider_rules) + 2 * len(space_rules)

    def test_refusal_grounds_cite_the_law_and_fill_the_message(
        self, seregno: RuleSet, providers: dict[str, Any]
    ) -> None:
        """A failed rule carries its legal reference, the values read and a filled message."""
        verdict = evaluate(seregno, providers["04-officina-meda-small-firm"], on=ON)
        grounds = {(r.rule_id, r.space): r for r in verdict.grounds()}
        workstations = grounds[("min_workstations", "sala-cavour")]
        assert workstations.values["space.workstations"] == 3
        assert workstations.parameters["min_workstations"].value == 6
        assert workstations.parameters["min_workstations"].effective == date(2025, 1, 1)
        assert workstations.reference.id == "avviso_seregno"
        assert workstations.reference.article == "art. 3 c. 1 lett. b"
        assert "3 postazioni" in workstations.message.it
        assert "almeno 6" in workstations.message.it
        assert "at least 6" in workstations.message.en
        insurance = grounds[("insurance", None)]
        assert insurance.values["provider.insurance.cover_eur"] == 300000
        assert "500000" in insurance.message.it

    def test_missing_insurance_is_undecidable_not_a_failure(
        self, seregno: RuleSet, providers: dict[str, Any]
    ) -> None:
        """No insurance data leaves the rule undecidable, with the missing paths named."""
        verdict = evaluate(seregno, providers["05-bottega-dei-legni-craft-firm"], on=ON)
        [insurance] = [r for r in verdict.results if r.rule_id == "insurance"]
        assert insurance.outcome == "undecidable"
        assert insurance.reason == "missing_data"
        assert "provider.insurance.cover_eur" in insurance.missing


class TestDesio:
    """Desio's rules (Seregno's, overridden) on 25 November 2026."""

    @pytest.mark.parametrize("name", sorted(DESIO))
    def test_verdict_rule_by_rule(
        self, desio: RuleSet, providers: dict[str, Any], name: str
    ) -> None:
        """Every rule's outcome for the provider, and the decision they lead to."""
        check(desio, providers[name], DESIO[name])

    def test_a_space_in_desio_meeting_the_rules_is_eligible_there_only(
        self, seregno: RuleSet, desio: RuleSet, providers: dict[str, Any]
    ) -> None:
        """Corte Lunga with an accessible toilet: eligible in Desio, still not in Seregno."""
        provider = providers["02-corte-lunga-entrepreneur"]
        space = {**provider["spaces"][0]}
        space["accessibility"] = {**space["accessibility"], "accessible_toilet": True}
        fixed = {**provider, "spaces": [space]}
        assert evaluate(desio, fixed, on=ON).decision == "eligible"
        assert evaluate(seregno, fixed, on=ON).decision == "not_eligible"

    def test_missing_floor_area_leaves_desio_undecided(
        self, desio: RuleSet, providers: dict[str, Any]
    ) -> None:
        """Desio's added rule needs the floor area; without it the verdict waits for data."""
        provider = providers["02-corte-lunga-entrepreneur"]
        space = {k: v for k, v in provider["spaces"][0].items() if k != "floor_area_m2"}
        space["accessibility"] = {**space["accessibility"], "accessible_toilet": True}
        verdict = evaluate(desio, {**provider, "spaces": [space]}, on=ON)
        assert verdict.outcomes()["floor_area_per_workstation@corte-garibaldi"] == "undecidable"
        assert verdict.decision == "undecided"


class TestInputs:
    """What ``evaluate`` accepts."""

    @pytest.mark.parametrize("name", sorted(SEREGNO))
    def test_a_typed_provider_gives_the_same_verdict_as_its_document(
        self, seregno: RuleSet, providers: dict[str, Any], name: str
    ) -> None:
        """A ``coworkreg_core.model.Provider`` is unstructured and judged the same way."""
        from coworkreg_core.convert import structure_provider

        typed = structure_provider(providers[name])
        assert evaluate(seregno, typed, on=ON) == evaluate(seregno, providers[name], on=ON)

    def test_an_unknown_application_kind_is_refused(
        self, seregno: RuleSet, providers: dict[str, Any]
    ) -> None:
        """A misspelt kind would make kind-limited rules silently not apply."""
        with pytest.raises(ValueError, match="unknown application kind 'renew'"):
            evaluate(seregno, providers["01-studio-brianza-freelancer"], on=ON, kind="renew")

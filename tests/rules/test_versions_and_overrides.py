"""Dated parameters and rules, and Desio's overrides of Seregno's rules, with origins."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from coworkreg_core.rules import RuleSet, evaluate


class TestDates:
    """A parameter's value and a rule's force follow the date asked."""

    @pytest.mark.parametrize(
        ("on", "mbps", "effective"),
        [
            (date(2026, 12, 31), 100, date(2025, 1, 1)),
            (date(2027, 1, 1), 300, date(2027, 1, 1)),
        ],
    )
    def test_the_speed_threshold_rises_in_2027(
        self, seregno: RuleSet, on: date, mbps: int, effective: date
    ) -> None:
        """Seregno's minimum download speed is 100 Mbps, then 300 from 1 January 2027."""
        value = seregno.on(on).parameters["min_download_mbps"]
        assert (value.value, value.effective) == (mbps, effective)
        assert value.reference is not None
        expected = "art. 3 c. 2" if mbps == 300 else "art. 3 c. 1 lett. c"
        assert value.reference.article == expected

    def test_a_space_at_200_mbps_passes_in_2026_and_fails_in_2027(
        self, seregno: RuleSet, providers: dict[str, Any]
    ) -> None:
        """The same provider, two dates, two outcomes of the connectivity rule."""
        provider = providers["06-il-ponte-aps-third-sector"]
        provider = {**provider, "spaces": [dict(provider["spaces"][0])]}
        provider["spaces"][0]["services"] = {
            **provider["spaces"][0]["services"],
            "connectivity": {"technology": "fttc", "download_mbps": 200, "pricing": "included"},
        }
        before = evaluate(seregno, provider, on=date(2026, 12, 31))
        after = evaluate(seregno, provider, on=date(2027, 1, 1))
        assert before.outcomes()["connectivity@casa-del-ponte"] == "pass"
        assert after.outcomes()["connectivity@casa-del-ponte"] == "fail"
        [failed] = [r for r in after.results if r.rule_id == "connectivity"]
        assert failed.parameters["min_download_mbps"].effective == date(2027, 1, 1)
        assert "200" in failed.message.it
        assert "300" in failed.message.it

    def test_a_rule_outside_its_dates_is_not_in_the_set(self, seregno: RuleSet) -> None:
        """The CoBaby recommendation applies from 2026 on."""
        assert "childcare_recommended" not in {r.id for r in seregno.on(date(2025, 6, 1)).rules}
        assert "childcare_recommended" in {r.id for r in seregno.on(date(2026, 1, 1)).rules}

    def test_a_kind_limited_rule_does_not_apply_to_other_kinds(
        self, seregno: RuleSet, providers: dict[str, Any]
    ) -> None:
        """The floor plan is asked for with a new application, not with a renewal."""
        provider = providers["03-nuvola-lab-innovative-startup"]
        on = date(2026, 11, 25)
        assert evaluate(seregno, provider, on=on).outcomes()["floor_plan"] == "fail"
        assert evaluate(seregno, provider, on=on, kind="renewal").outcomes()["floor_plan"] == (
            "not_applicable"
        )


class TestDesioOverrides:
    """Desio names Seregno's rules and changes only what differs."""

    ON = date(2026, 11, 25)

    def test_files_are_listed_child_first(self, desio: RuleSet) -> None:
        """The resolved set says which files it came from."""
        assert [origin.town for origin in desio.files] == ["desio", "seregno"]
        assert desio.town == "desio"
        assert desio.town_data["istat_code"] == "108023"

    def test_two_parameters_are_replaced_with_their_own_history(
        self, seregno: RuleSet, desio: RuleSet
    ) -> None:
        """Desio's values and origin replace Seregno's; the 2027 rise does not carry over."""
        later = date(2027, 6, 1)
        assert desio.on(later).parameters["min_workstations"].value == 4
        assert desio.on(later).parameters["min_download_mbps"].value == 50
        assert seregno.on(later).parameters["min_download_mbps"].value == 300
        assert desio.parameters["min_workstations"].origin.town == "desio"
        assert desio.parameters["min_open_days"].origin.town == "seregno"
        assert desio.parameters["min_workstations"].description == (
            seregno.parameters["min_workstations"].description
        )

    def test_a_rule_is_added_and_inherited_rules_keep_their_origin(self, desio: RuleSet) -> None:
        """The added rule comes last, from Desio; the others point at Seregno's file and line."""
        rules = {rule.id: rule for rule in desio.rules}
        assert desio.rules[-1].id == "floor_area_per_workstation"
        assert rules["floor_area_per_workstation"].origin.town == "desio"
        assert rules["min_workstations"].origin.town == "seregno"
        assert rules["min_workstations"].origin.file.endswith("coworkreg_seregno/pack/rules.yaml")
        assert rules["min_workstations"].origin.line is not None

    def test_a_rule_is_disabled_with_its_reason_and_both_origins(self, desio: RuleSet) -> None:
        """Reception is not required in Desio; the reason and where it was said are kept."""
        assert "reception" not in {rule.id for rule in desio.rules}
        [disabled] = desio.disabled
        assert disabled.id == "reception"
        assert "portierato" in disabled.reason.it
        assert disabled.origin.town == "desio"
        assert disabled.rule_origin.town == "seregno"

    def test_the_verdict_lists_the_disabled_rule(
        self, desio: RuleSet, providers: dict[str, Any]
    ) -> None:
        """A verdict under Desio's rules says which inherited rule was not applied."""
        verdict = evaluate(desio, providers["02-corte-lunga-entrepreneur"], on=self.ON)
        assert [d["id"] for d in verdict.as_dict()["disabled"]] == ["reception"]
        assert not any(r.rule_id == "reception" for r in verdict.results)


def test_a_pack_without_rules_uses_the_rules_of_the_pack_it_extends(tmp_path: Any) -> None:
    """A town pack with only town.yaml takes Seregno's rules, applied to its own territory."""
    from coworkreg_core import TownPack, Towns, get_plugin_manager
    from coworkreg_core.rules import load_ruleset

    (tmp_path / "town.yaml").write_text(
        "id: lissone\nname: Comune di Lissone\nistat_code: '108028'\nextends: seregno\n"
    )
    installed = Towns.from_plugins(get_plugin_manager()).as_mapping().values()
    towns = Towns([*installed, TownPack.from_directory(tmp_path)])
    lissone = load_ruleset("lissone", towns=towns)
    assert lissone.town == "lissone"
    assert lissone.town_data["istat_code"] == "108028"
    assert [origin.town for origin in lissone.files] == ["seregno"]

"""``coworkreg rules show`` and ``coworkreg rules explain``, through click's runner."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from coworkreg_core.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "providers" / "valid"
FREELANCER = str(EXAMPLES / "01-studio-brianza-freelancer.json")
SMALL_FIRM = str(EXAMPLES / "04-officina-meda-small-firm.json")


def run(*args: str) -> Any:
    return CliRunner().invoke(main, ["rules", *args])


class TestExplain:
    """The verdict on a provider file, rule by rule."""

    def test_json_has_the_verdict_and_every_rule(self) -> None:
        """JSON carries ``verdict`` and ``rules`` with id, outcome, reference and message."""
        result = run(
            "explain", SMALL_FIRM, "--town", "seregno", "--on", "2026-11-25", "--format", "json"
        )
        assert result.exit_code == 0, result.output
        report = json.loads(result.output)
        assert report["verdict"] == "not_eligible"
        rules = {(r["id"], r["space"]): r for r in report["rules"]}
        workstations = rules[("min_workstations", "sala-cavour")]
        assert workstations["outcome"] == "fail"
        assert workstations["reference"]["article"] == "art. 3 c. 1 lett. b"
        assert workstations["message"].startswith("Lo spazio «Saletta Cavour» ha 3 postazioni")
        assert workstations["parameters"]["min_workstations"] == {
            "value": 6,
            "effective": "2025-01-01",
        }
        assert rules[("vat_number", None)]["outcome"] == "pass"

    def test_text_in_english_names_the_decision_and_the_grounds(self) -> None:
        """The text report leads with the decision and shows each failed rule's message."""
        result = run(
            "explain", SMALL_FIRM, "--town", "seregno", "--on", "2026-11-25", "--lang", "en"
        )
        assert result.exit_code == 0, result.output
        assert "Verdict: NOT ELIGIBLE" in result.output
        assert "at least 6 are required" in result.output
        assert "min_workstations=6 (from 2025-01-01)" in result.output

    def test_the_town_changes_the_verdict(self) -> None:
        """The freelancer in Seregno is eligible there, and not in Desio."""
        verdicts = {
            town: json.loads(
                run(
                    "explain", FREELANCER, "--town", town, "--on", "2026-11-25", "--format", "json"
                ).output
            )["verdict"]
            for town in ("seregno", "desio")
        }
        assert verdicts == {"seregno": "eligible", "desio": "not_eligible"}

    def test_an_invalid_provider_file_is_refused_without_a_traceback(self, tmp_path: Path) -> None:
        """A document that breaks the schema: exit 1, the problems listed."""
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps({"organisation": {}}))
        result = run("explain", str(bad), "--town", "seregno")
        assert result.exit_code == 1
        assert "not a valid provider document" in result.output
        assert "Traceback" not in result.output

    def test_an_unknown_town_is_an_error_message(self) -> None:
        """Exit 1 and the installed towns named."""
        result = run("explain", FREELANCER, "--town", "atlantide")
        assert result.exit_code == 1
        assert "no town pack 'atlantide'" in result.output
        assert "seregno" in result.output


class TestShow:
    """The rules in force for a town, with origins."""

    def test_text_shows_origins_parameters_and_disabled_rules(self) -> None:
        """Desio's set: inherited rules point at Seregno's file, reception is disabled."""
        result = run("show", "desio", "--on", "2027-02-01")
        assert result.exit_code == 0, result.output
        assert "floor_area_per_workstation" in result.output
        assert "coworkreg_seregno/pack/rules.yaml:" in result.output
        assert "min_download_mbps = 50 (dal 2025-03-01" in result.output
        assert "Regole non applicate" in result.output
        assert "reception" in result.output

    def test_json_lists_rules_with_origin(self) -> None:
        """JSON rules carry town, file and line of where each was written."""
        result = run("show", "seregno", "--on", "2027-02-01", "--format", "json")
        assert result.exit_code == 0, result.output
        shown = json.loads(result.output)
        assert shown["parameters"]["min_download_mbps"]["value"] == 300
        [rule] = [r for r in shown["rules"] if r["id"] == "space_in_town"]
        assert rule["origin"]["town"] == "seregno"
        assert isinstance(rule["origin"]["line"], int)

    def test_a_broken_rule_file_is_reported_with_file_and_line(self, tmp_path: Path) -> None:
        """A pack directory whose rules do not load: exit 1, file:line: reason."""
        (tmp_path / "town.yaml").write_text("id: alpha\nname: Alpha\nistat_code: '999001'\n")
        (tmp_path / "rules.yaml").write_text('town: alpha\nversion: "1"\nrulez: []\n')
        result = run("show", str(tmp_path))
        assert result.exit_code == 1
        assert f"{tmp_path / 'rules.yaml'}:3:" in result.output
        assert "unknown key 'rulez'" in result.output
        assert "Traceback" not in result.output

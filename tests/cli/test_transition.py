"""``coworkreg transition``: fire an action; forbidden ones say why and what is possible."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coworkreg_core.registry import Registry

from .conftest import (
    AS_MANAGER,
    AS_REVIEWER,
    REVIEWER,
    Cli,
    applicant_of,
    at,
    example,
    file_example,
    under_review,
)


class TestFiring:
    def test_take_in_charge_moves_the_state_and_records_the_actor(
        self, cli: Cli, registry: Registry
    ) -> None:
        """The new state and version are printed; the history names the reviewer."""
        app_id = file_example(registry, "01")
        result = cli("transition", app_id, "take_in_charge", *AS_REVIEWER, now="2026-03-03")
        assert result.exit_code == 0, result.output
        stored = registry.application(app_id)
        assert f"take_in_charge -> under_review (versione {stored.version})" in result.output
        assert registry.history(app_id)[-1].actor == "istruttore.rossi"

    def test_approve_fills_number_and_validity(self, cli: Cli, registry: Registry) -> None:
        """No payload needed: the registration number and validity come from the rules."""
        app_id = under_review(registry, "01")
        result = cli("transition", app_id, "approve", *AS_MANAGER, now="2026-03-05T09:00:00")
        assert result.exit_code == 0, result.output
        assert "SEREGNO-2026-0001" in result.output
        assert "2029-03-04" in result.output
        assert registry.storage.get_listing("SEREGNO-2026-0001").application_id == app_id

    def test_payload_from_set_pairs(self, cli: Cli, registry: Registry) -> None:
        """``--set`` fields make the payload of an integration request."""
        app_id = under_review(registry, "03")
        result = cli(
            "transition",
            app_id,
            "request_integration",
            *AS_REVIEWER,
            "--set",
            "reason=Manca la planimetria dei locali.",
            now="2026-03-07",
        )
        assert result.exit_code == 0, result.output
        assert registry.application(app_id).state == "integration_requested"
        assert registry.history(app_id)[-1].payload["reason"] == "Manca la planimetria dei locali."

    def test_payload_as_json(self, cli: Cli, registry: Registry) -> None:
        """``--payload`` carries lists too."""
        app_id = under_review(registry, "03")
        payload = {"reason": "Mancano due documenti.", "documents": ["Planimetria", "Polizza"]}
        result = cli(
            "transition",
            app_id,
            "request_integration",
            *AS_REVIEWER,
            "--payload",
            json.dumps(payload),
            now="2026-03-07",
        )
        assert result.exit_code == 0, result.output
        assert registry.history(app_id)[-1].payload["documents"] == ["Planimetria", "Polizza"]

    def test_refusal_notice_then_refusal_with_grounds_from_the_rules(
        self, cli: Cli, registry: Registry
    ) -> None:
        """Notice and refusal take their grounds from the failing rules."""
        app_id = under_review(registry, "04")
        notice = cli("transition", app_id, "send_refusal_notice", *AS_MANAGER, now="2026-03-05")
        assert notice.exit_code == 0, notice.output
        assert "postazioni" in registry.history(app_id)[-1].payload["reasons"]
        provider = example("04")
        registry.transition(
            app_id,
            "submit_observations",
            applicant_of(provider),
            {"observations": "Stiamo ampliando la sala a 8 postazioni."},
            now=at("2026-03-10"),
        )
        refusal = cli(
            "transition",
            app_id,
            "refuse",
            *AS_MANAGER,
            "--set",
            "observations_assessment=Nessuna osservazione pervenuta.",
            now="2026-03-23",
        )
        assert refusal.exit_code == 0, refusal.output
        assert registry.application(app_id).state == "rejected"
        last = registry.history(app_id)[-1].payload
        assert last["observations_assessment"] == "Nessuna osservazione pervenuta."
        assert "postazioni" in last["reasons"]

    def test_the_expected_version_guards_against_stale_reads(
        self, cli: Cli, registry: Registry
    ) -> None:
        """The version the clerk saw still current: the action goes through."""
        app_id = file_example(registry, "01")
        version = registry.application(app_id).version
        result = cli(
            "transition",
            app_id,
            "take_in_charge",
            *AS_REVIEWER,
            "--expected-version",
            str(version),
            now="2026-03-03",
        )
        assert result.exit_code == 0, result.output


class TestRefused:
    def test_the_wrong_role_names_the_guard_part_and_what_is_possible(
        self, cli: Cli, registry: Registry
    ) -> None:
        """A reviewer may not approve: the permission failed; request_integration is open."""
        app_id = under_review(registry, "01")
        before = cli.snapshot()
        result = cli("transition", app_id, "approve", *AS_REVIEWER, now="2026-03-04")
        assert result.exit_code == 1
        lines = result.output.splitlines()
        assert "Azione approve non consentita" in lines[0]
        assert "permesso" in lines[0]
        assert lines[1] == "Azioni possibili ora per istruttore.rossi: request_integration"
        assert any(line.startswith("  withdraw: ruolo") for line in lines)
        assert cli.snapshot() == before

    def test_not_allowed_now_in_english(self, cli: Cli, registry: Registry) -> None:
        """Refusing before the notice: the condition failed; the notice is possible."""
        app_id = under_review(registry, "04")
        before = cli.snapshot()
        result = cli("transition", app_id, "refuse", *AS_MANAGER, "--lang", "en", now="2026-03-04")
        assert result.exit_code == 1
        assert "Action refuse not allowed: the condition check failed" in result.output
        assert "send_refusal_notice" in result.output.splitlines()[1]
        assert cli.snapshot() == before

    def test_an_action_that_is_not_an_exit(self, cli: Cli, registry: Registry) -> None:
        """An action the state does not have: its exits are named."""
        app_id = file_example(registry, "01")
        before = cli.snapshot()
        result = cli("transition", app_id, "reinstate", *AS_MANAGER, now="2026-03-04")
        assert result.exit_code == 1
        assert "Nessuna azione reinstate dallo stato submitted" in result.output
        assert "take_in_charge" in result.output
        assert cli.snapshot() == before

    def test_a_wrong_id(self, cli: Cli) -> None:
        """An application that does not exist: exit 1, its id named."""
        before = cli.snapshot()
        result = cli("transition", "nessuna", "take_in_charge", *AS_REVIEWER)
        assert result.exit_code == 1
        assert "domanda con id nessuna" in result.output
        assert cli.snapshot() == before

    def test_a_stale_version(self, cli: Cli, registry: Registry) -> None:
        """The application changed since it was read: nothing happens."""
        app_id = file_example(registry, "01")
        stale = registry.application(app_id).version - 1
        before = cli.snapshot()
        result = cli(
            "transition",
            app_id,
            "take_in_charge",
            *AS_REVIEWER,
            "--expected-version",
            str(stale),
            now="2026-03-03",
        )
        assert result.exit_code == 1
        assert "cambiata nel frattempo" in result.output
        assert cli.snapshot() == before

    def test_a_stale_version_on_an_action_the_registry_fills(
        self, cli: Cli, registry: Registry
    ) -> None:
        """The version is checked for the notice too, before its grounds are written."""
        app_id = under_review(registry, "04")
        before = cli.snapshot()
        result = cli(
            "transition",
            app_id,
            "send_refusal_notice",
            *AS_MANAGER,
            "--expected-version",
            "1",
            now="2026-03-05",
        )
        assert result.exit_code == 1
        assert "cambiata nel frattempo" in result.output
        assert cli.snapshot() == before

    def test_a_payload_that_breaks_its_schema(self, cli: Cli, registry: Registry) -> None:
        """An unknown field in an integration request: the problem is named."""
        app_id = under_review(registry, "03")
        before = cli.snapshot()
        result = cli(
            "transition", app_id, "request_integration", *AS_REVIEWER, "--set", "colour=blue"
        )
        assert result.exit_code == 1
        assert "Dati non validi per l'azione request_integration" in result.output
        assert cli.snapshot() == before

    @pytest.mark.parametrize(
        ("option", "value", "message"),
        [
            ("--payload", "{not json", "--payload deve essere un oggetto JSON"),
            ("--payload", "[1, 2]", "--payload deve essere un oggetto JSON"),
            ("--set", "no-equals-sign", "--set vuole chiave=valore"),
        ],
    )
    def test_a_payload_that_cannot_be_read(
        self, cli: Cli, registry: Registry, option: str, value: str, message: str
    ) -> None:
        """A payload that is not a JSON object, or a pair without ``=``: exit 1."""
        app_id = under_review(registry, "03")
        before = cli.snapshot()
        result = cli("transition", app_id, "request_integration", *AS_REVIEWER, option, value)
        assert result.exit_code == 1
        assert message in result.output
        assert cli.snapshot() == before

    def test_no_grounds_no_notice(self, cli: Cli, registry: Registry) -> None:
        """An eligible application has no grounds to notify."""
        app_id = under_review(registry, "01")
        before = cli.snapshot()
        result = cli("transition", app_id, "send_refusal_notice", *AS_MANAGER, "--lang", "en")
        assert result.exit_code == 1
        assert "Procedure: no blocking rule fails" in result.output
        assert cli.snapshot() == before


class TestAnswerWithCorrectedFile:
    @pytest.fixture
    def asked(self, registry: Registry) -> str:
        """Nuvola Lab asked for its floor plan on 7 March."""
        app_id = under_review(registry, "03")
        registry.request_integration(
            app_id, REVIEWER, "Manca la planimetria dei locali.", now=at("2026-03-07")
        )
        return app_id

    def test_the_corrected_application_replaces_the_filed_one(
        self, cli: Cli, registry: Registry, asked: str, tmp_path: Path
    ) -> None:
        """The applicant answers with the floor plan: back under review, the rule now passes."""
        corrected = example("03")
        corrected.setdefault("attachments", []).append(
            {
                "kind": "floor_plan",
                "name": "planimetria.pdf",
                "media_type": "application/pdf",
                "size_bytes": 183_402,
                "sha256": "ab" * 32,
            }
        )
        path = tmp_path / "corrected.json"
        path.write_text(json.dumps(corrected), encoding="utf-8")
        applicant = applicant_of(corrected).id
        result = cli(
            "transition",
            asked,
            "provide_integration",
            "--as",
            applicant,
            "--file",
            str(path),
            now="2026-03-14",
        )
        assert result.exit_code == 0, result.output
        assert registry.application(asked).state == "under_review"
        assert registry.verdict(asked).outcomes()["floor_plan"] == "pass"

    def test_an_invalid_corrected_file_changes_nothing(
        self, cli: Cli, asked: str, tmp_path: Path
    ) -> None:
        """The corrected document is validated before anything is stored."""
        corrected = example("03")
        del corrected["organisation"]
        path = tmp_path / "corrected.json"
        path.write_text(json.dumps(corrected), encoding="utf-8")
        before = cli.snapshot()
        result = cli(
            "transition",
            asked,
            "provide_integration",
            "--as",
            "x",
            "--file",
            str(path),
            now="2026-03-14",
        )
        assert result.exit_code == 1
        assert "La domanda non è valida" in result.output
        assert cli.snapshot() == before

    def test_a_file_with_another_action_is_refused(self, cli: Cli, asked: str) -> None:
        """``--file`` belongs to the answer only."""
        result = cli("transition", asked, "take_in_charge", *AS_REVIEWER, "--file", "x.json")
        assert result.exit_code == 1
        assert "--file vale solo per provide_integration" in result.output

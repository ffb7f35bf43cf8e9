"""``coworkreg apply``: file an application as the applicant."""

from __future__ import annotations

import json
from pathlib import Path

from coworkreg_core.registry import Registry

from .conftest import EXAMPLES, Cli, example, example_path, listed


def field(output: str, label: str) -> str:
    """The value printed after ``label: ``."""
    (line,) = [line for line in output.splitlines() if line.startswith(f"{label}: ")]
    return line.split(": ", 1)[1]


class TestFiling:
    def test_prints_id_protocol_state_deadline_and_verdict(
        self, cli: Cli, registry: Registry
    ) -> None:
        """An eligible provider: submitted, 7-digit protocol number, 30-day deadline."""
        result = cli("apply", str(example_path("01")), now="2026-03-02T10:00:00+00:00")
        assert result.exit_code == 0, result.output
        app_id = field(result.output, "Domanda")
        stored = registry.application(app_id)
        assert field(result.output, "Protocollo") == stored.protocol_number == "2026-0000001"
        assert field(result.output, "Stato") == "submitted"
        assert field(result.output, "Scadenza") == "2026-04-01"
        assert field(result.output, "Requisiti").startswith("ammissibile (")
        assert stored.provider == example("01")

    def test_failing_rules_are_listed_in_english(self, cli: Cli) -> None:
        """A provider short of workstations: not eligible, each failed rule named."""
        result = cli("apply", str(example_path("04")), "--lang", "en", now="2026-03-02")
        assert result.exit_code == 0, result.output
        assert field(result.output, "Eligibility").startswith("not eligible (")
        assert "  failed: insurance: " in result.output
        assert "  failed: min_workstations@" in result.output

    def test_the_applicant_defaults_to_the_providers_pec(
        self, cli: Cli, registry: Registry
    ) -> None:
        """Without ``--as`` the provider's certified address files; with it, the one named."""
        first = field(cli("apply", str(example_path("01")), now="2026-03-02").output, "Domanda")
        second = field(
            cli(
                "apply", str(example_path("06")), "--as", "delegato.verdi", now="2026-03-02"
            ).output,
            "Domanda",
        )
        assert registry.history(first)[0].actor == example("01")["organisation"]["pec"]
        assert registry.history(second)[0].actor == "delegato.verdi"

    def test_a_renewal_names_its_listing(self, cli: Cli, registry: Registry) -> None:
        """``--kind renewal --listing NUMBER`` files an application about that listing."""
        listed(registry, "01")
        result = cli(
            "apply",
            str(example_path("01")),
            "--kind",
            "renewal",
            "--listing",
            "SEREGNO-2026-0001",
            now="2029-01-15",
        )
        assert result.exit_code == 0, result.output
        renewal = registry.application(field(result.output, "Domanda"))
        assert (renewal.kind, renewal.listing_id) == ("renewal", "SEREGNO-2026-0001")


class TestBadInput:
    def test_an_invalid_file_files_nothing(self, cli: Cli, tmp_path: Path) -> None:
        """Every problem with its pointer; exit 1; no protocol number taken."""
        provider = example("01")
        provider["organisation"]["vat_number"] = "12345678901"
        broken = tmp_path / "broken.json"
        broken.write_text(json.dumps(provider), encoding="utf-8")
        before = cli.snapshot()
        result = cli("apply", str(broken), now="2026-03-02")
        assert result.exit_code == 1
        assert "La domanda non è valida" in result.output
        assert "/organisation/vat_number" in result.output
        assert cli.snapshot() == before

    def test_a_file_that_is_not_json(self, cli: Cli) -> None:
        """A truncated document is refused like any invalid one, in English on request."""
        before = cli.snapshot()
        result = cli("apply", str(EXAMPLES / "invalid" / "truncated-json.json"), "--lang", "en")
        assert result.exit_code == 1
        assert "The application is not valid" in result.output
        assert cli.snapshot() == before

    def test_a_missing_file(self, cli: Cli, tmp_path: Path) -> None:
        """A path that does not exist is a problem of the file, exit 1."""
        result = cli("apply", str(tmp_path / "nowhere.json"))
        assert result.exit_code == 1
        assert "nowhere.json" in result.output

    def test_a_renewal_without_its_listing(self, cli: Cli) -> None:
        """A renewal must name the listing; nothing is filed."""
        before = cli.snapshot()
        result = cli("apply", str(example_path("01")), "--kind", "renewal")
        assert result.exit_code == 1
        assert "--listing" in result.output
        assert cli.snapshot() == before

    def test_a_renewal_of_an_unknown_listing(self, cli: Cli) -> None:
        """A listing that does not exist: exit 1, its number named, nothing filed."""
        before = cli.snapshot()
        result = cli(
            "apply", str(example_path("01")), "--kind", "variation", "--listing", "SEREGNO-1999-9"
        )
        assert result.exit_code == 1
        assert "iscrizione con id SEREGNO-1999-9" in result.output
        assert cli.snapshot() == before

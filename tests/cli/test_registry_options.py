"""The options every register command shares, and how errors become messages."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from coworkreg_core.cli import main
from coworkreg_core.cli.error_messages import describe_error
from coworkreg_core.cli.registry_options import (
    INSTANT,
    RegistryOptions,
    actor_options,
    load_config,
    registry_options,
)
from coworkreg_core.errors import (
    ConflictError,
    CoworkregError,
    RecordNotFound,
    StorageTooNew,
    TransitionForbidden,
)
from coworkreg_core.workflow import Actor

from .conftest import Cli


@click.command()
@actor_options()
@registry_options
def echo_options(actor: Actor, options: RegistryOptions) -> None:
    """Print what the shared options parsed to."""
    click.echo(
        json.dumps(
            {
                "db": options.db,
                "town": options.town,
                "config": str(options.config_file),
                "lang": options.lang,
                "now": options.now.isoformat() if options.now else None,
                "actor": actor.id,
                "roles": sorted(actor.roles),
            }
        )
    )


class TestSharedOptions:
    def test_defaults(self) -> None:
        """SQLite in the working folder, Seregno, Italian, the clock's time."""
        result = CliRunner().invoke(echo_options, ["--as", "anna"])
        assert json.loads(result.output) == {
            "db": "sqlite:///coworkreg.db",
            "town": "seregno",
            "config": "None",
            "lang": "it",
            "now": None,
            "actor": "anna",
            "roles": [],
        }

    def test_environment_variables(self) -> None:
        """$COWORKREG_DB, $COWORKREG_TOWN and $COWORKREG_CONFIG stand in for the options."""
        env = {
            "COWORKREG_DB": "sqlite:////srv/r.db",
            "COWORKREG_TOWN": "desio",
            "COWORKREG_CONFIG": "/etc/coworkreg.yaml",
        }
        result = CliRunner(env=env).invoke(echo_options, ["--as", "anna"])
        parsed = json.loads(result.output)
        assert (parsed["db"], parsed["town"], parsed["config"]) == (
            "sqlite:////srv/r.db",
            "desio",
            "/etc/coworkreg.yaml",
        )

    def test_roles_repeat(self) -> None:
        """``--role`` may be given more than once."""
        result = CliRunner().invoke(
            echo_options, ["--as", "anna", "--role", "reviewer", "--role", "manager"]
        )
        assert json.loads(result.output)["roles"] == ["manager", "reviewer"]

    @pytest.mark.parametrize(
        ("given", "expected"),
        [
            ("2026-03-02T10:00:00+01:00", datetime(2026, 3, 2, 9, 0, tzinfo=UTC)),
            ("2026-03-02T10:00:00", datetime(2026, 3, 2, 10, 0, tzinfo=UTC)),
            ("2026-03-02", datetime(2026, 3, 2, 0, 0, tzinfo=UTC)),
        ],
    )
    def test_now_is_an_aware_instant(self, given: str, expected: datetime) -> None:
        """An ISO time; without a zone it is UTC; a bare date is its midnight."""
        assert INSTANT.convert(given, None, None) == expected


class TestConfig:
    def test_yaml_and_json_both_read(self, tmp_path: Path) -> None:
        """JSON is YAML too: one reader for both."""
        settings = {"sender": "protocollo@pec.example.it", "channel_for": {"receipt": "pec"}}
        as_json = tmp_path / "c.json"
        as_json.write_text(json.dumps(settings), encoding="utf-8")
        as_yaml = tmp_path / "c.yaml"
        as_yaml.write_text(
            "sender: protocollo@pec.example.it\nchannel_for:\n  receipt: pec\n", encoding="utf-8"
        )
        assert load_config(as_json) == load_config(as_yaml) == settings

    def test_a_missing_settings_file_is_a_clear_error(self, cli: Cli, tmp_path: Path) -> None:
        """The file is named; exit 1; nothing opened."""
        result = cli("worklist", "--as", "a", "--config", str(tmp_path / "nowhere.yaml"))
        assert result.exit_code == 1
        assert "File non valido" in result.output
        assert "nowhere.yaml" in result.output

    def test_duplicate_keys_are_refused_with_their_line(self, cli: Cli, tmp_path: Path) -> None:
        """A settings file with one key twice: the line is named."""
        path = tmp_path / "c.yaml"
        path.write_text("sender: a@x.it\nsender: b@x.it\n", encoding="utf-8")
        result = cli("worklist", "--as", "a", "--config", str(path), "--lang", "en")
        assert result.exit_code == 1
        assert f"Invalid file {path}:2" in result.output


class TestMessages:
    @pytest.mark.parametrize(
        ("error", "italian", "english"),
        [
            (
                RecordNotFound("listing", "SEREGNO-2026-0009"),
                "Nessun elemento di tipo iscrizione con id SEREGNO-2026-0009.",
                "No listing with id SEREGNO-2026-0009.",
            ),
            (
                TransitionForbidden("approve", "role", "needs one of the roles: manager"),
                "Azione approve non consentita: manca il requisito di ruolo "
                "(needs one of the roles: manager).",
                "Action approve not allowed: the role check failed "
                "(needs one of the roles: manager).",
            ),
            (
                ConflictError("application", "A1", 3, 4),
                "domanda A1 è cambiata nel frattempo (attesa versione 3, trovata 4): "
                "rileggila e riprova.",
                "application A1 changed meanwhile (expected version 3, found 4): "
                "read it again and retry.",
            ),
            (
                StorageTooNew(9, 2),
                "Il database ha la versione 9, più recente di quella gestita (2): "
                "aggiornare coworkreg.",
                "The database has schema version 9, newer than this library supports (2): "
                "upgrade coworkreg.",
            ),
        ],
    )
    def test_each_error_in_both_languages(
        self, error: CoworkregError, italian: str, english: str
    ) -> None:
        """Built from the error's attributes, not from its English text."""
        assert (describe_error(error, "it"), describe_error(error, "en")) == (italian, english)

    def test_an_error_without_its_own_wording_keeps_its_text(self) -> None:
        """The base class falls back to the error's message."""
        assert describe_error(CoworkregError("qualcosa"), "en") == "qualcosa"


class TestHelp:
    def test_every_register_command_is_listed(self) -> None:
        """``coworkreg --help`` names each command of the register."""
        output = CliRunner().invoke(main, ["--help"]).output
        for name in ("init", "apply", "worklist", "transition", "history", "publish"):
            assert f"  {name} " in output
        for name in ("timers", "sample", "deliver", "outbox"):
            assert f"  {name} " in output

    def test_dates_are_iso(self) -> None:
        """``--on`` takes an ISO date and says so otherwise."""
        result = CliRunner().invoke(main, ["publish", "--out", "x", "--on", "30/06/2026"])
        assert result.exit_code == 2
        assert "ISO 8601 (2026-03-02)" in result.output

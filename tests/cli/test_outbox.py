"""``coworkreg outbox`` names the database with ``--db``, like every other command."""

from __future__ import annotations

import json

from click.testing import CliRunner

from coworkreg_core.cli import main
from coworkreg_core.registry import Registry

from .conftest import Cli, file_example


class TestDatabaseOption:
    def test_db_lists_the_queued_receipt(self, cli: Cli, registry: Registry) -> None:
        """``--db`` reads the outbox the Registry filled."""
        file_example(registry, "01")
        result = cli("outbox", "list", "--format", "json")
        assert result.exit_code == 0, result.output
        assert sorted(i["key"].rsplit("/", 2)[-2] for i in json.loads(result.output)) == [
            "archive",
            "pec",
        ]

    def test_storage_remains_an_alias(self, cli: Cli, registry: Registry) -> None:
        """``--storage`` and ``$COWORKREG_DB`` name the same database."""
        file_example(registry, "01")
        by_option = CliRunner().invoke(main, ["outbox", "list", "--storage", cli.url])
        by_env = CliRunner(env={"COWORKREG_DB": cli.url}).invoke(main, ["outbox", "list"])
        assert by_option.exit_code == by_env.exit_code == 0
        assert by_option.output == by_env.output
        assert len(by_option.output.splitlines()) == 3

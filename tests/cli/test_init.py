"""``coworkreg init``: the database is created or migrated and the town pack loads."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from coworkreg_core.cli import main

from .conftest import Cli


class TestInit:
    def test_creates_the_database_and_says_where(self, tmp_path: Path) -> None:
        """A new file is created; the message names it and the town's procedure."""
        cli = Cli(tmp_path / "new.db")
        result = cli("init")
        assert result.exit_code == 0, result.output
        assert cli.db.exists()
        assert str(cli.db) in result.output
        assert "Comune di Seregno" in result.output
        assert "Procedimento: seregno-listing" in result.output

    def test_running_again_changes_nothing(self, cli: Cli) -> None:
        """An up-to-date database is left as it is."""
        before = cli.snapshot()
        assert cli("init").exit_code == 0
        assert cli.snapshot() == before

    def test_english_on_request(self, cli: Cli) -> None:
        """``--lang en`` words the report in English."""
        result = cli("init", "--lang", "en")
        assert "Storage ready:" in result.output
        assert "Procedure: seregno-listing" in result.output

    def test_a_town_without_a_pack_is_a_clear_error(self, tmp_path: Path) -> None:
        """An unknown town: exit 1, the installed packs named, no traceback."""
        result = Cli(tmp_path / "r.db")("init", "--town", "atlantide")
        assert result.exit_code == 1
        assert "Nessun pacchetto del Comune atlantide" in result.output
        assert "seregno" in result.output
        assert "Traceback" not in result.output

    def test_a_neighbour_extending_seregno(self, tmp_path: Path) -> None:
        """Desio's pack loads along its chain, from $COWORKREG_TOWN."""
        cli = Cli(tmp_path / "r.db")
        result = CliRunner(env={"COWORKREG_TOWN": "desio"}).invoke(main, ["init", "--db", cli.url])
        assert result.exit_code == 0, result.output
        assert "desio -> seregno" in result.output

    def test_an_unknown_storage_scheme_is_a_clear_error(self, tmp_path: Path) -> None:
        """A URL no back end understands: exit 1 and the expected forms."""
        result = CliRunner().invoke(main, ["init", "--db", "mysql://x/y", "--lang", "en"])
        assert result.exit_code == 1
        assert "No storage back end for mysql://x/y" in result.output

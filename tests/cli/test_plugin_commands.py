"""Plugins add commands through ``coworkreg_commands``."""

from __future__ import annotations

import click
from click.testing import CliRunner

from coworkreg_core import hookimpl
from coworkreg_core.cli import main
from coworkreg_core.plugins import get_plugin_manager


class InspectionPlugin:
    """A town's own command, as a plugin distribution would add it."""

    @hookimpl
    def coworkreg_commands(self, cli: click.Group) -> None:
        @cli.command()
        @click.argument("space")
        def inspect(space: str) -> None:
            """Record a site inspection."""
            click.echo(f"sopralluogo: {space}")


class TestPluginCommands:
    def test_a_plugin_command_runs(self) -> None:
        """A command added by a plugin on a fresh manager is found and run."""
        pm = get_plugin_manager(load_entrypoints=False, plugins=[InspectionPlugin()])
        result = CliRunner().invoke(main, ["inspect", "sala-cavour"], obj={"plugin_manager": pm})
        assert result.exit_code == 0, result.output
        assert result.output == "sopralluogo: sala-cavour\n"

    def test_it_does_not_linger_into_the_next_run(self) -> None:
        """Without the plugin the same name is unknown again."""
        pm = get_plugin_manager(load_entrypoints=False)
        result = CliRunner().invoke(main, ["inspect", "x"], obj={"plugin_manager": pm})
        assert result.exit_code == 2
        assert "No such command 'inspect'" in result.output

    def test_built_ins_win_without_asking_the_plugins(self) -> None:
        """A built-in name never builds the plugin manager."""

        class Exploding:
            @hookimpl
            def coworkreg_commands(self, cli: click.Group) -> None:
                raise AssertionError("plugins were asked for a built-in command")

        pm = get_plugin_manager(load_entrypoints=False, plugins=[Exploding()])
        result = CliRunner().invoke(main, ["init", "--help"], obj={"plugin_manager": pm})
        assert result.exit_code == 0, result.output

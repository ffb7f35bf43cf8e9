"""The ``coworkreg`` command: a thin layer over the library.

Subcommands are imported only when run, so ``coworkreg --help`` stays fast and
a command never pays for another's imports (WeasyPrint costs 0.7 s). Commands
added by plugins (``coworkreg_commands``) are looked for only when a name is
not a built-in one, so the plugin manager is built only then.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

import click

COMMANDS: dict[str, str] = {
    "validate": "coworkreg_core.cli.validate:validate",
    "workflow": "coworkreg_core.cli.workflow:workflow",
    "deadline": "coworkreg_core.cli.deadline:deadline",
    "rules": "coworkreg_core.cli.rules:rules",
    "outbox": "coworkreg_core.cli.outbox:outbox",
    "demo": "coworkreg_core.cli.demo:demo",
    "init": "coworkreg_core.cli.init:init",
    "apply": "coworkreg_core.cli.apply:apply",
    "worklist": "coworkreg_core.cli.worklist:worklist",
    "transition": "coworkreg_core.cli.transition:transition",
    "history": "coworkreg_core.cli.history:history",
    "publish": "coworkreg_core.cli.publish:publish",
    "timers": "coworkreg_core.cli.timers:timers",
    "sample": "coworkreg_core.cli.sample:sample",
    "deliver": "coworkreg_core.cli.deliver:deliver",
}
"""Subcommands by name, as ``module:attribute``, imported on first use."""


_PLUGIN_COMMANDS = "coworkreg.plugin_commands"


def _available(target: str) -> bool:
    return importlib.util.find_spec(target.split(":")[0]) is not None


class LazyGroup(click.Group):
    """A group whose subcommands live in modules imported on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        lazy = {name for name, target in COMMANDS.items() if _available(target)}
        return sorted({*super().list_commands(ctx), *lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS and _available(COMMANDS[cmd_name]):
            module_name, attribute = COMMANDS[cmd_name].split(":")
            command: Any = getattr(importlib.import_module(module_name), attribute)
            if not isinstance(command, click.Command):
                raise TypeError(f"{COMMANDS[cmd_name]} is not a click command")
            return command
        return super().get_command(ctx, cmd_name) or self._plugin_commands(ctx).get(cmd_name)

    def _plugin_commands(self, ctx: click.Context) -> dict[str, click.Command]:
        """The commands plugins add, asked for once per invocation.

        They are collected on a scratch group rather than on this one, so one
        invocation's plugins never linger into the next (tests run many). A
        plugin manager can be passed as ``obj={"plugin_manager": pm}``.
        """
        root = ctx.find_root()
        found: dict[str, click.Command] | None = root.meta.get(_PLUGIN_COMMANDS)
        if found is None:
            obj = root.obj if isinstance(root.obj, dict) else {}
            pm = obj.get("plugin_manager")
            if pm is None:
                from coworkreg_core.plugins import get_plugin_manager

                pm = get_plugin_manager()
            scratch = click.Group(self.name)
            pm.hook.coworkreg_commands(cli=scratch)
            found = root.meta[_PLUGIN_COMMANDS] = dict(scratch.commands)
        return found


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="coworkreg-core")
def main() -> None:
    """Elenco pubblico dei fornitori di coworking / Public list of coworking providers."""

"""The ``coworkreg`` command: a thin layer over the library.

Subcommands are imported only when run, so ``coworkreg --help`` stays fast and
a command never pays for another's imports (WeasyPrint costs 0.7 s).
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
}
"""Subcommands by name, as ``module:attribute``, imported on first use."""


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
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="coworkreg-core")
def main() -> None:
    """Elenco pubblico dei fornitori di coworking / Public list of coworking providers."""

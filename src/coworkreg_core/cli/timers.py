"""``coworkreg timers run``: fire the transitions whose time has come."""

from __future__ import annotations

import click

from coworkreg_core.cli.registry_options import RegistryOptions, registry_options
from coworkreg_core.i18n import Text

_FIRED = Text("Scadenze eseguite: {count}.", "Timers fired: {count}.")
_LINE = Text("  {id}: {state}", "  {id}: {state}")


@click.group()
def timers() -> None:
    """Scadenze / timer transitions (no answer in time, validity over)."""


@timers.command("run")
@registry_options
def run(options: RegistryOptions) -> None:
    """Esegui le scadenze maturate / fire every timer that is due at --now.

    Run it daily (cron, systemd timer); running it twice does nothing more.

    \b
    Example:
        coworkreg timers run --now 2029-03-02T06:00:00+01:00
    """
    with options.open() as registry:
        fired = registry.run_timers(now=options.now)
    click.echo(_FIRED.format(count=len(fired)).get(options.lang))
    for application in fired:
        click.echo(_LINE.format(id=application.id, state=application.state).get(options.lang))

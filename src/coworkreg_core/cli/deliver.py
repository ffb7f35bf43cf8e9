"""``coworkreg deliver``: send what is due in the outbox through the registry's channels."""

from __future__ import annotations

import click

from coworkreg_core.cli.registry_options import RegistryOptions, registry_options
from coworkreg_core.i18n import Text

_SUMMARY = Text(
    "Inviati: {sent}; da ritentare o non recapitabili: {failed}.",
    "Sent: {sent}; to retry or dead: {failed}.",
)


@click.command()
@click.option(
    "--limit",
    type=click.IntRange(1, 100_000),
    default=100,
    show_default=True,
    help="Quanti al massimo / at most this many items.",
)
@registry_options
def deliver(limit: int, options: RegistryOptions) -> None:
    """Consegna la posta in uscita / deliver the outbox items due at --now.

    Channels come from the settings (``--config``: maildir, pec); an item
    that fails stays in the outbox to be retried (see ``coworkreg outbox``).

    \b
    Example:
        coworkreg deliver --config coworkreg.yaml
    """
    with options.open() as registry:
        outcomes = registry.deliver(limit=limit, now=options.now)
    for outcome in outcomes:
        click.echo(f"{outcome.item_id}  {outcome.status}  {outcome.key}  {outcome.detail}".rstrip())
    sent = sum(1 for outcome in outcomes if outcome.status == "sent")
    click.echo(_SUMMARY.format(sent=sent, failed=len(outcomes) - sent).get(options.lang))

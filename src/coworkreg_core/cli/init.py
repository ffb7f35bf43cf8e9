"""``coworkreg init``: create or bring up to date the database, and check the town pack."""

from __future__ import annotations

import click

from coworkreg_core.cli.registry_options import RegistryOptions, registry_options
from coworkreg_core.i18n import Text
from coworkreg_core.storage.url import redacted

_READY = Text(
    "Archivio pronto: {db}\nComune: {name} ({town}); pacchetti: {chain}\n"
    "Procedimento: {workflow} versione {version}; regole: {rules} versione {rules_version}",
    "Storage ready: {db}\nTown: {name} ({town}); packs: {chain}\n"
    "Procedure: {workflow} version {version}; rules: {rules} version {rules_version}",
)


@click.command()
@registry_options
def init(options: RegistryOptions) -> None:
    """Prepara l'archivio / create or migrate the database and load the town pack.

    Safe to run again: an up-to-date database is left as it is.

    \b
    Example:
        coworkreg init --db sqlite:///coworkreg.db --town seregno
    """
    with options.open() as registry:
        chain = " -> ".join(pack.id for pack in registry.towns.chain(registry.town))
        click.echo(
            _READY.format(
                db=redacted(options.db),
                name=registry.pack.name,
                town=registry.town,
                chain=chain,
                workflow=registry.definition.id,
                version=registry.definition.version,
                rules=registry.rules.town,
                rules_version=registry.rules.version,
            ).get(options.lang)
        )

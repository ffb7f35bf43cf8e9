"""``coworkreg init``: create or bring up to date the database, and check the town pack."""

from __future__ import annotations

from pathlib import Path

import click

from coworkreg_core.cli.registry_options import RegistryOptions, registry_options
from coworkreg_core.i18n import Text
from coworkreg_core.storage.url import MEMORY, redacted, scheme_of, sqlite_path

_READY = Text(
    "Archivio pronto: {db}\nComune: {name} ({town}); pacchetti: {chain}\n"
    "Procedimento: {workflow} versione {version}; regole: {rules} versione {rules_version}",
    "Storage ready: {db}\nTown: {name} ({town}); packs: {chain}\n"
    "Procedure: {workflow} version {version}; rules: {rules} version {rules_version}",
)


def _where(url: str) -> str:
    """The database file for SQLite (relative URLs resolved), else the URL without password."""
    if scheme_of(url) == "sqlite" and sqlite_path(url) != MEMORY:
        return str(Path(sqlite_path(url)).resolve())
    return redacted(url)


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
                db=_where(options.db),
                name=registry.pack.name,
                town=registry.town,
                chain=chain,
                workflow=registry.definition.id,
                version=registry.definition.version,
                rules=registry.rules.town,
                rules_version=registry.rules.version,
            ).get(options.lang)
        )

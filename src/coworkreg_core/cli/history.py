"""``coworkreg history``: the review history of an application, with its chain checked."""

from __future__ import annotations

import json
from typing import Any

import click

from coworkreg_core.cli._common import format_option
from coworkreg_core.cli.registry_options import RegistryOptions, registry_options
from coworkreg_core.i18n import Text
from coworkreg_core.workflow import HistoryEntry

_VERIFIED = Text(
    "Catena verificata: {count} voci, ultima impronta {hash}.",
    "Chain verified: {count} entries, last hash {hash}.",
)


def _as_json(entry: HistoryEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "time": entry.time,
        "actor": entry.actor,
        "action": entry.action,
        "from": entry.from_state,
        "to": entry.to_state,
        "comment": entry.comment,
        "payload": dict(entry.payload),
        "hash": entry.hash,
    }


def _as_line(entry: HistoryEntry) -> str:
    line = f"{entry.time}  {entry.actor}  {entry.action}  {entry.from_state} -> {entry.to_state}"
    return f"{line}  {entry.comment}" if entry.comment else line


@click.command()
@click.argument("application_id")
@format_option
@registry_options
def history(application_id: str, output_format: str, options: RegistryOptions) -> None:
    """Storia della domanda / the review history, oldest first, after checking its hash chain.

    A history whose chain is broken (an entry was changed) is an error, exit 1.

    \b
    Example:
        coworkreg history APP_ID --format json
    """
    with options.open() as registry:
        registry.application(application_id)
        entries = registry.history(application_id)
    last = entries[-1].hash if entries else "-"
    if output_format == "json":
        document = {
            "application": application_id,
            "chain": "verified",
            "entries": [_as_json(entry) for entry in entries],
        }
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    for entry in entries:
        click.echo(_as_line(entry))
    click.echo(_VERIFIED.format(count=len(entries), hash=last).get(options.lang))

"""``coworkreg worklist``: what an office member must do, nearest deadline first."""

from __future__ import annotations

import json
from typing import Any

import click

from coworkreg_core.cli._common import format_option
from coworkreg_core.cli.registry_options import RegistryOptions, actor_options, registry_options
from coworkreg_core.i18n import Lang, Text
from coworkreg_core.registry import WorkItem
from coworkreg_core.workflow import Actor

_HEADINGS = {
    "it": ("scadenza", "giorni", "stato", "lista", "protocollo", "fornitore", "domanda"),
    "en": ("deadline", "days", "state", "worklist", "protocol", "provider", "application"),
}
_EMPTY = Text("Nessuna pratica da trattare.", "Nothing to do.")
_SUSPENDED = Text("sospeso", "suspended")


def _as_json(item: WorkItem) -> dict[str, Any]:
    application = item.application
    return {
        "application": application.id,
        "protocol_number": application.protocol_number,
        "state": application.state,
        "kind": application.kind,
        "worklist": item.worklist,
        "provider": application.provider["organisation"]["name"],
        "deadline": item.status.deadline.isoformat() if item.status.deadline else None,
        "days_left": item.days_left,
        "suspended_since": (
            item.status.suspended_since.isoformat() if item.status.suspended_since else None
        ),
    }


def _as_row(item: WorkItem, lang: Lang) -> tuple[str, ...]:
    application = item.application
    deadline = item.status.deadline.isoformat() if item.status.deadline else _SUSPENDED.get(lang)
    return (
        deadline,
        str(item.days_left),
        application.state,
        item.worklist,
        application.protocol_number or "",
        str(application.provider["organisation"]["name"]),
        application.id,
    )


@click.command()
@actor_options()
@format_option
@registry_options
def worklist(actor: Actor, output_format: str, options: RegistryOptions) -> None:
    """Pratiche da trattare / the actor's worklist, nearest deadline first, with days left.

    \b
    Example:
        coworkreg worklist --as istruttore.rossi --role reviewer
    """
    with options.open() as registry:
        items = registry.worklist(actor, today=options.today())
    if output_format == "json":
        click.echo(json.dumps([_as_json(item) for item in items], indent=2, ensure_ascii=False))
        return
    if not items:
        click.echo(_EMPTY.get(options.lang))
        return
    rows = [_HEADINGS[options.lang], *(_as_row(item, options.lang) for item in items)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        click.echo(line.rstrip())

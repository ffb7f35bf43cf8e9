"""``coworkreg outbox``: what waits to be sent, what went out, what gave up; put it back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from coworkreg_core.cli._common import as_lang, format_option, lang_option
from coworkreg_core.errors import CoworkregError
from coworkreg_core.i18n import Lang, Text
from coworkreg_core.storage import OutboxItem, Storage, open_storage
from coworkreg_core.storage.records import OutboxStatus

_HEADINGS = {
    "it": ("id", "stato", "tentativi", "canale", "chiave", "prossimo tentativo", "errore"),
    "en": ("id", "status", "attempts", "channel", "key", "next attempt", "error"),
}
_STATUSES: dict[str, OutboxStatus] = {"pending": "pending", "sent": "sent", "dead": "dead"}
_STATUS = {
    "pending": Text("in attesa", "pending"),
    "sent": Text("inviato", "sent"),
    "dead": Text("non recapitabile", "dead"),
}


def _storage_option(func: Any) -> Any:
    # --db as in every other command; --storage and $COWORKREG_STORAGE are kept as aliases.
    return click.option(
        "--db",
        "--storage",
        "url",
        envvar=["COWORKREG_DB", "COWORKREG_STORAGE"],
        default="sqlite:///coworkreg.db",
        show_default=True,
        help="Archivio / storage URL (sqlite:///register.db); or $COWORKREG_DB.",
    )(func)


@contextmanager
def _opened(url: str) -> Iterator[Storage]:
    try:
        with open_storage(url) as storage:
            yield storage
    except CoworkregError as exc:
        raise click.ClickException(str(exc)) from exc


def _as_json(item: OutboxItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "key": item.key,
        "channel": item.channel,
        "status": item.status,
        "attempts": item.attempts,
        "next_attempt_at": item.next_attempt_at.isoformat(),
        "created_at": item.created_at.isoformat(),
        "sent_at": item.sent_at.isoformat() if item.sent_at else None,
        "last_error": item.last_error,
        "reply": dict(item.reply) if item.reply is not None else None,
    }


def _as_row(item: OutboxItem, lang: Lang) -> tuple[str, ...]:
    when = item.sent_at if item.status == "sent" and item.sent_at else item.next_attempt_at
    return (
        str(item.id),
        _STATUS[item.status].get(lang),
        str(item.attempts),
        item.channel,
        item.key,
        "" if item.status == "dead" else when.strftime("%Y-%m-%d %H:%M"),
        (item.last_error or "").splitlines()[0][:60] if item.last_error else "",
    )


@click.group()
def outbox() -> None:
    """Posta in uscita / the outbox of mails and documents."""


@outbox.command("list")
@_storage_option
@click.option(
    "--status",
    type=click.Choice(["pending", "sent", "dead"]),
    help="Solo questo stato / only this status.",
)
@click.option("--limit", type=click.IntRange(1, 100_000), default=100, show_default=True)
@format_option
@lang_option
def list_items(url: str, status: str | None, limit: int, output_format: str, lang: str) -> None:
    """Elenca gli elementi / list the items, oldest first.

    Example: ``coworkreg outbox list --storage sqlite:///register.db --status dead``
    """
    with _opened(url) as storage:
        items = storage.list_outbox(status=_STATUSES.get(status or ""), limit=limit)
    if output_format == "json":
        click.echo(json.dumps([_as_json(item) for item in items], indent=2, ensure_ascii=False))
        return
    chosen = as_lang(lang)
    if not items:
        click.echo(Text("Nessun elemento.", "No items.").get(chosen))
        return
    rows = [_HEADINGS[chosen], *(_as_row(item, chosen) for item in items)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


@outbox.command()
@_storage_option
@click.argument("ids", nargs=-1, type=int)
@click.option("--all", "every", is_flag=True, help="Tutti i non recapitabili / every dead item.")
@lang_option
def retry(url: str, ids: tuple[int, ...], every: bool, lang: str) -> None:
    """Rimetti in coda / put dead items back, due now, with their attempts reset.

    Example: ``coworkreg outbox retry --storage sqlite:///register.db 12 15``
    """
    if bool(ids) == every:
        raise click.UsageError("give item ids or --all, not both and not neither")
    with _opened(url) as storage:
        count = storage.retry_dead(None if every else list(ids))
    click.echo(
        Text("Elementi rimessi in coda: {count}.", "{count} item(s) put back in the queue.")
        .format(count=count)
        .get(as_lang(lang))
    )
    if ids and count < len(ids):
        raise click.ClickException(
            Text(
                "Id che non erano tra i non recapitabili: {missing}.",
                "{missing} id(s) were not dead items.",
            )
            .format(missing=len(ids) - count)
            .get(as_lang(lang))
        )

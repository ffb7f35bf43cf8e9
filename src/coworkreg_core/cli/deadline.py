"""``coworkreg deadline``: the last day of a procedure's term on a town's calendar."""

from __future__ import annotations

import json
from datetime import date, timedelta

import click

from coworkreg_core.cli._common import as_lang, format_option, lang_option
from coworkreg_core.errors import CoworkregError
from coworkreg_core.plugins import get_plugin_manager
from coworkreg_core.towns import Towns
from coworkreg_core.workflow.clock import ClockState, Suspension
from coworkreg_core.workflow.town import calendar_for_town, workflow_for_town


def _day(value: str, what: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not an ISO date (YYYY-MM-DD)", param_hint=what
        ) from None


def _period(value: str) -> tuple[date, date]:
    first, sep, last = value.partition("..")
    if not sep:
        raise click.BadParameter(f"{value!r}: write FROM..TO", param_hint="--suspended")
    since, until = _day(first, "--suspended"), _day(last, "--suspended")
    if until < since:
        raise click.BadParameter(f"{value!r} ends before it starts", param_hint="--suspended")
    return since, until


@click.command()
@click.argument("start")
@click.option("--town", required=True, help="Comune (id o cartella del pacchetto) / town.")
@click.option("--days", type=click.IntRange(1, 3650), help="Termine in giorni / term in days.")
@click.option(
    "--suspended",
    "periods",
    multiple=True,
    metavar="FROM..TO",
    help="Sospensione: dal giorno FROM, il termine riprende il giorno TO (ripetibile).",
)
@format_option
@lang_option
def deadline(
    start: str,
    town: str,
    days: int | None,
    periods: tuple[str, ...],
    output_format: str,
    lang: str,
) -> None:
    """Print the deadline of a procedure filed on START (ISO date) in TOWN.

    The term counts calendar days from the day after START; suspended days do
    not count; a deadline on a Sunday, holiday or town closure moves to the
    next working day.

    Example: coworkreg deadline 2026-12-01 --town seregno --suspended 2026-12-05..2026-12-20
    """
    filed = _day(start, "START")
    spans = sorted(_period(p) for p in periods)
    for since, _until in spans:
        if since < filed:
            raise click.BadParameter(
                f"suspension from {since} precedes filing", param_hint="--suspended"
            )
    try:
        towns = Towns.from_plugins(get_plugin_manager())
        calendar = calendar_for_town(towns, town)
        term = days if days is not None else workflow_for_town(towns, town).clock.term_days
    except CoworkregError as exc:
        raise click.ClickException(str(exc)) from exc
    clock = ClockState(
        term_days=term,
        started=filed,
        suspensions=tuple(Suspension("suspension", since, until) for since, until in spans),
    )
    last = spans[-1][1] if spans else filed
    result = clock.deadline(calendar, last)
    if result is None:  # every suspension has an end, so this cannot happen
        raise click.ClickException("the deadline cannot be computed")
    if output_format == "text":
        click.echo(result.isoformat())
        return
    language = as_lang(lang)
    suspended_days = sum((until - since).days for since, until in spans)
    unadjusted = filed + timedelta(term + suspended_days)
    moved = []
    day = unadjusted
    while day < result:
        reason = calendar.closure(day)
        moved.append({"date": day.isoformat(), "closed": reason.get(language) if reason else None})
        day += timedelta(1)
    details = {
        "town": town,
        "start": filed.isoformat(),
        "term_days": term,
        "counting_from": (filed + timedelta(1)).isoformat(),
        "suspensions": [
            {"from": s.isoformat(), "to": u.isoformat(), "days": (u - s).days} for s, u in spans
        ],
        "suspended_days": suspended_days,
        "unadjusted": unadjusted.isoformat(),
        "deadline": result.isoformat(),
        "moved_over": moved,
        "saturday_closed": calendar.saturday_closed,
    }
    click.echo(json.dumps(details, ensure_ascii=False, indent=2))

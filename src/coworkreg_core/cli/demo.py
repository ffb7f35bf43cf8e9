"""``coworkreg demo``: the whole Seregno procedure, with outputs to look at."""

from __future__ import annotations

from pathlib import Path

import click

from coworkreg_core.cli._common import as_lang, lang_option
from coworkreg_core.errors import CoworkregError


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo-output"),
    show_default=True,
    help="Cartella dei risultati / output folder.",
)
@click.option(
    "--db",
    "db_url",
    default=None,
    help="Database (default: OUT/register.db, SQLite) / storage URL, e.g. postgresql://...",
)
@lang_option
def demo(out: Path, db_url: str | None, lang: str) -> None:
    """Run Seregno's procedure on the example providers.

    \b
    Example:
        coworkreg demo --out demo-output
    """
    from coworkreg_core.demo import run_demo

    english = as_lang(lang) == "en"
    try:
        report = run_demo(out, db_url=db_url, step=lambda s: click.echo(f"… {s}", err=True))
    except (CoworkregError, ValueError, FileNotFoundError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo("What happened:" if english else "Cosa è successo:")
    for name, state in sorted(report.applications.items()):
        click.echo(f"  {state:<14} {name}")
    listed = ", ".join(report.published)
    click.echo(("Public list: " if english else "Elenco pubblico: ") + listed)
    click.echo(
        ("Sample checks (art. 71): " if english else "Controlli a campione (art. 71): ")
        + (", ".join(report.sample) or "-")
    )
    click.echo(
        (f"Messages delivered: {report.delivered}, still pending: {report.undelivered}")
        if english
        else f"Messaggi consegnati: {report.delivered}, in attesa: {report.undelivered}"
    )
    click.echo("Where to look:" if english else "Dove guardare:")
    for folder, what_it, what_en in (
        ("elenco", "elenco pubblicato (CSV, JSON, HTML, PDF/A, DCAT-AP_IT)", "published list"),
        ("documenti", "documenti ufficiali in PDF/A", "official PDF/A documents"),
        ("mail", "posta inviata (Maildir)", "mail sent (Maildir)"),
        ("storia", "storia di ogni domanda, catena verificata", "histories, chain verified"),
    ):
        click.echo(f"  {report.out / folder}: {what_en if english else what_it}")
    click.echo(f"  {report.db_url}")

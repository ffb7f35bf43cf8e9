"""``coworkreg publish``: write the public list as on a date, in every format."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from coworkreg_core.cli.registry_options import DAY, RegistryOptions, registry_options
from coworkreg_core.i18n import Text

_LABEL = Text("Pubblicazione dell'elenco", "Publishing the list")
_WRITTEN = Text(
    "Elenco al {on}: {count} iscritti, file in {out}:",
    "List as on {on}: {count} listings, files in {out}:",
)


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Cartella di destinazione / output folder.",
)
@click.option("--on", "on", type=DAY, help="Data dell'elenco / list as on this day; default today.")
@click.option("--base-url", help="Indirizzo pubblico dei file / public URL of the files (DCAT).")
@click.option("--no-pdf", is_flag=True, help="Senza il PDF/A / skip the PDF/A.")
@registry_options
def publish(
    out: Path, on: date | None, base_url: str | None, no_pdf: bool, options: RegistryOptions
) -> None:
    """Pubblica l'elenco / write CSV, JSON, HTML, PDF/A and DCAT-AP_IT metadata.

    Only company and space data are published (data minimisation); the same
    data gives the same bytes.

    \b
    Example:
        coworkreg publish --out public/ --on 2026-06-30 \\
            --base-url https://www.comune.seregno.mb.it/coworking/
    """
    day = on or options.today()
    with options.open() as registry:
        count = len(registry.publication(day).entries)
        # One step, but rendering the PDF/A takes seconds: the bar shows it is working.
        with click.progressbar(length=1, label=_LABEL.get(options.lang)) as bar:
            written = registry.publish(day, out, base_url=base_url, pdf=not no_pdf)
            bar.update(1)
    click.echo(_WRITTEN.format(on=day.isoformat(), count=count, out=out).get(options.lang))
    for path in written:
        click.echo(f"  {path.name}")

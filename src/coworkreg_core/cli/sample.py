"""``coworkreg sample``: draw the art. 71 sample checks of self-declarations."""

from __future__ import annotations

import json
from datetime import date

import click

from coworkreg_core.cli._common import format_option
from coworkreg_core.cli.registry_options import (
    DAY,
    RegistryOptions,
    actor_options,
    registry_options,
)
from coworkreg_core.i18n import Text
from coworkreg_core.workflow import Actor

_DRAWN = Text(
    "Controlli a campione al {on}: {chosen} su {population} iscritti (quota {share:.0%}, "
    "seme {seed!r}, impronta {sha256}).",
    "Sample checks on {on}: {chosen} of {population} listings (share {share:.0%}, "
    "seed {seed!r}, digest {sha256}).",
)


@click.command()
@click.option("--on", "on", type=DAY, required=True, help="Data dell'estrazione / draw date.")
@click.option("--seed", required=True, help="Seme, da verbalizzare / the seed, to be minuted.")
@format_option
@actor_options()
@registry_options
def sample(on: date, seed: str, output_format: str, actor: Actor, options: RegistryOptions) -> None:
    """Estrai il campione / draw and record the sample of listings to check.

    The same list, date and seed always draw the same sample; the draw is
    recorded in the protocol register with its digest.

    \b
    Example:
        coworkreg sample --on 2026-06-30 --seed "verbale 12/2026" \\
            --as responsabile.bianchi --role manager
    """
    with options.open() as registry:
        draw = registry.sample_checks(on=on, seed=seed, actor=actor, now=options.now)
    if output_format == "json":
        click.echo(json.dumps({**draw.to_json(), "sha256": draw.sha256}, indent=2))
        return
    click.echo(
        _DRAWN.format(
            on=on.isoformat(),
            chosen=len(draw.chosen),
            population=len(draw.population),
            share=draw.share,
            seed=seed,
            sha256=draw.sha256,
        ).get(options.lang)
    )
    for number in draw.chosen:
        click.echo(f"  {number}")

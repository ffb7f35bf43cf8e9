"""``coworkreg rules``: show a town's rules in force, explain a verdict rule by rule."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import click

from coworkreg_core.cli._common import as_lang, format_option, lang_option
from coworkreg_core.errors import CoworkregError
from coworkreg_core.rules import RuleSet, evaluate, load_ruleset
from coworkreg_core.rules.explain import format_ruleset, format_verdict, ruleset_as_dict
from coworkreg_core.rules.ruleset import KINDS
from coworkreg_core.validation import provider_validator

_on_option = click.option(
    "--on",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Data di valutazione (AAAA-MM-GG), oggi se assente / date to apply (today by default).",
)


def _load(town: str) -> RuleSet:
    try:
        return load_ruleset(town)
    except CoworkregError as exc:
        raise click.ClickException(str(exc)) from None


@click.group()
def rules() -> None:
    """Regole di iscrizione dei Comuni / towns' eligibility rules."""


@rules.command()
@click.argument("town")
@_on_option
@format_option
@lang_option
def show(town: str, on: datetime | None, output_format: str, lang: str) -> None:
    """Le regole in vigore per TOWN, con la loro origine / the rules in force, with origins.

    TOWN is a town id (``seregno``) or a town pack directory.

    \b
    Example:
        coworkreg rules show desio --on 2027-01-01 --lang en
    """
    day = on.date() if on is not None else date.today()
    ruleset = _load(town)
    try:
        resolved = ruleset.on(day)
    except CoworkregError as exc:
        raise click.ClickException(str(exc)) from None
    language = as_lang(lang)
    if output_format == "json":
        click.echo(
            json.dumps(ruleset_as_dict(ruleset, resolved, language), ensure_ascii=False, indent=2)
        )
    else:
        click.echo(format_ruleset(ruleset, resolved, language))


@rules.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--town",
    required=True,
    help="Comune (id o cartella del pacchetto) / town id or pack directory.",
)
@_on_option
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    default="new",
    show_default=True,
    help="Tipo di domanda / application kind.",
)
@format_option
@lang_option
def explain(
    file: Path, town: str, on: datetime | None, kind: str, output_format: str, lang: str
) -> None:
    """Esito della domanda in FILE, regola per regola / a provider's verdict, rule by rule.

    FILE is a provider document (JSON). It is validated first; the verdict is
    ``eligible``, ``not_eligible`` or ``undecided``. Exits 0 whatever the
    verdict, 1 when the file or the rules cannot be read.

    \b
    Example:
        coworkreg rules explain examples/providers/valid/01-studio-brianza-freelancer.json \\
            --town seregno --on 2026-11-25 --format json
    """
    day = on.date() if on is not None else date.today()
    language = as_lang(lang)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise click.ClickException(f"{file}: {exc.strerror or type(exc).__name__}") from None
    document, problems = provider_validator().load_json(data, source=str(file))
    if problems:
        lines = "\n".join(f"{file}: {p.describe(language)}" for p in problems)
        raise click.ClickException(f"{file} is not a valid provider document:\n{lines}")
    ruleset = _load(town)
    try:
        verdict = evaluate(ruleset, document, on=day, kind=kind)
    except CoworkregError as exc:
        raise click.ClickException(str(exc)) from None
    if output_format == "json":
        click.echo(json.dumps(verdict.as_dict(language), ensure_ascii=False, indent=2))
    else:
        click.echo(format_verdict(verdict, language))

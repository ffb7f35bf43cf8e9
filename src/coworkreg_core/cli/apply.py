"""``coworkreg apply``: file an application as the applicant."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from coworkreg_core.cli.registry_options import RegistryOptions, actor_options, registry_options
from coworkreg_core.cli.validate import check_file
from coworkreg_core.i18n import Text
from coworkreg_core.rules import Verdict
from coworkreg_core.validation import SchemaValidator
from coworkreg_core.workflow import Actor

_INVALID = Text(
    "La domanda non è valida ({count} problemi); nulla è stato registrato:",
    "The application is not valid ({count} problem(s)); nothing was recorded:",
)
_LISTING_NEEDED = Text(
    "Una domanda di tipo {kind} deve indicare l'iscrizione con --listing.",
    "A {kind} application must name its listing with --listing.",
)
_FILED = Text(
    "Domanda: {id}\nProtocollo: {protocol}\nStato: {state}\nScadenza: {deadline}\n"
    "Requisiti: {decision} ({passed} soddisfatti, {failed} non soddisfatti, {undecided} da "
    "verificare)",
    "Application: {id}\nProtocol number: {protocol}\nState: {state}\nDeadline: {deadline}\n"
    "Eligibility: {decision} ({passed} passed, {failed} failed, {undecided} undecided)",
)
_GROUND = Text("  non soddisfatto: {rule}: {message}", "  failed: {rule}: {message}")
DECISIONS = {
    "eligible": Text("ammissibile", "eligible"),
    "not_eligible": Text("non ammissibile", "not eligible"),
    "undecided": Text("da verificare", "undecided"),
}
"""The verdict's decision, named for the reader."""


def _counts(verdict: Verdict) -> dict[str, int]:
    outcomes = list(verdict.outcomes().values())
    return {
        "passed": outcomes.count("pass"),
        "failed": outcomes.count("fail"),
        "undecided": outcomes.count("undecidable"),
    }


def read_provider(file: Path, options: RegistryOptions) -> dict[str, Any]:
    """The provider document in ``file``, or every problem it has as one message."""
    problems = check_file(file, SchemaValidator("provider"))
    if problems:
        head = _INVALID.format(count=len(problems)).get(options.lang)
        lines = (f"{problem.source}: {problem.describe(options.lang)}" for problem in problems)
        raise click.ClickException("\n".join([head, *lines]))
    provider: dict[str, Any] = json.loads(file.read_bytes())
    return provider


def _applicant(provider: dict[str, Any], given: Actor | None) -> Actor:
    """Who files: ``--as``, or the provider's own certified mail address."""
    return given if given is not None else Actor(str(provider["organisation"]["pec"]))


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--kind",
    type=click.Choice(["new", "renewal", "variation"]),
    default="new",
    show_default=True,
    help="Iscrizione, rinnovo o variazione / new listing, renewal or variation.",
)
@click.option("--listing", help="Numero di iscrizione / registration number (renewal, variation).")
@actor_options(required=False)
@registry_options
def apply(
    file: Path,
    kind: str,
    listing: str | None,
    actor: Actor | None,
    options: RegistryOptions,
) -> None:
    """Presenta una domanda / file an application from a provider document (JSON).

    The application is validated, takes a protocol number and a receipt is
    queued; the applicant is ``--as`` or else the provider's PEC address.

    \b
    Example:
        coworkreg apply examples/providers/valid/01-studio-brianza-freelancer.json
    """
    if kind != "new" and listing is None:
        raise options.fail(_LISTING_NEEDED.format(kind=kind))
    provider = read_provider(file, options)
    with options.open() as registry:
        filed = registry.file(
            provider, _applicant(provider, actor), kind=kind, listing=listing, now=options.now
        )
        verdict = registry.verdict(filed.id)
        status = registry.status(filed.id, today=options.today())
    deadline = status.deadline.isoformat() if status.deadline else "-"
    click.echo(
        _FILED.format(
            id=filed.id,
            protocol=filed.protocol_number,
            state=filed.state,
            deadline=deadline,
            decision=DECISIONS[verdict.decision].get(options.lang),
            **_counts(verdict),
        ).get(options.lang)
    )
    for ground in verdict.grounds():
        rule = ground.rule_id if ground.space is None else f"{ground.rule_id}@{ground.space}"
        click.echo(
            _GROUND.format(rule=rule, message=ground.message.get(options.lang)).get(options.lang)
        )

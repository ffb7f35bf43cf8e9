"""``coworkreg transition``: fire an action of the procedure on an application.

For the actions whose payload the Registry writes itself (``approve``: the
registration number and validity; ``send_refusal_notice`` and ``refuse``: the
failing rules as grounds), the payload may be left out.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from coworkreg_core.cli.apply import read_provider
from coworkreg_core.cli.error_messages import describe_error, guard_part
from coworkreg_core.cli.registry_options import RegistryOptions, actor_options, registry_options
from coworkreg_core.errors import (
    ConflictError,
    CoworkregError,
    NoSuchTransition,
    TransitionForbidden,
)
from coworkreg_core.i18n import Text
from coworkreg_core.registry import Registry
from coworkreg_core.storage import Application
from coworkreg_core.workflow import Actor, Instance

_BAD_PAYLOAD = Text(
    "--payload deve essere un oggetto JSON: {why}", "--payload must be a JSON object: {why}"
)
_BAD_SET = Text("--set vuole chiave=valore, non {given!r}", "--set takes key=value, not {given!r}")
_DONE = Text(
    "Domanda {id}: {action} -> {state} (versione {version})",
    "Application {id}: {action} -> {state} (version {version})",
)
_NUMBER = Text(
    "Numero di iscrizione: {number}, valida fino al {until}",
    "Registration number: {number}, valid until {until}",
)
_MAY_NOW = Text("Azioni possibili ora per {actor}: {actions}", "What {actor} may do now: {actions}")
_WHY_NOT = Text("  {action}: {part} ({detail})", "  {action}: {part} ({detail})")
_FILLED_BY_REGISTRY = {"send_refusal_notice", "refuse"}
_ANSWER = "provide_integration"
_FILE_ONLY_FOR_ANSWER = Text(
    "--file vale solo per provide_integration (la domanda corretta).",
    "--file is only for provide_integration (the corrected application).",
)


def _payload(raw: str | None, pairs: tuple[str, ...], options: RegistryOptions) -> dict[str, Any]:
    """``--payload`` as a mapping, with each ``--set key=value`` (a string) on top."""
    payload: dict[str, Any] = {}
    if raw is not None:
        try:
            payload = json.loads(raw)
        except ValueError as exc:
            raise options.fail(_BAD_PAYLOAD.format(why=exc)) from exc
        if not isinstance(payload, dict):
            raise options.fail(_BAD_PAYLOAD.format(why=type(payload).__name__))
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise options.fail(_BAD_SET.format(given=pair))
        payload[key] = value
    return payload


def _fire(
    registry: Registry,
    application_id: str,
    name: str,
    actor: Actor,
    payload: Mapping[str, Any],
    options: RegistryOptions,
    expected_version: int | None,
    corrected: Mapping[str, Any] | None,
) -> Application:
    """One Registry call: the method that fills the payload, or the plain transition."""
    if corrected is not None:
        _check_version(registry, application_id, expected_version)
        return registry.provide_integration(
            application_id, actor, corrected, comment=payload.get("comment"), now=options.now
        )
    if name not in _FILLED_BY_REGISTRY or set(payload) - {"observations_assessment"}:
        return registry.transition(
            application_id, name, actor, payload, now=options.now, expected_version=expected_version
        )
    _check_version(registry, application_id, expected_version)
    if name == "send_refusal_notice":
        return registry.send_refusal_notice(application_id, actor, now=options.now)
    return registry.refuse(
        application_id,
        actor,
        observations_assessment=payload.get("observations_assessment"),
        now=options.now,
    )


def _check_version(registry: Registry, application_id: str, expected: int | None) -> None:
    """For the methods that take no version: check it first (they re-read the record)."""
    if expected is not None:
        found = registry.application(application_id).version
        if found != expected:
            raise ConflictError("application", application_id, expected, found)


def _refusal_help(
    registry: Registry,
    application_id: str,
    actor: Actor,
    exc: CoworkregError,
    options: RegistryOptions,
) -> str:
    """The error, then what the actor may do now and why each other action is closed."""
    lang = options.lang
    allowed, closed = registry.actions(application_id, actor)
    lines = [
        describe_error(exc, lang),
        _MAY_NOW.format(actor=actor.id, actions=", ".join(allowed) or "-").get(lang),
    ]
    lines.extend(
        _WHY_NOT.format(action=action, part=guard_part(why.part, lang), detail=why.detail).get(lang)
        for action, why in sorted(closed.items())
    )
    return "\n".join(lines)


@click.command()
@click.argument("application_id")
@click.argument("name")
@actor_options()
@click.option("--payload", "raw_payload", help="Dati dell'azione in JSON / the payload as JSON.")
@click.option(
    "--set",
    "pairs",
    multiple=True,
    metavar="KEY=VALUE",
    help="Un campo dei dati, come testo (ripetibile) / one payload field, as text (repeatable).",
)
@click.option(
    "--expected-version",
    type=int,
    help="Versione letta; se è cambiata nulla accade / the version read; if it changed, "
    "nothing happens.",
)
@click.option(
    "--file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Con provide_integration: la domanda corretta (JSON) / with provide_integration: "
    "the corrected application.",
)
@registry_options
def transition(
    application_id: str,
    name: str,
    actor: Actor,
    raw_payload: str | None,
    pairs: tuple[str, ...],
    expected_version: int | None,
    file: Path | None,
    options: RegistryOptions,
) -> None:
    """Esegui un'azione / fire the action NAME on an application.

    \b
    Examples:
        coworkreg transition APP_ID take_in_charge --as istruttore.rossi --role reviewer
        coworkreg transition APP_ID request_integration --as istruttore.rossi \\
            --role reviewer --set reason="Manca la planimetria."
        coworkreg transition APP_ID approve --as responsabile.bianchi --role manager
        coworkreg transition APP_ID provide_integration --as info@pec.studio.it \\
            --file corrected.json
    """
    if file is not None and name != _ANSWER:
        raise options.fail(_FILE_ONLY_FOR_ANSWER)
    payload = _payload(raw_payload, pairs, options)
    corrected = read_provider(file, options) if file is not None else None
    with options.open() as registry:
        try:
            stored = _fire(
                registry, application_id, name, actor, payload, options, expected_version, corrected
            )
        except (TransitionForbidden, NoSuchTransition) as exc:
            message = _refusal_help(registry, application_id, actor, exc, options)
            raise click.ClickException(message) from exc
    click.echo(
        _DONE.format(id=stored.id, action=name, state=stored.state, version=stored.version).get(
            options.lang
        )
    )
    variables = Instance.from_json(stored.instance).variables
    if name == "approve" and "registration_number" in variables:
        click.echo(
            _NUMBER.format(
                number=variables["registration_number"], until=variables.get("valid_until")
            ).get(options.lang)
        )

"""Library errors as messages for the office, in Italian or English.

Errors keep their data on attributes (see :mod:`coworkreg_core.errors`), so
the message is built here from those attributes, never by parsing the
English text an error carries. An error without its own wording here falls
back to the nearest ancestor's, and last to its English text.
"""

from __future__ import annotations

from functools import singledispatch

from coworkreg_core.errors import (
    ConflictError,
    CoworkregError,
    DefinitionError,
    DocumentInvalid,
    InvalidPayload,
    NoSuchTransition,
    RecordNotFound,
    StorageTooNew,
    StorageUnavailable,
    TownNotFound,
    TransitionForbidden,
    UnsupportedStorageURL,
    WorkflowError,
)
from coworkreg_core.i18n import Lang, Text

RECORD_KINDS = {
    "application": Text("domanda", "application"),
    "listing": Text("iscrizione", "listing"),
    "document": Text("documento", "document"),
}
"""Stored record kinds, named for the reader."""

GUARD_PARTS = {
    "permission": Text("permesso", "permission"),
    "role": Text("ruolo", "role"),
    "group": Text("gruppo", "group"),
    "condition": Text("condizione", "condition"),
    "trigger": Text("avvio", "trigger"),
    "timer": Text("scadenza", "timer"),
    "eligibility": Text("requisiti di iscrizione", "eligibility"),
}
"""The parts of a transition's guard, named for the reader."""


def guard_part(part: str, lang: Lang) -> str:
    """The name of a guard part in ``lang``."""
    return GUARD_PARTS[part].get(lang) if part in GUARD_PARTS else part


@singledispatch
def describe_error(exc: CoworkregError, lang: Lang) -> str:
    """The message for ``exc`` in ``lang``; the most specific registered class words it."""
    return str(exc)


@describe_error.register
def _record_not_found(exc: RecordNotFound, lang: Lang) -> str:
    kind = RECORD_KINDS.get(exc.kind, Text(exc.kind, exc.kind)).get(lang)
    return (
        Text("Nessun elemento di tipo {kind} con id {id}.", "No {kind} with id {id}.")
        .format(kind=kind, id=exc.record_id)
        .get(lang)
    )


@describe_error.register
def _town_not_found(exc: TownNotFound, lang: Lang) -> str:
    known = ", ".join(exc.available) or "-"
    return (
        Text(
            "Nessun pacchetto del Comune {town}; installati: {known}.",
            "No town pack {town}; installed: {known}.",
        )
        .format(town=exc.town, known=known)
        .get(lang)
    )


@describe_error.register
def _document_invalid(exc: DocumentInvalid, lang: Lang) -> str:
    head = Text(
        "Il documento non è valido ({count} problemi):",
        "The document is not valid ({count} problem(s)):",
    ).format(count=len(exc.problems))
    return f"{head.get(lang)}\n{exc.problems.describe(lang)}"


@describe_error.register
def _invalid_payload(exc: InvalidPayload, lang: Lang) -> str:
    head = Text(
        "Dati non validi per l'azione {name}:", "Invalid data for the action {name}:"
    ).format(name=exc.transition)
    return f"{head.get(lang)}\n{exc.problems.describe(lang)}"


@describe_error.register
def _forbidden(exc: TransitionForbidden, lang: Lang) -> str:
    return (
        Text(
            "Azione {name} non consentita: manca il requisito di {part} ({detail}).",
            "Action {name} not allowed: the {part} check failed ({detail}).",
        )
        .format(name=exc.transition, part=guard_part(exc.failed, lang), detail=exc.detail)
        .get(lang)
    )


@describe_error.register
def _no_such_transition(exc: NoSuchTransition, lang: Lang) -> str:
    exits = ", ".join(exc.available) or "-"
    return (
        Text(
            "Nessuna azione {name} dallo stato {state}; azioni dello stato: {exits}.",
            "No action {name} from the state {state}; the state's actions: {exits}.",
        )
        .format(name=exc.transition, state=exc.state, exits=exits)
        .get(lang)
    )


@describe_error.register
def _conflict(exc: ConflictError, lang: Lang) -> str:
    kind = RECORD_KINDS.get(exc.kind, Text(exc.kind, exc.kind)).get(lang)
    return (
        Text(
            "{kind} {id} è cambiata nel frattempo (attesa versione {expected}, trovata {found}): "
            "rileggila e riprova.",
            "{kind} {id} changed meanwhile (expected version {expected}, found {found}): "
            "read it again and retry.",
        )
        .format(kind=kind, id=exc.record_id, expected=exc.expected, found=exc.found)
        .get(lang)
    )


@describe_error.register
def _unsupported_url(exc: UnsupportedStorageURL, lang: Lang) -> str:
    return (
        Text(
            "Nessun archivio per l'indirizzo {url} (sqlite:///file.db, postgresql://...).",
            "No storage back end for {url} (sqlite:///file.db, postgresql://...).",
        )
        .format(url=exc.url)
        .get(lang)
    )


@describe_error.register
def _unavailable(exc: StorageUnavailable, lang: Lang) -> str:
    return (
        Text("Archivio non raggiungibile: {why}", "Storage unavailable: {why}")
        .format(why=exc)
        .get(lang)
    )


@describe_error.register
def _too_new(exc: StorageTooNew, lang: Lang) -> str:
    return (
        Text(
            "Il database ha la versione {found}, più recente di quella gestita ({supported}): "
            "aggiornare coworkreg.",
            "The database has schema version {found}, newer than this library supports "
            "({supported}): upgrade coworkreg.",
        )
        .format(found=exc.found, supported=exc.supported)
        .get(lang)
    )


@describe_error.register
def _definition(exc: DefinitionError, lang: Lang) -> str:
    where = exc.source or "<data>"
    if exc.line is not None:
        where = f"{where}:{exc.line}"
    return (
        Text("File non valido {where}: {reason}", "Invalid file {where}: {reason}")
        .format(where=where, reason=exc.reason)
        .get(lang)
    )


@describe_error.register
def _workflow(exc: WorkflowError, lang: Lang) -> str:
    return Text("Procedimento: {why}", "Procedure: {why}").format(why=exc).get(lang)

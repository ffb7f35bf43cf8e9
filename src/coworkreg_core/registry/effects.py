"""From the effects a transition asks for to the outbox items that carry them out.

The workflow declares effects as data (``{kind: notify, channel: pec,
template: receipt}``); the registry turns each into an outbox item in the
same transaction as the new state. An official document goes both to the
addressee and to the archive; a mail with no document carries its own words.
Publishing effects change the listing and need no delivery.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from attrs import frozen

from coworkreg_core.documents import DOCUMENTS
from coworkreg_core.i18n import Text
from coworkreg_core.registry.archive import ARCHIVE
from coworkreg_core.workflow.definition import Effect

LISTING_EFFECTS = frozenset({"publish", "unpublish"})

MAILS: Mapping[str, Text] = {
    "integration_received": Text(
        it="Abbiamo ricevuto l'integrazione della domanda {protocol}: l'istruttoria riprende.",
        en="We received the integration of application {protocol}: the review resumes.",
    ),
    "reinstatement": Text(
        it="La sospensione dell'iscrizione {registration} è revocata: l'iscrizione è di nuovo "
        "pubblicata nell'elenco.",
        en="The suspension of listing {registration} is lifted: it is published again.",
    ),
    "withdrawal": Text(
        it="Abbiamo registrato il ritiro della domanda {protocol} o la rinuncia all'iscrizione.",
        en="We recorded the withdrawal of application {protocol} or of the listing.",
    ),
    "expiry": Text(
        it="L'iscrizione {registration} è scaduta: per restare nell'elenco presenti una "
        "domanda di rinnovo.",
        en="Listing {registration} has expired: file a renewal to stay on the list.",
    ),
}
"""Short notices that need no official document, by template name."""


@frozen
class PlannedItem:
    """An outbox item to enqueue: its channel, its stable key and its payload."""

    channel: str
    key: str
    payload: Mapping[str, Any]


def documents_asked(effects: Iterable[Effect]) -> list[str]:
    """The official documents the effects issue, once each, in order."""
    seen: list[str] = []
    for effect in effects:
        template = str(effect.params.get("template", ""))
        if effect.kind in ("document", "notify") and template in DOCUMENTS and template not in seen:
            seen.append(template)
    return seen


def plan(
    effects: Iterable[Effect],
    *,
    key_prefix: str,
    town: str,
    sender: str,
    recipients: list[str],
    contexts: Mapping[str, Mapping[str, Any]],
    channel_for: Mapping[str, str],
    words: Mapping[str, str],
) -> list[PlannedItem]:
    """The outbox items for ``effects``.

    :param key_prefix: unique per transition (application id and history position).
    :param contexts: each issued document's context, by document kind.
    :param channel_for: the installed channel that serves each channel the
        workflow names (``{"pec": "maildir"}`` in development).
    :param words: values for the placeholders of the short notices.
    """
    items = []
    for effect in effects:
        if effect.kind in LISTING_EFFECTS:
            continue
        template = str(effect.params.get("template", ""))
        base: dict[str, Any] = {"town": town, "sender": sender}
        if template in DOCUMENTS:
            base["document"] = {"kind": template, "context": dict(contexts[template]), "lang": "it"}
        if effect.kind == "document":
            items.append(
                PlannedItem(ARCHIVE, f"{key_prefix}/archive/{template}", {**base, "to": [sender]})
            )
        elif effect.kind == "notify":
            named = str(effect.params.get("channel", "pec"))
            payload = {**base, "to": recipients}
            if template not in DOCUMENTS:
                text = MAILS[template].format(**words)
                payload["subject"] = text.it.split(":")[0]
                payload["body"] = f"{text.it}\n\n---\n\n{text.en}\n"
            channel = channel_for.get(named, named)
            items.append(PlannedItem(channel, f"{key_prefix}/{named}/{template}", payload))
        else:
            raise ValueError(f"unknown effect kind {effect.kind!r}")
    return items

"""The context of each official document, built from what the register holds.

:mod:`coworkreg_core.documents` says which fields each document needs; this
module fills them from an application, its protocol entries, the verdict of
the rules and the payload of the transition that asks for the document.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from coworkreg_core.publication import Publication
from coworkreg_core.rules import RuleResult
from coworkreg_core.storage.records import Application, Listing, ProtocolEntry


def addressee(provider: Mapping[str, Any]) -> dict[str, Any]:
    """Who an official document is addressed to: the organisation, never a person's data."""
    organisation = provider["organisation"]
    office = organisation["registered_office"]
    result = {
        "name": organisation["name"],
        "address": f"{office['street']}, {office['postal_code']} {office['municipality']}"
        f" ({office['province']})",
        "pec": organisation["pec"],
    }
    if "vat_number" in organisation:
        result["vat_number"] = organisation["vat_number"]
    return result


def protocol_reference(entry: ProtocolEntry) -> dict[str, str]:
    """``{number, date}`` as documents print them: ``0000042/2026`` and the day."""
    return {
        "number": f"{entry.formatted}/{entry.year}",
        "date": entry.registered_at.date().isoformat(),
    }


def application_reference(application: Application, filed: ProtocolEntry) -> dict[str, str]:
    """``{id, protocol_number, filed_on}`` of the application a document is about."""
    return {
        "id": application.id,
        "protocol_number": f"{filed.formatted}/{filed.year}",
        "filed_on": filed.registered_at.date().isoformat(),
    }


def grounds(results: Sequence[RuleResult]) -> list[dict[str, Any]]:
    """The failing rules as grounds: each with its message and its legal reference."""
    found = []
    for result in results:
        cited = cite(result.reference.as_dict("it"))
        rule = result.rule_id if result.space is None else f"{result.rule_id} ({result.space})"
        found.append(
            {
                "rule": rule,
                "message": {"it": result.message.it, "en": result.message.en},
                "reference": cited or result.rule_id,
            }
        )
    return found


def cite(reference: Mapping[str, Any]) -> str:
    """A legal reference as it is cited: title, then article, e.g. ``L. 241/1990, art. 10-bis``."""
    return ", ".join(str(v) for v in (reference.get("title"), reference.get("article")) if v)


def public_list_context(publication: Publication) -> dict[str, Any]:
    """The context of the ``public_list`` document: one row per published space."""
    entries = [
        {
            "registration_number": entry["registration_number"],
            "name": entry["provider"]["name"],
            "address": f"{space['address']['street']}, {space['address']['postal_code']} "
            f"{space['address']['municipality']} ({space['address']['province']})",
            "services": list(space["services"]),
            "valid_until": entry["valid_until"],
        }
        for entry in publication.entries
        for space in entry["spaces"]
    ]
    issued = datetime.combine(publication.as_of, datetime.min.time(), tzinfo=UTC)
    return {"issued_at": issued.isoformat(), "entries": entries}


def listing_reference(listing: Listing) -> dict[str, Any]:
    """``{registration_number, valid_from, valid_until}`` of a listing."""
    return {
        "registration_number": listing.registration_number,
        "valid_from": listing.valid_from.isoformat(),
        "valid_until": listing.valid_until.isoformat() if listing.valid_until else None,
    }


def document_context(
    kind: str,
    *,
    application: Application,
    filed: ProtocolEntry,
    protocol: ProtocolEntry,
    now: datetime,
    payload: Mapping[str, Any],
    failing: Sequence[RuleResult],
    listing: Listing | None,
    signer: Mapping[str, str] | None,
    reply_days: int = 10,
) -> dict[str, Any]:
    """The context for document ``kind`` about ``application``."""
    context: dict[str, Any] = {
        "issued_at": now.isoformat(),
        "protocol": protocol_reference(protocol),
        "provider": addressee(application.provider),
        "application": application_reference(application, filed),
    }
    if signer:
        context["signer"] = dict(signer)
    reason = payload.get("reasons") or payload.get("reason") or ""
    if kind == "receipt":
        context["filed"] = [{"name": "Domanda di iscrizione", "kind": "application"}] + [
            {"name": a["name"], "kind": "attachment"}
            for a in application.provider.get("attachments", ())
        ]
    elif kind == "integration_request":
        documents = payload.get("documents") or ["Integrazione documentale"]
        context["requested"] = [
            {"name": name, "reason": {"it": reason, "en": reason}} for name in documents
        ]
        context["deadline"] = (now.date() + timedelta(days=30)).isoformat()
    elif kind == "refusal_notice":
        context["grounds"] = grounds(failing) or [_stated(payload)]
        context["reply_days"] = reply_days
        context["reply_by"] = (now.date() + timedelta(days=reply_days)).isoformat()
    elif kind == "refusal":
        context["grounds"] = grounds(failing) or [_stated(payload)]
        observations = payload.get("observations_assessment")
        if observations:
            context["observations"] = {"it": observations, "en": observations}
    elif kind in ("listing_certificate", "suspension", "cancellation"):
        if listing is None:
            raise ValueError(f"a {kind} needs the listing it is about")
        context["listing"] = listing_reference(listing)
        if kind != "listing_certificate":
            context["reason"] = {"it": reason, "en": reason}
    return context


def _stated(payload: Mapping[str, Any]) -> dict[str, Any]:
    """Grounds stated by the office when no rule failed (e.g. a failed site check)."""
    text = str(payload.get("reasons", ""))
    return {
        "rule": "office",
        "message": {"it": text, "en": text},
        "reference": str(payload.get("legal_basis", "")),
    }


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, on the month's last day if it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))

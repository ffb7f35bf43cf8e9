"""From a provider's application to its entry in the public list.

Publication follows data minimisation (GDPR art. 5; Garante, provv. 243/2014):
only organisation and space data go out. The legal representative, the
contact person and every tax code stay private; a VAT number is published
instead, because for an individual or a sole proprietorship the tax code is a
person's own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_PROVIDER_FIELDS = ("name", "legal_form", "category", "vat_number", "website", "email", "phone")
_ADDRESS_FIELDS = ("street", "postal_code", "municipality", "istat_code", "province")
_ACCESSIBILITY_FIELDS = ("step_free_access", "accessible_toilet", "lift")
_PRICE_FIELDS = ("desk_type", "period", "amount_eur", "vat_included")


def public_entry(
    provider: Mapping[str, Any],
    *,
    registration_number: str,
    listed_on: dt.date,
    valid_until: dt.date,
) -> dict[str, Any]:
    """The public, minimised entry for a listed provider (``public-entry`` schema).

    ``provider`` is a validated provider document.
    """
    organisation = provider["organisation"]
    public_provider = {k: organisation[k] for k in _PROVIDER_FIELDS if k in organisation}
    if "rea" in organisation:
        rea = organisation["rea"]
        public_provider["rea"] = f"{rea['province']}-{rea['number']}"
    if "runts" in organisation:
        public_provider["runts_number"] = organisation["runts"]["number"]
    return {
        "registration_number": registration_number,
        "listed_on": listed_on.isoformat(),
        "valid_until": valid_until.isoformat(),
        "provider": public_provider,
        "spaces": [_public_space(space) for space in provider["spaces"]],
    }


def _public_space(space: Mapping[str, Any]) -> dict[str, Any]:
    address = space["address"]
    public_address: dict[str, Any] = {k: address[k] for k in _ADDRESS_FIELDS}
    if "coordinates" in address:
        public_address["lat"] = address["coordinates"]["lat"]
        public_address["lon"] = address["coordinates"]["lon"]
    services = space.get("services", {})
    result: dict[str, Any] = {
        "id": space["id"],
        "name": space["name"],
        "address": public_address,
        "workstations": space["workstations"],
        "services": {kind: detail["pricing"] for kind, detail in sorted(services.items())},
        "opening_hours": {
            day: ", ".join(f"{slot['opens']}-{slot['closes']}" for slot in slots)
            for day in WEEKDAYS
            if (slots := space["opening_hours"].get(day))
        },
        "accessibility": {
            k: space["accessibility"][k]
            for k in _ACCESSIBILITY_FIELDS
            if k in space["accessibility"]
        },
    }
    if "floor_area_m2" in space:
        result["floor_area_m2"] = space["floor_area_m2"]
    if "connectivity" in services:
        result["connectivity_mbps"] = services["connectivity"]["download_mbps"]
    if "childcare" in services:
        result["childcare_capacity"] = services["childcare"]["capacity"]
    if "prices" in space:
        result["prices"] = [{k: p[k] for k in _PRICE_FIELDS if k in p} for p in space["prices"]]
    return result

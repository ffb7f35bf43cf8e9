"""The public list as CSV: UTF-8, RFC 4180 (CRLF line ends), one row per space."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

from coworkreg_core.publication.entry import WEEKDAYS

COLUMNS = (
    "registration_number",
    "listed_on",
    "valid_until",
    "provider_name",
    "legal_form",
    "category",
    "vat_number",
    "website",
    "email",
    "phone",
    "space_id",
    "space_name",
    "street",
    "postal_code",
    "municipality",
    "istat_code",
    "province",
    "lat",
    "lon",
    "workstations",
    "floor_area_m2",
    "services_included",
    "services_charged",
    "connectivity_mbps",
    "childcare_capacity",
    "step_free_access",
    "accessible_toilet",
    "opening_hours",
)
"""The header, in order; names are stable so that readers can rely on them."""


def to_csv(entries: Iterable[Mapping[str, Any]]) -> bytes:
    """The entries as CSV bytes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for entry in entries:
        for space in entry["spaces"]:
            writer.writerow(_row(entry, space))
    return buffer.getvalue().encode("utf-8")


def _row(entry: Mapping[str, Any], space: Mapping[str, Any]) -> list[str]:
    provider = entry["provider"]
    address = space["address"]
    services = space["services"]
    hours = space["opening_hours"]
    values: dict[str, Any] = {
        "registration_number": entry["registration_number"],
        "listed_on": entry["listed_on"],
        "valid_until": entry["valid_until"],
        "provider_name": provider["name"],
        "legal_form": provider["legal_form"],
        "category": provider["category"],
        "vat_number": provider.get("vat_number"),
        "website": provider.get("website"),
        "email": provider.get("email"),
        "phone": provider.get("phone"),
        "space_id": space["id"],
        "space_name": space["name"],
        "street": address["street"],
        "postal_code": address["postal_code"],
        "municipality": address["municipality"],
        "istat_code": address["istat_code"],
        "province": address["province"],
        "lat": address.get("lat"),
        "lon": address.get("lon"),
        "workstations": space["workstations"],
        "floor_area_m2": space.get("floor_area_m2"),
        "services_included": ";".join(k for k, v in services.items() if v == "included"),
        "services_charged": ";".join(k for k, v in services.items() if v == "charged"),
        "connectivity_mbps": space.get("connectivity_mbps"),
        "childcare_capacity": space.get("childcare_capacity"),
        "step_free_access": space["accessibility"]["step_free_access"],
        "accessible_toilet": space["accessibility"]["accessible_toilet"],
        "opening_hours": "; ".join(f"{day} {hours[day]}" for day in WEEKDAYS if day in hours),
    }
    return [_cell(values[column]) for column in COLUMNS]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)

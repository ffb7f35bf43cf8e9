"""What must never be published: the values a provider gave only in personal-data fields."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from coworkreg_core.resources import load_schema


def _personal_values(node: Any, schema: dict[str, Any], defs: dict[str, Any]) -> Iterator[str]:
    """Every string in ``node`` that the provider schema marks ``x-personal-data``."""
    if "$ref" in schema:
        schema = {**defs[schema["$ref"].rsplit("/", 1)[1]], **schema}
    if schema.get("x-personal-data"):
        yield from _strings(node)
        return
    if isinstance(node, dict):
        for key, value in node.items():
            sub = schema.get("properties", {}).get(key)
            if sub is not None:
                yield from _personal_values(value, sub, defs)
    elif isinstance(node, list) and "items" in schema:
        for item in node:
            yield from _personal_values(item, schema["items"], defs)


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def private_values(provider: dict[str, Any]) -> set[str]:
    """Values held only in personal-data fields, which must never be published.

    A value the provider also gave for a public field (a freelancer's legal
    name may hold their own name; a firm's tax code is its VAT number) is public by
    the provider's own filing, so it is not counted. Given and family names
    are checked as the full name, since "Sala" alone is also a meeting room.
    """
    schema = load_schema("provider")
    representative = provider["legal_representative"]
    values = set(_personal_values(provider, schema, schema["$defs"]))
    values -= {representative["given_name"], representative["family_name"], representative["role"]}
    values.add(f"{representative['given_name']} {representative['family_name']}")
    organisation = provider["organisation"]
    if len(organisation["tax_code"]) == 16:  # a person's own tax code
        values.add(organisation["tax_code"])
    public = [
        organisation.get(k) or "" for k in ("name", "email", "phone", "website", "vat_number")
    ]
    return {v for v in values if len(v) >= 4 and not any(v in p for p in public)}

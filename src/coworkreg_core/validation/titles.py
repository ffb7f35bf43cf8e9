"""The human name of a field, read from the schema's own titles.

A form generator shows ``title`` (Italian) and ``x-title-en`` (English); a
problem message names the field the same way, so the provider recognises it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from coworkreg_core.i18n import Text

_MAX_REF_HOPS = 16


def _resolve(schema: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    """Follow local ``$ref``s; titles beside a ``$ref`` win over the target's."""
    for _ in range(_MAX_REF_HOPS):
        ref = node.get("$ref")
        if not isinstance(ref, str) or not ref.startswith("#/"):
            return node
        target: Any = schema
        for part in ref[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, Mapping) else {}
        # The target's own $ref (if any) survives, so the loop follows chains.
        merged = dict(target) if isinstance(target, Mapping) else {}
        merged.update({k: v for k, v in node.items() if k != "$ref"})
        node = merged
    return node


def subschema_at(schema: Mapping[str, Any], path: Sequence[str | int]) -> Mapping[str, Any] | None:
    """The (resolved) subschema that describes the instance at ``path``, if any."""
    node = _resolve(schema, schema)
    for part in path:
        if isinstance(part, int):
            items = node.get("items")
            if not isinstance(items, Mapping):
                return None
            node = _resolve(schema, items)
        else:
            properties = node.get("properties")
            if not isinstance(properties, Mapping) or part not in properties:
                return None
            node = _resolve(schema, properties[part])
    return node


def field_title(schema: Mapping[str, Any], path: Sequence[str | int]) -> Text:
    """The field's title in both languages, falling back to its key or position."""
    node = subschema_at(schema, path)
    if node is not None and isinstance(node.get("title"), str):
        title: str = node["title"]
        english = node.get("x-title-en")
        return Text(it=title, en=english if isinstance(english, str) else title)
    if not path:
        return Text(it="documento", en="document")
    last = path[-1]
    if isinstance(last, int):
        parent = field_title(schema, path[:-1])
        return Text(it=f"{parent.it} n. {last + 1}", en=f"{parent.en} no. {last + 1}")
    return Text.of(last)

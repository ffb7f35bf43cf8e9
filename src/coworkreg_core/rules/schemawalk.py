"""Following field names through the provider's JSON Schema."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

UNKNOWN_SIZE = 100
"""Assumed length of a list whose schema gives no ``maxItems`` (literals, parameters)."""

INDEX = "[]"
"""A path segment standing for an index into a list."""


class SchemaWalker:
    """Follows field names through a JSON Schema with local ``$ref``s."""

    def __init__(self, root: Mapping[str, Any]) -> None:
        self._root = root

    def resolve(self, schema: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
        """``schema`` with its ``$ref`` (``#/...``) followed."""
        while schema is not None and "$ref" in schema:
            node: Any = self._root
            for part in str(schema["$ref"]).removeprefix("#/").split("/"):
                node = node[part]
            schema = node
        return schema

    def definition(self, name: str) -> Mapping[str, Any]:
        """The schema under ``$defs/name``."""
        found = self.resolve(self._root["$defs"][name])
        assert found is not None  # a $defs entry is never None
        return found

    @property
    def root(self) -> Mapping[str, Any]:
        """The whole schema."""
        return self._root

    def step(
        self, schema: Mapping[str, Any] | None, segment: str, shown: str
    ) -> tuple[Mapping[str, Any] | None, str | None]:
        """The schema one segment further, or an error naming the path ``shown``."""
        schema = self.resolve(schema)
        if schema is None:
            return None, None
        if schema.get("type") == "array":
            if segment == INDEX:
                return self.resolve(schema.get("items")), None
            return None, f"{shown} is a list: use exists(), all() or an index to read {segment!r}"
        if segment == INDEX:
            return None, None
        properties = schema.get("properties")
        if isinstance(properties, Mapping):
            if segment in properties:
                return self.resolve(properties[segment]), None
            if schema.get("additionalProperties") is False:
                known = ", ".join(sorted(properties))
                return None, f"unknown field {segment!r} in {shown} (known: {known})"
        if schema.get("type") in {"string", "number", "integer", "boolean"}:
            return None, f"{shown} is a {schema['type']} and has no field {segment!r}"
        return None, None

    def item_of(self, schema: Mapping[str, Any] | None) -> tuple[Mapping[str, Any] | None, int]:
        """The schema of what a comprehension binds over ``schema``, and its size bound."""
        schema = self.resolve(schema)
        if schema is None:
            return None, UNKNOWN_SIZE
        if schema.get("type") == "array":
            return self.resolve(schema.get("items")), int(schema.get("maxItems", UNKNOWN_SIZE))
        if schema.get("type") == "object":
            size = len(schema.get("properties", {})) or UNKNOWN_SIZE
            return {"type": "string"}, size
        return None, UNKNOWN_SIZE

    def is_list(self, schema: Mapping[str, Any] | None) -> bool:
        """Whether ``schema`` describes an array."""
        resolved = self.resolve(schema)
        return resolved is not None and resolved.get("type") == "array"

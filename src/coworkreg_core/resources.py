"""The JSON Schemas that ship with the package, loaded by name.

``schemas/`` at the root of the source tree is the only copy; the package
directory links to it and the wheel carries the linked files, so the same
``importlib.resources`` call finds them in a checkout and once installed.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from coworkreg_core.errors import SchemaNotFound

_SUFFIX = ".schema.json"


def _schema_dir() -> Traversable:
    return files("coworkreg_core") / "schemas"


def schema_names() -> list[str]:
    """The names of the shipped schemas (``provider``, ``workflow`` ...), sorted."""
    return sorted(
        entry.name.removesuffix(_SUFFIX)
        for entry in _schema_dir().iterdir()
        if entry.name.endswith(_SUFFIX)
    )


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The schema called ``name`` as a dict; shared and cached, so do not mutate it."""
    resource = _schema_dir() / f"{name}{_SUFFIX}"
    if not resource.is_file():
        raise SchemaNotFound(name, schema_names())
    schema: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return schema

"""Italian and English labels for services and categories, read from the schema.

The provider schema is the one place where a service or a category is named
for people (``title``/``x-title-en``, ``x-enum-titles``), so the published
list takes its words from there.
"""

from __future__ import annotations

from functools import cache

from coworkreg_core.i18n import Text
from coworkreg_core.resources import load_schema


@cache
def service_labels() -> dict[str, Text]:
    """Each service kind with its name, in the order the schema lists them."""
    services = load_schema("provider")["$defs"]["services"]["properties"]
    return {
        kind: Text(it=spec["title"], en=spec.get("x-title-en", spec["title"]))
        for kind, spec in services.items()
    }


@cache
def category_labels() -> dict[str, Text]:
    """Each provider category with its name."""
    category = load_schema("provider")["$defs"]["organisation"]["properties"]["category"]
    labels: dict[str, Text] = {}
    for value, title in category["x-enum-titles"].items():
        italian, _, english = title.partition(" / ")
        labels[value] = Text(it=italian, en=english or italian)
    return labels

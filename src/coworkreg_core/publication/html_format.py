"""The public list as one accessible, self-contained HTML page in Italian.

The page needs no server: the data is in the page, and a few lines of script
filter it by service and category. Without script the whole list shows.
A town pack may bring its own ``templates/public_list.html.j2``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from importlib.resources import files
from typing import Any

from jinja2 import Environment, StrictUndefined

from coworkreg_core.publication.labels import category_labels, service_labels

TEMPLATE_NAME = "public_list.html.j2"

_WEEKDAY_LABELS = (
    ("monday", "lun"),
    ("tuesday", "mar"),
    ("wednesday", "mer"),
    ("thursday", "gio"),
    ("friday", "ven"),
    ("saturday", "sab"),
    ("sunday", "dom"),
)


def _hours_line(opening_hours: dict[str, str]) -> str:
    return "; ".join(
        f"{label} {opening_hours[day]}" for day, label in _WEEKDAY_LABELS if day in opening_hours
    )


def default_template() -> str:
    """The library's own page template."""
    resource = files("coworkreg_core") / "templates" / TEMPLATE_NAME
    return resource.read_text(encoding="utf-8")


def to_html(
    entries: Sequence[dict[str, Any]],
    *,
    town_name: str,
    as_of: dt.date,
    downloads: Sequence[tuple[str, str]] = (),
    template: str | None = None,
) -> bytes:
    """The page; ``downloads`` are (file name, label) links to the other formats."""
    env = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    page = env.from_string(template or default_template())
    text = page.render(
        entries=entries,
        town_name=town_name,
        as_of=as_of,
        downloads=list(downloads),
        service_labels=service_labels(),
        category_labels=category_labels(),
        hours_line=_hours_line,
        space_count=sum(len(entry["spaces"]) for entry in entries),
    )
    return text.encode("utf-8")

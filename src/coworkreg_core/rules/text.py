"""Filling message placeholders with parameters and the values a rule read.

Placeholders name what they show: ``{params.min_workstations}``,
``{space.workstations}``, ``{provider.insurance.cover_eur}``. They are
checked at load; a value the provider lacks is shown as a dash.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from coworkreg_core.i18n import DEFAULT_LANG, Lang, Text

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_.]*)\}")


def show(value: Any, lang: Lang = DEFAULT_LANG) -> str:
    """A value as a person reads it: ``6``, not ``6.0``; lists joined by commas.

    >>> show(300.0), show([1, "a"]), show(True), show(True, "en"), show(None)
    ('300', '1, a', 'sì', 'yes', '—')
    """
    if value is None:
        return "—"
    if isinstance(value, bool):
        yes, no = ("yes", "no") if lang == "en" else ("sì", "no")
        return yes if value else no
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return ", ".join(show(item, lang) for item in value)
    return str(value)


def fill(text: Text, values: Mapping[str, Any]) -> Text:
    """``text`` with every ``{name}`` replaced by ``values[name]`` (a dash if absent)."""

    def one(template: str, lang: Lang) -> str:
        return _PLACEHOLDER.sub(lambda m: show(values.get(m.group(1)), lang), template)

    return Text(it=one(text.it, "it"), en=one(text.en, "en"))

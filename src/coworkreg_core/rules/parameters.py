"""Parameters: values a town sets by decision, each keyed by the date it takes effect.

A value applies from its date until the next one, so a change decided today
for next year never alters a verdict given for today. Each value carries the
legal reference that set it (its own, or the parameter's).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from attrs import frozen

from coworkreg_core.i18n import Text


@frozen
class LegalReference:
    """A legal source and, where it matters, the article cited."""

    id: str
    title: Text
    article: str | None = None
    url: str | None = None

    def describe(self, lang: str = "it") -> str:
        """``title, article`` in one line."""
        title = self.title.en if lang == "en" else self.title.it
        return f"{title}, {self.article}" if self.article else title

    def as_dict(self, lang: str = "it") -> dict[str, Any]:
        """A JSON-ready view."""
        title = self.title.en if lang == "en" else self.title.it
        return {"id": self.id, "title": title, "article": self.article, "url": self.url}


@frozen
class Origin:
    """Where a rule or parameter was written: the town, the file and the line."""

    town: str
    file: str
    line: int | None

    def describe(self) -> str:
        """``town (file:line)``."""
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{self.town} ({where})"


@frozen
class DatedValue:
    """One value of a parameter and the date from which it applies."""

    effective: date
    value: Any
    reference: LegalReference | None


@frozen
class Parameter:
    """A named value with its history, oldest first."""

    name: str
    values: tuple[DatedValue, ...]
    origin: Origin
    description: Text | None = None
    unit: str | None = None

    def at(self, on: date) -> DatedValue | None:
        """The value in force on ``on``: the latest whose date is not after it."""
        in_force = [dated for dated in self.values if dated.effective <= on]
        return max(in_force, key=lambda dated: dated.effective) if in_force else None

"""Text in Italian first, English beside it.

What a provider or an office reads is Italian; English sits next to it so a
developer or a neighbouring portal can show either. Formatting happens at the
edge (CLI, documents, web), so the core carries both and picks late.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from attrs import frozen

Lang = Literal["it", "en"]
LANGUAGES: tuple[Lang, ...] = get_args(Lang)
DEFAULT_LANG: Lang = "it"


@frozen
class Text:
    """A text in Italian and English, formatted on demand.

    >>> Text(it="Ciao {name}", en="Hello {name}").format(name="Anna").get("en")
    'Hello Anna'
    """

    it: str
    en: str

    def get(self, lang: Lang = DEFAULT_LANG) -> str:
        """The text in ``lang``."""
        return self.en if lang == "en" else self.it

    def format(self, **params: Any) -> Text:
        """Both languages with ``str.format`` placeholders filled in."""
        return Text(it=self.it.format(**params), en=self.en.format(**params))

    @classmethod
    def of(cls, value: str | dict[str, str] | Text) -> Text:
        """A ``Text`` from a mapping ``{"it": ..., "en": ...}`` or one string for both."""
        if isinstance(value, Text):
            return value
        if isinstance(value, str):
            return cls(it=value, en=value)
        return cls(it=value["it"], en=value.get("en", value["it"]))

"""Problems found in a document, each with its place, its rule and its words.

A problem names the field by JSON pointer (RFC 6901), carries a stable code a
program can match on, the parameters that went into its message, and the
message in Italian and English. Problems are collected all at once and only
formatted at the edge.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from attrs import field, frozen

from coworkreg_core.i18n import DEFAULT_LANG, Lang, Text


def pointer_from_path(path: Iterable[str | int]) -> str:
    """The RFC 6901 JSON pointer for a path of keys and indexes.

    >>> pointer_from_path(["spaces", 0, "a/b"])
    '/spaces/0/a~1b'
    """
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


@frozen
class Problem:
    """One thing wrong with a document."""

    pointer: str
    code: str
    message: Text
    params: Mapping[str, Any] = field(factory=dict)
    source: str | None = None
    """The file (or other origin) the problem was found in, when there is one."""

    def describe(self, lang: Lang = DEFAULT_LANG) -> str:
        """``pointer: message [code]`` in one language; the root is shown as ``/``."""
        return f"{self.pointer or '/'}: {self.message.get(lang)} [{self.code}]"

    def as_dict(self, lang: Lang = DEFAULT_LANG) -> dict[str, Any]:
        """A JSON-ready view: file, pointer, code and message in ``lang``."""
        return {
            "file": self.source,
            "pointer": self.pointer,
            "code": self.code,
            "message": self.message.get(lang),
        }


@frozen
class Problems:
    """An ordered, immutable collection of problems; empty means valid."""

    items: tuple[Problem, ...] = ()

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def pointers(self) -> list[str]:
        """The pointers of the problems, in order."""
        return [p.pointer for p in self.items]

    def codes(self) -> list[str]:
        """The codes of the problems, in order."""
        return [p.code for p in self.items]

    def describe(self, lang: Lang = DEFAULT_LANG) -> str:
        """One line per problem."""
        return "\n".join(p.describe(lang) for p in self.items)

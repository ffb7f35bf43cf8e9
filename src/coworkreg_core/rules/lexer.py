"""CEL source as tokens: just enough lexing to follow chains of field names.

The CEL library parses conditions itself; this lexer only serves the static
reading in :mod:`.reads`, so it recognises CEL's literals, names and
operators and nothing more.
"""

from __future__ import annotations

import re

from attrs import frozen

_TOKEN = re.compile(
    r"""
    (?P<space>\s+|//[^\n]*)
  | (?P<string>[rRbB]{0,2}(?:\"\"\"(?:\\.|[^\\])*?\"\"\"|'''(?:\\.|[^\\])*?'''
        |"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'))
  | (?P<number>0[xX][0-9a-fA-F]+[uU]?|(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?[uU]?)
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>&&|\|\||==|!=|<=|>=|[.,()\[\]{}<>!?:+\-*/%])
    """,
    re.VERBOSE | re.DOTALL,
)
KEYWORDS = frozenset(
    {
        "true",
        "false",
        "null",
        "in",
        "int",
        "uint",
        "double",
        "string",
        "bool",
        "bytes",
        "list",
        "map",
    }
)
"""Literals, operators and type names: never roots of a chain."""


@frozen
class Token:
    """One lexical token: its kind (string, number, ident, op) and text."""

    kind: str
    text: str


def tokenize(source: str) -> list[Token]:
    """The tokens of ``source``; raises ``ValueError`` on a character CEL does not know."""
    tokens: list[Token] = []
    position = 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None:
            raise ValueError(f"unexpected character {source[position]!r} at {position}")
        kind = match.lastgroup or ""
        if kind != "space":
            tokens.append(Token(kind, match.group()))
        position = match.end()
    return tokens


def closing(tokens: list[Token], opening: int) -> int:
    """The index of the bracket closing the one at ``opening`` (or the end)."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack: list[str] = []
    for index in range(opening, len(tokens)):
        text = tokens[index].text if tokens[index].kind == "op" else ""
        if text in pairs:
            stack.append(pairs[text])
        elif stack and text == stack[-1]:
            stack.pop()
            if not stack:
                return index
    return len(tokens)


def unquote(text: str) -> str:
    """The body of a string literal, without prefix and quotes (escapes are kept)."""
    body = text.lstrip("rRbB")
    quote = 3 if body[:3] in ('"""', "'''") else 1
    return body[quote:-quote]

"""What a condition reads, found by reading its source.

The CEL library reports only the top-level names an expression uses, so a
misspelt field (``provider.spaces.exists(s, s.workstation > 5)``) would pass
compilation and surface only as a failed evaluation. This module tokenises the
source, follows each chain of field selections from its root (``provider``,
``space``, ``params``, a variable bound by ``exists``/``all``/``map``...) and
walks the provider schema along it, so an unknown field fails at load time.

It also returns what the evaluator and the explanation need: the data paths
read (``provider.insurance.cover_eur``), the parameters read, and the
comprehensions with the size of the list each iterates, for the cost bound.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from attrs import frozen

MACROS = frozenset({"all", "exists", "exists_one", "map", "filter"})
"""CEL macros that bind a variable over a list or map."""

UNKNOWN_SIZE = 100
"""Assumed length of a list whose schema gives no ``maxItems`` (literals, parameters)."""

INDEX = "[]"
"""A path segment standing for an index into a list."""

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
_KEYWORDS = frozenset(
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


@frozen
class Comprehension:
    """A macro binding ``var`` over a list; ``size`` bounds the iterations."""

    var: str
    receiver: str
    size: int
    data_path: tuple[str, ...] | None
    """The data path iterated (``("provider", "spaces")``) when it is one, else ``None``."""
    depth: int
    """How many comprehensions enclose this one, plus one."""


@frozen
class Reads:
    """The static reading of a condition."""

    paths: tuple[tuple[str, ...], ...]
    """Data paths read from ``provider`` or ``space``, up to the first index."""
    parameters: tuple[str, ...]
    comprehensions: tuple[Comprehension, ...]
    token_count: int
    errors: tuple[str, ...]
    """Unknown names and fields, in the order found; empty when the reading is clean."""

    def static_cost(self) -> int:
        """Tokens times the worst product of nested comprehension sizes."""
        return self.token_count * _worst_product(
            self.comprehensions, [c.size for c in self.comprehensions]
        )


def _worst_product(comprehensions: tuple[Comprehension, ...], sizes: list[int]) -> int:
    worst = 1
    chain: list[int] = []
    for comp, size in zip(comprehensions, sizes, strict=True):
        del chain[comp.depth - 1 :]
        chain.append(size)
        product = 1
        for size in chain:
            product *= size
        worst = max(worst, product)
    return worst


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


def _closing(tokens: list[Token], opening: int) -> int:
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


def _unquote(text: str) -> str:
    body = text.lstrip("rRbB")
    quote = 3 if body[:3] in ('"""', "'''") else 1
    return body[quote:-quote]


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


@frozen
class _Binding:
    name: str
    schema: Mapping[str, Any] | None
    start: int
    end: int


def read_condition(
    tokens: list[Token],
    roots: Mapping[str, Mapping[str, Any] | None],
    parameters: frozenset[str],
    walker: SchemaWalker,
) -> Reads:
    """Check every chain in ``tokens`` and collect what it reads.

    ``roots`` maps the names a condition may start from to their schema
    (``None``: a value with no fields, such as ``on``); ``params`` is special,
    its first field must be one of ``parameters``.
    """
    bindings: list[_Binding] = []
    comprehensions: list[Comprehension] = []
    declared_at: set[int] = set()
    bound_macros: set[int] = set()
    paths: dict[tuple[str, ...], None] = {}
    params_read: dict[str, None] = {}
    errors: list[str] = []

    def binding_for(name: str, position: int) -> _Binding | None:
        inside = [b for b in bindings if b.name == name and b.start < position < b.end]
        return inside[-1] if inside else None

    def depth_at(position: int) -> int:
        return 1 + sum(1 for b in bindings if b.start < position < b.end)

    def bind(
        dot: int, schema: Mapping[str, Any] | None, size: int, receiver: str, data: Any
    ) -> None:
        if dot in bound_macros:
            return
        bound_macros.add(dot)
        var = tokens[dot + 3].text
        declared_at.add(dot + 3)
        close = _closing(tokens, dot + 2)
        bindings.append(_Binding(var, schema, dot + 4, close))
        comprehensions.append(Comprehension(var, receiver, size, data, depth_at(dot)))

    def is_macro(dot: int) -> bool:
        return (
            dot + 4 < len(tokens)
            and tokens[dot].text == "."
            and tokens[dot + 1].text in MACROS
            and tokens[dot + 2].text == "("
            and tokens[dot + 3].kind == "ident"
            and tokens[dot + 4].text == ","
        )

    for index, token in enumerate(tokens):
        if token.kind == "op" and is_macro(index) and index not in bound_macros:
            bind(index, None, UNKNOWN_SIZE, "<expression>", None)
            continue
        if token.kind != "ident" or token.text in _KEYWORDS or index in declared_at:
            continue
        if index > 0 and tokens[index - 1].text == ".":
            continue
        if index + 1 < len(tokens) and tokens[index + 1].text == "(":
            continue  # a function call; the CEL program lists functions itself
        name = token.text
        bound = binding_for(name, index)
        if bound is None and name not in roots:
            errors.append(f"unknown name {name!r}")
            continue
        schema = bound.schema if bound is not None else roots[name]
        checked = bound is None or bound.schema is not None
        segments: list[str] = []
        data_path: list[str] | None = [] if bound is None else None
        position = index + 1
        while position < len(tokens):
            here = tokens[position]
            if (
                here.text == "."
                and position + 1 < len(tokens)
                and tokens[position + 1].kind == "ident"
            ):
                if position + 2 < len(tokens) and tokens[position + 2].text == "(":
                    if is_macro(position):
                        item, size = walker.item_of(schema)
                        iterated = (name, *data_path) if data_path is not None else None
                        shown = ".".join([name, *segments])
                        bind(position, item if checked else None, size, shown, iterated)
                    break
                segment = tokens[position + 1].text
                position += 2
            elif here.text == "[":
                close = _closing(tokens, position)
                inner = tokens[position + 1 : close]
                if (
                    len(inner) == 1
                    and inner[0].kind == "string"
                    and not _list_schema(walker, schema)
                ):
                    segment = _unquote(inner[0].text)
                else:
                    segment = INDEX
                position = close + 1
            else:
                break
            if name == "params" and bound is None:
                if not segments:
                    if segment not in parameters:
                        errors.append(f"unknown parameter {segment!r}")
                    params_read[segment] = None
                segments.append(segment)
                continue
            shown = ".".join([name, *segments])
            if checked:
                schema, error = walker.step(schema, segment, shown)
                if error is not None:
                    errors.append(error)
                    checked = False
                elif schema is None:
                    checked = False
            if data_path is not None:
                if segment == INDEX:
                    paths[(name, *data_path)] = None
                    data_path = None
                else:
                    data_path.append(segment)
            segments.append(segment)
        if name == "params" and bound is None and not segments:
            errors.append("params must be followed by a parameter name")
        if data_path is not None and name not in {"params"} and roots.get(name) is not None:
            paths[(name, *data_path)] = None
    return Reads(
        paths=tuple(paths),
        parameters=tuple(params_read),
        comprehensions=tuple(comprehensions),
        token_count=len(tokens),
        errors=tuple(errors),
    )


def _list_schema(walker: SchemaWalker, schema: Mapping[str, Any] | None) -> bool:
    resolved = walker.resolve(schema)
    return resolved is not None and resolved.get("type") == "array"


def runtime_product(reads: Reads, data: Mapping[str, Any]) -> int:
    """The worst nested iteration count for this data: real list lengths where known."""
    sizes: list[int] = []
    for comp in reads.comprehensions:
        value: Any = data if comp.data_path is not None else None
        for part in comp.data_path or ():
            value = value.get(part) if isinstance(value, Mapping) else None
        sizes.append(len(value) if isinstance(value, list | dict | str) else comp.size)
    return _worst_product(reads.comprehensions, sizes)

"""What a condition reads, found by reading its source.

The CEL library reports only the top-level names an expression uses, so a
misspelt field (``provider.spaces.exists(s, s.workstation > 5)``) would pass
compilation and surface only as a failed evaluation. This module follows each
chain of field selections from its root (``provider``, ``space``, ``params``,
a variable bound by ``exists``/``all``/``map``...) and walks the provider
schema along it, so an unknown field fails at load time.

It also returns what the evaluator and the explanation need: the data paths
read (``provider.insurance.cover_eur``), the parameters read, and the
comprehensions with the size of the list each iterates, for the cost bound.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import frozen

from coworkreg_core.rules.lexer import KEYWORDS, Token, closing, unquote
from coworkreg_core.rules.schemawalk import INDEX, UNKNOWN_SIZE, SchemaWalker

MACROS = frozenset({"all", "exists", "exists_one", "map", "filter"})
"""CEL macros that bind a variable over a list or map."""

Schema = Mapping[str, Any] | None


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
    """Data paths read from the roots with fields (``provider``, ``space``...), up to any index."""
    parameters: tuple[str, ...]
    comprehensions: tuple[Comprehension, ...]
    token_count: int
    errors: tuple[str, ...]
    """Unknown names and fields, in the order found; empty when the reading is clean."""
    views: tuple[tuple[tuple[str, ...], bool], ...] = ()
    """Every data path the condition may touch, through lists (``[]``), and whether
    the whole value there is needed (``True``) or only its presence and length."""
    viewable: bool = True
    """False when a path could not be followed (a variable bound over a computed list):
    the condition then needs its roots whole."""

    def static_cost(self) -> int:
        """Tokens times the worst product of nested comprehension sizes."""
        sizes = [c.size for c in self.comprehensions]
        return self.token_count * _worst_product(self.comprehensions, sizes)


def _worst_product(comprehensions: tuple[Comprehension, ...], sizes: list[int]) -> int:
    worst = 1
    chain: list[int] = []
    for comp, size in zip(comprehensions, sizes, strict=True):
        del chain[comp.depth - 1 :]
        chain.append(size)
        product = 1
        for each in chain:
            product *= each
        worst = max(worst, product)
    return worst


def runtime_product(reads: Reads, data: Mapping[str, Any]) -> int:
    """The worst nested iteration count for this data: real list lengths where known."""
    sizes: list[int] = []
    for comp in reads.comprehensions:
        value: Any = data if comp.data_path is not None else None
        for part in comp.data_path or ():
            value = value.get(part) if isinstance(value, Mapping) else None
        sizes.append(len(value) if isinstance(value, list | dict | str) else comp.size)
    return _worst_product(reads.comprehensions, sizes)


@frozen
class _Binding:
    """A comprehension variable and the token range where it is in scope."""

    name: str
    schema: Schema
    start: int
    end: int
    absolute: tuple[str, ...] | None
    """The data path of each item (``("provider", "spaces", "[]")``), when known."""


class _Chain:
    """One chain being followed: its root, the segments so far, where it stands."""

    def __init__(
        self,
        name: str,
        schema: Schema,
        checked: bool,
        from_data: bool,
        absolute: tuple[str, ...] | None,
    ) -> None:
        self.name = name
        self.schema = schema
        self.checked = checked
        self.segments: list[str] = []
        self.data_path: list[str] | None = [] if from_data else None
        self.absolute: list[str] | None = list(absolute) if absolute is not None else None
        self.iterated = False

    @property
    def shown(self) -> str:
        return ".".join([self.name, *self.segments])


class _Reader:
    """Reads one token list; :func:`read_condition` is its only user."""

    def __init__(
        self,
        tokens: list[Token],
        roots: Mapping[str, Schema],
        parameters: frozenset[str],
        walker: SchemaWalker,
    ) -> None:
        self.tokens = tokens
        self.roots = roots
        self.parameters = parameters
        self.walker = walker
        self.bindings: list[_Binding] = []
        self.comprehensions: list[Comprehension] = []
        self.declarations: set[int] = set()
        self.bound_macros: set[int] = set()
        self.paths: dict[tuple[str, ...], None] = {}
        self.params_read: dict[str, None] = {}
        self.errors: list[str] = []
        self.views: dict[tuple[tuple[str, ...], bool], None] = {}
        self.viewable = True

    def text(self, index: int) -> str:
        return self.tokens[index].text if index < len(self.tokens) else ""

    def read(self) -> Reads:
        for index, token in enumerate(self.tokens):
            if token.kind == "op" and self.is_macro(index):
                # A macro over something that is not a chain, e.g. a list literal.
                self.bind(index, None, UNKNOWN_SIZE, "<expression>", None)
            elif token.kind == "ident" and self.is_root(index):
                self.follow(index)
        return Reads(
            paths=tuple(self.paths),
            parameters=tuple(self.params_read),
            comprehensions=tuple(self.comprehensions),
            token_count=len(self.tokens),
            errors=tuple(self.errors),
            views=tuple(self.views),
            viewable=self.viewable,
        )

    def is_root(self, index: int) -> bool:
        """A name that starts a chain: not a keyword, field, function or bound variable."""
        return not (
            self.tokens[index].text in KEYWORDS
            or index in self.declarations
            or (index > 0 and self.text(index - 1) == ".")
            or self.text(index + 1) == "("
        )

    def is_macro(self, dot: int) -> bool:
        """``. macro ( var ,`` at ``dot``."""
        return (
            self.text(dot) == "."
            and self.text(dot + 1) in MACROS
            and self.text(dot + 2) == "("
            and dot + 3 < len(self.tokens)
            and self.tokens[dot + 3].kind == "ident"
            and self.text(dot + 4) == ","
        )

    def bind(
        self,
        dot: int,
        schema: Schema,
        size: int,
        receiver: str,
        data: Any,
        absolute: tuple[str, ...] | None = None,
    ) -> None:
        if dot in self.bound_macros:
            return
        self.bound_macros.add(dot)
        self.declarations.add(dot + 3)
        var = self.tokens[dot + 3].text
        depth = 1 + sum(1 for b in self.bindings if b.start < dot < b.end)
        end = closing(self.tokens, dot + 2)
        self.bindings.append(_Binding(var, schema, dot + 4, end, absolute))
        self.comprehensions.append(Comprehension(var, receiver, size, data, depth))

    def binding_for(self, name: str, position: int) -> _Binding | None:
        inside = [b for b in self.bindings if b.name == name and b.start < position < b.end]
        return inside[-1] if inside else None

    def follow(self, index: int) -> None:
        """Follow the chain rooted at ``index`` to its end, checking each step."""
        name = self.tokens[index].text
        bound = self.binding_for(name, index)
        if bound is None and name not in self.roots:
            self.errors.append(f"unknown name {name!r}")
            return
        if bound is not None:
            if bound.absolute is None:
                self.viewable = False  # its items come from a computed list
            checked = bound.schema is not None
            chain = _Chain(name, bound.schema, checked, from_data=False, absolute=bound.absolute)
        else:
            data = name != "params" and self.roots[name] is not None
            chain = _Chain(
                name,
                self.roots[name],
                True,
                from_data=name != "params",
                absolute=(name,) if data else None,
            )
        position = index + 1
        while True:
            segment, position = self.next_segment(chain, position)
            if segment is None:
                break
            if name == "params" and bound is None:
                self.param(chain, segment)
            else:
                self.step(chain, segment)
            chain.segments.append(segment)
        if name == "params" and bound is None and not chain.segments:
            self.errors.append("params must be followed by a parameter name")
        if chain.data_path is not None and self.roots.get(name) is not None:
            self.paths[(name, *chain.data_path)] = None
        if chain.absolute is not None:
            # A list iterated by a macro needs only its length here; what the
            # bound variable reads is recorded by its own chains.
            self.views[(tuple(chain.absolute), not chain.iterated)] = None

    def next_segment(self, chain: _Chain, position: int) -> tuple[str | None, int]:
        """The next field or index after ``position``, or ``None`` where the chain ends."""
        if self.text(position) == "." and position + 1 < len(self.tokens):
            if self.tokens[position + 1].kind != "ident":
                return None, position
            if self.text(position + 2) == "(":
                if self.is_macro(position):
                    item, size = self.walker.item_of(chain.schema)
                    data = (chain.name, *chain.data_path) if chain.data_path is not None else None
                    schema = item if chain.checked else None
                    absolute = (*chain.absolute, INDEX) if chain.absolute is not None else None
                    self.bind(position, schema, size, chain.shown, data, absolute)
                    if chain.absolute is not None:
                        chain.absolute.append(INDEX)
                        chain.iterated = True
                return None, position
            return self.tokens[position + 1].text, position + 2
        if self.text(position) == "[":
            close = closing(self.tokens, position)
            inner = self.tokens[position + 1 : close]
            by_key = len(inner) == 1 and inner[0].kind == "string"
            if by_key and not self.walker.is_list(chain.schema):
                return unquote(inner[0].text), close + 1
            return INDEX, close + 1
        return None, position

    def param(self, chain: _Chain, segment: str) -> None:
        if chain.segments:
            return  # a field of a parameter's value: parameters are not schema-checked
        if segment not in self.parameters:
            self.errors.append(f"unknown parameter {segment!r}")
        self.params_read[segment] = None

    def step(self, chain: _Chain, segment: str) -> None:
        if chain.absolute is not None:
            chain.absolute.append(segment)
        if chain.checked:
            chain.schema, error = self.walker.step(chain.schema, segment, chain.shown)
            if error is not None:
                self.errors.append(error)
            chain.checked = error is None and chain.schema is not None
        if chain.data_path is not None:
            if segment == INDEX:
                self.paths[(chain.name, *chain.data_path)] = None
                chain.data_path = None
            else:
                chain.data_path.append(segment)


def read_condition(
    tokens: list[Token],
    roots: Mapping[str, Schema],
    parameters: frozenset[str],
    walker: SchemaWalker,
) -> Reads:
    """Check every chain in ``tokens`` and collect what it reads.

    ``roots`` maps the names a condition may start from to their schema
    (``None``: a value with no fields); ``params`` is special: its first
    field must be one of ``parameters``.
    """
    return _Reader(tokens, roots, parameters, walker).read()

"""Conditions in CEL, behind an adapter of our own so the engine can change.

A condition is compiled once, when its rule set loads: the source must parse,
stay within the size limits, name only known fields, parameters and
functions, and have a bounded cost. Evaluation never raises: missing data,
a type mismatch or a failing function give :class:`Undecidable`, never a
false "fail".

The CEL library used here has no cost limit and cannot be interrupted once
it runs. CEL itself always terminates; its cost grows with the length of the
expression times the lists it iterates. So the cost is bounded before running:
at load, with the list sizes the provider schema allows; at evaluation, with
the real list lengths. A condition over the bound is not run and is reported.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from attrs import field, frozen

from coworkreg_core.errors import RulesetError
from coworkreg_core.rules.lexer import KEYWORDS, tokenize
from coworkreg_core.rules.reads import Reads, read_condition, runtime_product
from coworkreg_core.rules.schemawalk import SchemaWalker

MAX_SOURCE_CHARS = 2000
"""The longest condition accepted, in characters."""
MAX_TOKENS = 400
"""The most tokens (names, literals, operators) a condition may have."""
MAX_NESTING = 2
"""How deep comprehensions (``exists``, ``all``, ``map``...) may nest."""
MAX_COST = 1_000_000
"""Tokens times nested iterations: the work one evaluation may do."""

BUILTIN_FUNCTIONS = frozenset(
    {
        "size", "matches", "startsWith", "endsWith", "contains",
        "int", "uint", "double", "string", "bool", "bytes", "dyn", "type",
        "timestamp", "duration", "max", "min",
        "getFullYear", "getMonth", "getDate", "getDayOfMonth", "getDayOfWeek",
        "getDayOfYear", "getHours", "getMinutes", "getSeconds",
    }
)  # fmt: skip
"""Standard CEL functions a condition may call besides the rule functions."""


@cache
def _cel() -> Any:
    """The CEL engine, imported on first use.

    Importing it costs about 0.3 s, which importing the package, or running a
    command that evaluates no rule, should not pay.
    """
    return importlib.import_module("cel")


@frozen
class Undecidable:
    """Why a condition could not be decided: ``code`` for programs, ``detail`` for people."""

    code: str
    """``missing_data``, ``evaluation_error``, ``not_boolean`` or ``cost_limit``."""
    detail: str


@frozen
class Scope:
    """What a condition may name: its roots, the parameters and the functions."""

    roots: Mapping[str, Mapping[str, Any] | None]
    parameters: frozenset[str]
    functions: frozenset[str]
    walker: SchemaWalker


class Environment:
    """The values one evaluation sees, converted to CEL once and reused across rules."""

    def __init__(
        self,
        variables: Mapping[str, Any],
        functions: Mapping[str, Callable[..., object]],
    ) -> None:
        self.data: Mapping[str, Any] = variables
        # Functions go in with the variables: adding one later discards the
        # converted values, and converting the provider is the costly part.
        self.context = _cel().Context(variables=dict(variables), functions=dict(functions))


@frozen
class Condition:
    """A compiled condition and what it reads."""

    source: str
    reads: Reads
    variables: frozenset[str]
    """The top-level names the condition reads (``provider``, ``space``, ``params``...)."""
    _program: Any = field(repr=False, eq=False)

    def evaluate(self, env: Environment) -> object:
        """The value of the condition in ``env``, or :class:`Undecidable`; never raises."""
        cost = self.reads.token_count * runtime_product(self.reads, env.data)
        if cost > MAX_COST:
            return Undecidable(
                "cost_limit",
                f"stopped before running: cost {cost} is over the limit of {MAX_COST}",
            )
        try:
            return self._program.execute(env.context)
        except (KeyError, IndexError) as exc:
            return Undecidable("missing_data", f"missing value: {exc}")
        # The provider's data must never make evaluation raise: any other error
        # (type mismatch, a rule function failing) leaves the rule undecided.
        except Exception as exc:  # noqa: BLE001
            return Undecidable("evaluation_error", str(exc).split(". ")[0])


def compile_condition(source: str, scope: Scope) -> Condition:
    """Compile ``source``; any reason it cannot run safely raises :class:`RulesetError`."""
    if len(source) > MAX_SOURCE_CHARS:
        raise RulesetError(
            f"condition is {len(source)} characters long; the limit is {MAX_SOURCE_CHARS}"
        )
    try:
        program = _cel().compile(source)
    except ValueError as exc:
        raise RulesetError(f"condition does not compile: {exc}") from None
    try:
        tokens = tokenize(source)
    except ValueError as exc:
        raise RulesetError(f"condition does not compile: {exc}") from None
    if len(tokens) > MAX_TOKENS:
        raise RulesetError(f"condition has {len(tokens)} tokens; the limit is {MAX_TOKENS}")
    reads = read_condition(tokens, scope.roots, scope.parameters, scope.walker)
    if reads.errors:
        raise RulesetError(f"condition {source!r}: {'; '.join(reads.errors)}")
    # A second net under the reading above: every name CEL itself sees must be
    # a root or a comprehension variable.
    bound = {c.var for c in reads.comprehensions}
    stray = sorted(set(program.variables()) - set(scope.roots) - bound - KEYWORDS)
    if stray:
        raise RulesetError(f"condition {source!r}: unknown name(s): {', '.join(stray)}")
    unknown = sorted(
        name
        for name in program.functions()
        if name[:1].isalpha() and name not in BUILTIN_FUNCTIONS and name not in scope.functions
    )
    if unknown:
        raise RulesetError(f"condition {source!r} calls unknown function(s): {', '.join(unknown)}")
    deepest = max((c.depth for c in reads.comprehensions), default=0)
    if deepest > MAX_NESTING:
        raise RulesetError(
            f"condition {source!r} nests comprehensions {deepest} deep; the limit is {MAX_NESTING}"
        )
    if reads.static_cost() > MAX_COST:
        raise RulesetError(
            f"condition {source!r} could cost {reads.static_cost()} steps "
            f"with the largest lists the schema allows; the limit is {MAX_COST}"
        )
    return Condition(source, reads, frozenset(program.variables()), program)

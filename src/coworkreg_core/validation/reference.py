"""The reference validator: the pure-Python ``jsonschema`` package.

Slower than the compiled validator, and kept for that reason: it is the
implementation the JSON Schema test suite grew up with, so the differential
tests and the benchmark measure the fast path against it. It reports through
the same codes and messages, so any disagreement is in verdict or pointer,
never in wording.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

import jsonschema
import jsonschema.protocols
import jsonschema.validators

from coworkreg_core.problems import Problem, Problems
from coworkreg_core.resources import load_schema
from coworkreg_core.validation.formats import format_predicates
from coworkreg_core.validation.messages import schema_problem
from coworkreg_core.validation.validator import collect

_UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")


@cache
def _ecma_anchored(pattern: str) -> re.Pattern[str]:
    # JSON Schema patterns are ECMA-262, where ``$`` ends the text; Python's
    # ``$`` also matches before a final newline, which would let "20831\n"
    # pass as a postal code. ``\Z`` is the ECMA meaning in Python.
    return re.compile(_UNESCAPED_DOLLAR.sub(r"\\Z", pattern))


def _pattern(
    validator: jsonschema.protocols.Validator, pattern: str, instance: object, schema: object
) -> Iterator[jsonschema.ValidationError]:
    if isinstance(instance, str) and not _ecma_anchored(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


_ReferenceValidator: Any = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    jsonschema.Draft202012Validator, validators={"pattern": _pattern}
)


@cache
def reference_validator(schema_name: str) -> jsonschema.protocols.Validator:
    """A ``jsonschema`` Draft 2020-12 validator with the library's format checks.

    It differs from the stock one only in reading ``$`` in patterns as
    ECMA-262 does.
    """
    checker = jsonschema.FormatChecker(formats=())
    for name, predicate in format_predicates().items():
        checker.checks(name)(predicate)
    validator: jsonschema.protocols.Validator = _ReferenceValidator(
        load_schema(schema_name), format_checker=checker
    )
    return validator


def reference_problems(schema_name: str, doc: object, *, limit: int = 200) -> Problems:
    """The problems ``jsonschema`` finds in ``doc``, as the library reports them."""
    schema = load_schema(schema_name)
    return collect(_problems(schema, reference_validator(schema_name), doc), limit)


def _problems(
    schema: Mapping[str, Any], validator: jsonschema.protocols.Validator, doc: object
) -> Iterator[Problem]:
    for error in validator.iter_errors(doc):  # type: ignore[arg-type]
        keyword = str(error.validator)
        path = list(error.absolute_path)
        if keyword == "required" and isinstance(error.instance, dict):
            required: list[str] = list(error.validator_value)  # type: ignore[arg-type]
            for name in required:
                if name not in error.instance:
                    yield schema_problem(schema, path, keyword, error.instance, name=name)
        elif keyword == "additionalProperties" and isinstance(error.instance, dict):
            known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
            for name in error.instance:
                if name not in known:
                    yield schema_problem(schema, path, keyword, error.instance, name=name)
        elif keyword == "format":
            yield schema_problem(schema, path, keyword, error.instance, name=error.validator_value)
        else:
            yield schema_problem(schema, path, keyword, error.instance)

"""Validation against a shipped schema: fast when valid, thorough when not.

The compiled ``jsonschema_rs`` validator answers "valid?" first; only a
document that fails pays for collecting its problems. The pure-Python
``jsonschema`` stays the reference (see :mod:`.reference`), and a
differential test holds both to the same verdict and the same pointers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs
import jsonschema_rs

from coworkreg_core.errors import DocumentInvalid
from coworkreg_core.i18n import Text
from coworkreg_core.problems import Problem, Problems
from coworkreg_core.resources import load_schema
from coworkreg_core.validation.formats import format_predicates
from coworkreg_core.validation.intake import (
    Limits,
    is_plain_json,
    load_json,
    plain_json_problems,
)
from coworkreg_core.validation.messages import document_problem, schema_problem
from coworkreg_core.validation.titles import field_title


def _pointer_key(problem: Problem) -> tuple[tuple[int, int, str], ...]:
    """Document order: list indexes compare as numbers, keys as text."""
    parts = problem.pointer.split("/")[1:]
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


def collect(problems: Iterable[Problem], limit: int) -> Problems:
    """Problems without repeats (same pointer and code), in document order, at most ``limit``."""
    unique: dict[tuple[str, str], Problem] = {}
    for problem in problems:
        unique.setdefault((problem.pointer, problem.code), problem)
    ordered = sorted(unique.values(), key=lambda p: (_pointer_key(p), p.code))
    return Problems(tuple(ordered[:limit]))


def with_source(problems: Problems, source: str | None) -> Problems:
    """The same problems, each marked as found in ``source``."""
    if source is None:
        return problems
    return Problems(tuple(attrs.evolve(p, source=source) for p in problems))


class SchemaValidator:
    """Validates documents against one shipped schema; build once, reuse.

    >>> validator = SchemaValidator("provider")
    >>> validator.validate({"spaces": []}).codes()[:2]
    ['required', 'required']
    """

    def __init__(self, schema_name: str, *, limits: Limits | None = None) -> None:
        self.schema_name = schema_name
        self.schema: Mapping[str, Any] = load_schema(schema_name)
        self.limits = limits or Limits()
        self._compiled = jsonschema_rs.Draft202012Validator(
            self.schema, formats=format_predicates(), validate_formats=True
        )

    def is_valid(self, doc: object) -> bool:
        """Whether ``doc`` satisfies the schema; never raises."""
        try:
            return bool(self._compiled.is_valid(doc))
        except (ValueError, TypeError, OverflowError, RecursionError):
            return False

    def validate(self, doc: object, *, source: str | None = None) -> Problems:
        """Every problem with ``doc``; empty when it is valid."""
        if self.is_valid(doc):
            return Problems()
        problems = (
            []
            if is_plain_json(doc, self.limits)
            else plain_json_problems(doc, self.limits, self._title)
        )
        if not problems:
            try:
                problems = list(self._schema_problems(doc))
            except (ValueError, TypeError, OverflowError, RecursionError) as exc:
                # The intake should have caught whatever the engine cannot read;
                # if something slips through, it is still a problem, not a crash.
                problems = [
                    document_problem(
                        "unsupported-value", field=self._title([]), kind=type(exc).__name__
                    )
                ]
        return with_source(collect(problems, self.limits.max_problems), source)

    def validate_json(self, data: bytes | str, *, source: str | None = None) -> Problems:
        """Every problem with the JSON document ``data`` (bytes or text)."""
        return self.load_json(data, source=source)[1]

    def load_json(self, data: bytes | str, *, source: str | None = None) -> tuple[Any, Problems]:
        """The decoded document and its problems; the document is ``None`` if not JSON."""
        doc, problem = load_json(data, self.limits)
        if problem is not None:
            return None, with_source(Problems((problem,)), source)
        return doc, self.validate(doc, source=source)

    def check(self, doc: object, *, what: str = "document") -> None:
        """Raise :class:`DocumentInvalid` listing every problem, unless ``doc`` is valid."""
        problems = self.validate(doc)
        if problems:
            raise DocumentInvalid(problems, what=what)

    def _title(self, path: Sequence[str | int]) -> Text:
        return field_title(self.schema, path)

    def _schema_problems(self, doc: object) -> Iterator[Problem]:
        for error in self._compiled.iter_errors(doc):
            keyword = error.kind.name
            path = list(error.instance_path)
            details = error.kind.as_dict()
            if keyword == "required":
                yield schema_problem(
                    self.schema, path, keyword, error.instance, name=details["property"]
                )
            elif keyword == "additionalProperties":
                for name in details["unexpected"]:
                    yield schema_problem(self.schema, path, keyword, error.instance, name=name)
            elif keyword == "format":
                yield schema_problem(
                    self.schema, path, keyword, error.instance, name=details["format"]
                )
            else:
                yield schema_problem(self.schema, path, keyword, error.instance)

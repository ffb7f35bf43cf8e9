"""Turning untrusted input into plain JSON data, or into problems.

Whatever arrives (bytes, text, or data built in Python), what reaches the
schema validator is plain JSON: string keys, finite numbers, bounded size and
depth. Anything else becomes a problem here, never an exception from deeper
down.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from typing import Any

from attrs import frozen

from coworkreg_core.i18n import Text
from coworkreg_core.problems import Problem, pointer_from_path
from coworkreg_core.validation.messages import document_problem

MiB = 1024 * 1024


@frozen
class Limits:
    """How much a document may weigh and how deep it may nest."""

    max_bytes: int = MiB
    """The largest encoded document accepted (1 MiB by default)."""
    max_depth: int = 32
    """The deepest nesting of objects and lists accepted."""
    max_problems: int = 200
    """Problems reported for one document before the rest are left out."""


class _Rejected(Exception):
    """Raised inside the JSON decoder's hooks; never leaves this module."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def _reject_constant(name: str) -> Any:
    raise _Rejected(document_problem("not-finite", field=Text(it="documento", en="document")))


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Rejected(document_problem("duplicate-key", key=key))
            seen.add(key)
    return result


def load_json(data: bytes | str, limits: Limits) -> tuple[Any, Problem | None]:
    """Decode ``data`` as one JSON document: ``(value, None)`` or ``(None, problem)``."""
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > limits.max_bytes:
        return None, document_problem("too-large", size=size, limit=limits.max_bytes)
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            reason = Text(
                it=f"non è testo UTF-8 (byte {exc.start + 1})",
                en=f"it is not UTF-8 text (byte {exc.start + 1})",
            )
            return None, document_problem("not-json", reason=reason)
    try:
        value = json.loads(data, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except _Rejected as exc:
        return None, exc.problem
    except json.JSONDecodeError as exc:
        reason = Text(
            it=f"riga {exc.lineno}, colonna {exc.colno}: {exc.msg}",
            en=f"line {exc.lineno}, column {exc.colno}: {exc.msg}",
        )
        return None, document_problem("not-json", reason=reason)
    except RecursionError:
        return None, document_problem("too-deep", limit=limits.max_depth)
    return value, None


def _encodable(text: str) -> bool:
    """Whether ``text`` is valid Unicode; JSON's ``\\ud800`` escapes can make it not."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _kind(value: object) -> str:
    return type(value).__name__


def is_plain_json(doc: object, limits: Limits) -> bool:
    """A quick yes when :func:`plain_json_problems` would find nothing.

    It walks level by level without building paths, so the common case (an
    ordinary document that breaks the schema) does not pay for pointers it
    will not need; any doubt answers ``False`` and the full walk decides.
    """
    level: list[object] = [doc]
    depth = 0
    while level:
        below: list[object] = []
        for value in level:
            if isinstance(value, str):
                if not _encodable(value):
                    return False
            elif isinstance(value, dict):
                if depth >= limits.max_depth:
                    return False
                for key, item in value.items():
                    if not isinstance(key, str) or not _encodable(key):
                        return False
                    below.append(item)
            elif isinstance(value, list):
                if depth >= limits.max_depth:
                    return False
                below.extend(value)
            elif isinstance(value, float):
                if not math.isfinite(value):
                    return False
            elif not isinstance(value, int) and value is not None:
                return False
        level = below
        depth += 1
    return True


def plain_json_problems(
    doc: object, limits: Limits, title: Callable[[Sequence[str | int]], Text] | None = None
) -> list[Problem]:
    """Why ``doc`` is not plain, bounded JSON data; empty when it is.

    Walks iteratively, so a document nested ten thousand levels deep costs a
    loop, not a stack overflow; a cycle shows up as nesting too deep.
    ``title`` maps a path to the field's :class:`Text` (the schema's titles);
    without it the pointer is shown.
    """
    problems: list[Problem] = []
    stack: list[tuple[object, tuple[str | int, ...]]] = [(doc, ())]

    def name(path: Sequence[str | int]) -> Text:
        if title is not None:
            return title(path)
        return Text.of(pointer_from_path(path) or "/")

    while stack and len(problems) < limits.max_problems:
        value, path = stack.pop()
        if isinstance(value, str):
            if not _encodable(value):
                problems.append(
                    document_problem(
                        "unsupported-value",
                        pointer_from_path(path),
                        field=name(path),
                        kind="unpaired surrogate",
                    )
                )
            continue
        if isinstance(value, bool | int) or value is None:
            continue
        if isinstance(value, float):
            if not math.isfinite(value):
                problems.append(
                    document_problem("not-finite", pointer_from_path(path), field=name(path))
                )
            continue
        if not isinstance(value, dict | list):
            problems.append(
                document_problem(
                    "unsupported-value",
                    pointer_from_path(path),
                    field=name(path),
                    kind=_kind(value),
                )
            )
            continue
        if len(path) >= limits.max_depth:
            problems.append(
                document_problem("too-deep", pointer_from_path(path), limit=limits.max_depth)
            )
            continue
        if isinstance(value, dict):
            for key, item in reversed(value.items()):
                if not isinstance(key, str) or not _encodable(key):
                    # Escape the key so the pointer itself can be printed.
                    shown = str(key).encode("utf-8", "backslashreplace").decode("utf-8")
                    problems.append(
                        document_problem(
                            "unsupported-value",
                            pointer_from_path([*path, shown]),
                            field=Text.of(shown),
                            kind=f"{_kind(key)} key",
                        )
                    )
                    continue
                stack.append((item, (*path, key)))
        else:
            stack.extend((item, (*path, index)) for index, item in reversed(list(enumerate(value))))
    return problems

"""Typed payloads: what a transition must be given (reason, legal basis, comment).

Each transition may declare a small JSON Schema for its payload; it is
compiled once at load time and checked before anything changes. Every problem
is reported at once, each with its JSON pointer and an Italian and English
message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jsonschema_rs

from coworkreg_core.errors import InvalidPayload
from coworkreg_core.i18n import Text
from coworkreg_core.problems import Problem, Problems, pointer_from_path

_ITALIAN: dict[str, str] = {
    "required": "campo obbligatorio mancante",
    "type": "tipo di valore errato",
    "enum": "valore non ammesso",
    "minLength": "testo troppo corto",
    "maxLength": "testo troppo lungo",
    "pattern": "formato non valido",
    "format": "formato non valido",
    "additionalProperties": "campo non previsto",
    "minimum": "valore troppo piccolo",
    "maximum": "valore troppo grande",
    "minItems": "troppo pochi elementi",
    "maxItems": "troppi elementi",
}


def compile_payload_schema(schema: Mapping[str, Any]) -> Any:
    """A reusable validator for a payload schema (raises ``ValueError`` if broken)."""
    return jsonschema_rs.validator_for(dict(schema), validate_formats=True)


def payload_problems(validator: Any, payload: Mapping[str, Any]) -> Problems:
    """Every way ``payload`` breaks the compiled schema; empty if it is valid."""
    if validator.is_valid(payload):
        return Problems()
    found = []
    for error in validator.iter_errors(payload):
        path: list[str | int] = list(error.instance_path)
        keyword = str(list(error.schema_path)[-1]) if list(error.schema_path) else "schema"
        missing = getattr(error.kind, "property", None)
        if keyword == "required" and missing is not None:
            path.append(str(missing).strip('"'))
        italian = _ITALIAN.get(keyword, "valore non valido")
        found.append(
            Problem(
                pointer=pointer_from_path(path),
                code=f"payload.{keyword}",
                message=Text(it=f"{italian}: {error.message}", en=error.message),
            )
        )
    found.sort(key=lambda p: p.pointer)
    return Problems(tuple(found))


def check_payload(transition: str, validator: Any, payload: Mapping[str, Any]) -> None:
    """Raise ``InvalidPayload`` listing every problem, or return quietly."""
    problems = payload_problems(validator, payload)
    if problems:
        raise InvalidPayload(transition, problems)

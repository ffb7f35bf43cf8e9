"""Problem codes and their words, in Italian and English.

A code is stable: programs match on it, so it never changes once published.
Schema keywords map to codes in kebab case (``minLength`` is ``min-length``),
``additionalProperties`` is ``unknown-field``, a failed ``format`` is
``format.<name>``; codes for input that is not a JSON document at all are
listed in :data:`DOCUMENT_CODES`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from coworkreg_core.i18n import Text
from coworkreg_core.problems import Problem, pointer_from_path
from coworkreg_core.validation.formats import format_reason
from coworkreg_core.validation.titles import field_title, subschema_at

KEYWORD_CODES: Mapping[str, str] = {
    "required": "required",
    "additionalProperties": "unknown-field",
    "type": "type",
    "enum": "enum",
    "const": "const",
    "pattern": "pattern",
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusiveMinimum": "exclusive-minimum",
    "exclusiveMaximum": "exclusive-maximum",
    "minLength": "min-length",
    "maxLength": "max-length",
    "minItems": "min-items",
    "maxItems": "max-items",
    "uniqueItems": "unique-items",
    "multipleOf": "multiple-of",
}
"""Schema keyword to problem code; a keyword not listed gets code ``schema``."""

DOCUMENT_CODES: Mapping[str, Text] = {
    "not-json": Text(
        it="Il documento non è JSON valido: {reason}.",
        en="The document is not valid JSON: {reason}.",
    ),
    "too-large": Text(
        it="Il documento pesa {size} byte, oltre il limite di {limit} byte.",
        en="The document is {size} bytes, over the limit of {limit} bytes.",
    ),
    "too-deep": Text(
        it="Il documento è annidato oltre {limit} livelli.",
        en="The document is nested more than {limit} levels deep.",
    ),
    "not-finite": Text(
        it="«{field}» contiene un numero non finito (NaN o Infinity), che JSON non ammette.",
        en="“{field}” holds a number that is not finite (NaN or Infinity), which JSON forbids.",
    ),
    "duplicate-key": Text(
        it="Il campo «{key}» compare due volte nello stesso oggetto.",
        en="The field “{key}” appears twice in the same object.",
    ),
    "unreadable": Text(
        it="Il file non si può leggere: {reason}.", en="The file cannot be read: {reason}."
    ),
    "unsupported-value": Text(
        it="«{field}» contiene un valore che JSON non può rappresentare ({kind}).",
        en="“{field}” holds a value JSON cannot represent ({kind}).",
    ),
}
"""Codes for input that cannot be checked against the schema, with their words."""

_TYPE_NAMES: Mapping[str, Text] = {
    "string": Text(it="un testo", en="a text"),
    "number": Text(it="un numero", en="a number"),
    "integer": Text(it="un numero intero", en="a whole number"),
    "boolean": Text(it="vero o falso", en="true or false"),
    "object": Text(it="un gruppo di campi", en="a group of fields"),
    "array": Text(it="un elenco", en="a list"),
    "null": Text(it="vuoto (null)", en="empty (null)"),
}

_TEXTS: Mapping[str, Text] = {
    "required": Text(it="Manca «{field}», che è obbligatorio.", en="“{field}” is required."),
    "unknown-field": Text(
        it="«{name}» non è un campo previsto in «{parent}».",
        en="“{name}” is not a known field of “{parent}”.",
    ),
    "type": Text(it="«{field}» deve essere {expected}.", en="“{field}” must be {expected}."),
    "enum": Text(
        it="«{field}» deve essere uno di questi valori: {allowed}.",
        en="“{field}” must be one of: {allowed}.",
    ),
    "const": Text(it="«{field}» deve valere {allowed}.", en="“{field}” must be {allowed}."),
    "pattern": Text(
        it="«{field}» non è scritto nella forma richiesta.",
        en="“{field}” is not written in the required form.",
    ),
    "format": Text(it="«{field}» non è valido: {reason}.", en="“{field}” is not valid: {reason}."),
    "minimum": Text(
        it="«{field}» deve valere almeno {limit}.", en="“{field}” must be at least {limit}."
    ),
    "maximum": Text(
        it="«{field}» non può superare {limit}.", en="“{field}” cannot exceed {limit}."
    ),
    "exclusive-minimum": Text(
        it="«{field}» deve essere maggiore di {limit}.", en="“{field}” must be more than {limit}."
    ),
    "exclusive-maximum": Text(
        it="«{field}» deve essere minore di {limit}.", en="“{field}” must be less than {limit}."
    ),
    "min-length": Text(
        it="«{field}» deve avere almeno {limit} caratteri.",
        en="“{field}” needs at least {limit} characters.",
    ),
    "max-length": Text(
        it="«{field}» può avere al massimo {limit} caratteri.",
        en="“{field}” can have at most {limit} characters.",
    ),
    "min-items": Text(
        it="«{field}» deve contenere almeno {limit} elementi.",
        en="“{field}” needs at least {limit} items.",
    ),
    "max-items": Text(
        it="«{field}» può contenere al massimo {limit} elementi.",
        en="“{field}” can hold at most {limit} items.",
    ),
    "unique-items": Text(
        it="«{field}» contiene elementi ripetuti.", en="“{field}” has repeated items."
    ),
    "multiple-of": Text(
        it="«{field}» deve essere un multiplo di {limit}.",
        en="“{field}” must be a multiple of {limit}.",
    ),
    "schema": Text(
        it="«{field}» non rispetta la regola «{keyword}» dello schema.",
        en="“{field}” breaks the schema rule “{keyword}”.",
    ),
}


def _localised(template: Text, **params: Text | str) -> Text:
    """Fill ``template`` with values that may themselves be bilingual."""
    it = {k: v.it if isinstance(v, Text) else v for k, v in params.items()}
    en = {k: v.en if isinstance(v, Text) else v for k, v in params.items()}
    return Text(it=template.it.format(**it), en=template.en.format(**en))


def _listing(values: object) -> str:
    if isinstance(values, Sequence) and not isinstance(values, str):
        return ", ".join(str(v) for v in values)
    return str(values)


def schema_problem(
    schema: Mapping[str, Any],
    path: Sequence[str | int],
    keyword: str,
    instance: object,
    **extra: Any,
) -> Problem:
    """The problem for ``instance`` at ``path`` breaking ``keyword`` of its subschema.

    ``extra`` carries what only the engine knows: ``name`` (the format, the
    missing or unknown field).
    """
    node = subschema_at(schema, path) or {}
    rule = node.get(keyword)
    field = field_title(schema, path)
    params: dict[str, Any] = {"keyword": keyword}
    if keyword == "required":
        name = str(extra["name"])
        return Problem(
            pointer=pointer_from_path([*path, name]),
            code="required",
            message=_localised(_TEXTS["required"], field=field_title(schema, [*path, name])),
            params={"keyword": keyword, "name": name},
        )
    if keyword == "additionalProperties":
        name = str(extra["name"])
        return Problem(
            pointer=pointer_from_path([*path, name]),
            code="unknown-field",
            message=_localised(_TEXTS["unknown-field"], name=name, parent=field),
            params={"keyword": keyword, "name": name},
        )
    if keyword == "format":
        name = str(extra.get("name", rule))
        reason = format_reason(name, instance) or Text(
            it=f"non è nel formato {name}", en=f"it is not in the {name} format"
        )
        return Problem(
            pointer=pointer_from_path(path),
            code=f"format.{name}",
            message=_localised(_TEXTS["format"], field=field, reason=reason),
            params={"keyword": keyword, "format": name},
        )
    code = KEYWORD_CODES.get(keyword, "schema")
    if keyword == "type":
        expected = rule if isinstance(rule, list) else [rule]
        names = [_TYPE_NAMES.get(str(t), Text.of(str(t))) for t in expected]
        message = _localised(
            _TEXTS["type"],
            field=field,
            expected=Text(it=" o ".join(n.it for n in names), en=" or ".join(n.en for n in names)),
        )
        params["expected"] = expected
    elif keyword in {"enum", "const"}:
        params["allowed"] = rule
        message = _localised(_TEXTS[code], field=field, allowed=_listing(rule))
    else:
        params["limit"] = rule
        message = _localised(_TEXTS[code], field=field, limit=str(rule), keyword=keyword)
    return Problem(pointer=pointer_from_path(path), code=code, message=message, params=params)


def document_problem(code: str, pointer: str = "", **params: Any) -> Problem:
    """A problem with the document itself (not JSON, too large, too deep ...)."""
    return Problem(
        pointer=pointer,
        code=code,
        message=_localised(DOCUMENT_CODES[code], **params),
        params=params,
    )

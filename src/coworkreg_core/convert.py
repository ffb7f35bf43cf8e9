"""Between documents and the typed model, both ways, with cattrs.

Documents go in only after validation, so the model never holds what the
schema forbids; the converter itself still refuses unknown keys, as a second
line. Dates travel as ISO strings, arrays as lists, and a field that is
``None`` is left out, so ``unstructure(structure(doc)) == doc`` for every
valid document.
"""

from __future__ import annotations

import datetime
from functools import cache
from typing import Any

from cattrs import BaseValidationError, Converter, transform_error

from coworkreg_core.errors import DocumentInvalid
from coworkreg_core.i18n import Text
from coworkreg_core.model import Provider
from coworkreg_core.problems import Problem, Problems
from coworkreg_core.validation import provider_validator


def _structure_date(value: Any, _: type) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


def _structure_number(value: Any, _: type) -> float:
    # Keep 15 as 15, not 15.0, so a document survives the round trip unchanged.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    raise TypeError(f"expected a number, got {type(value).__name__}")


def make_converter() -> Converter:
    """A fresh converter for the provider model (and any attrs class like it)."""
    converter = Converter(
        omit_if_default=True,
        forbid_extra_keys=True,
        unstruct_collection_overrides={tuple: list},
    )
    converter.register_structure_hook(datetime.date, _structure_date)
    converter.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    converter.register_structure_hook(float, _structure_number)
    return converter


@cache
def get_converter() -> Converter:
    """The shared converter; build your own with :func:`make_converter` to customise."""
    return make_converter()


def structure_provider(doc: object, *, source: str | None = None) -> Provider:
    """The :class:`Provider` for ``doc``, or :class:`DocumentInvalid` listing every problem."""
    problems = provider_validator().validate(doc, source=source)
    if problems:
        raise DocumentInvalid(problems, what=source or "provider")
    return _structure_valid(doc, source)


def parse_provider_json(data: bytes | str, *, source: str | None = None) -> Provider:
    """Decode, validate and structure a provider sent as JSON text or bytes.

    :raises DocumentInvalid: with every problem, when the input is not JSON,
        too large, too deep or breaks the schema.
    """
    doc, problems = provider_validator().load_json(data, source=source)
    if problems:
        raise DocumentInvalid(problems, what=source or "provider")
    return _structure_valid(doc, source)


def unstructure_provider(provider: Provider) -> dict[str, Any]:
    """The provider as a plain JSON-ready document."""
    doc: dict[str, Any] = get_converter().unstructure(provider)
    return doc


def _structure_valid(doc: object, source: str | None) -> Provider:
    try:
        provider: Provider = get_converter().structure(doc, Provider)
    except (BaseValidationError, ValueError, TypeError) as exc:
        # Only reachable if the schema and the model disagree: say so plainly.
        details = transform_error(exc) if isinstance(exc, BaseValidationError) else [str(exc)]
        problem = Problem(
            pointer="",
            code="model-mismatch",
            message=Text(
                it="Il documento è valido ma non corrisponde al modello: {details}",
                en="The document is valid but does not fit the model: {details}",
            ).format(details="; ".join(details)),
            source=source,
        )
        raise DocumentInvalid(Problems((problem,)), what=source or "provider") from exc
    return provider

"""Validation of providers (and any shipped schema), reporting every problem at once.

>>> validate_provider({"organisation": {}}).codes()[:1]
['required']
"""

from __future__ import annotations

from functools import cache

from coworkreg_core.problems import Problems
from coworkreg_core.validation.formats import FORMAT_CHECKS
from coworkreg_core.validation.intake import Limits
from coworkreg_core.validation.messages import DOCUMENT_CODES, KEYWORD_CODES
from coworkreg_core.validation.validator import SchemaValidator

__all__ = [
    "DOCUMENT_CODES",
    "FORMAT_CHECKS",
    "KEYWORD_CODES",
    "Limits",
    "SchemaValidator",
    "provider_validator",
    "validate_provider",
    "validate_provider_json",
]


@cache
def provider_validator() -> SchemaValidator:
    """The shared validator for ``provider.schema.json`` with the default limits."""
    return SchemaValidator("provider")


def validate_provider(doc: object, *, source: str | None = None) -> Problems:
    """Every problem with the provider document ``doc``; empty when valid."""
    return provider_validator().validate(doc, source=source)


def validate_provider_json(data: bytes | str, *, source: str | None = None) -> Problems:
    """Every problem with a provider sent as JSON text or bytes; empty when valid."""
    return provider_validator().validate_json(data, source=source)

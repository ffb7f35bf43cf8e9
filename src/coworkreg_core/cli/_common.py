"""Options and helpers shared by the CLI commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

from coworkreg_core.i18n import LANGUAGES, Lang

F = TypeVar("F", bound=Callable[..., object])


def lang_option(func: F) -> F:
    """``--lang it|en``: the language of messages (Italian by default)."""
    return click.option(
        "--lang",
        type=click.Choice(LANGUAGES),
        default="it",
        show_default=True,
        help="Lingua dei messaggi / language of messages.",
    )(func)


def as_lang(value: str) -> Lang:
    """Narrow a validated ``--lang`` value to :data:`Lang`."""
    return "en" if value == "en" else "it"


def format_option(func: F) -> F:
    """``--format text|json``, passed as ``output_format`` (text by default)."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help="Testo leggibile o JSON / human-readable text or JSON.",
    )(func)

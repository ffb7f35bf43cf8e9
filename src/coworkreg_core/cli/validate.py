"""``coworkreg validate``: check provider documents and name every problem."""

from __future__ import annotations

import json
from pathlib import Path

import click

from coworkreg_core.cli._common import as_lang, format_option, lang_option
from coworkreg_core.i18n import Lang, Text
from coworkreg_core.problems import Problem, Problems
from coworkreg_core.validation import Limits, SchemaValidator
from coworkreg_core.validation.intake import MiB
from coworkreg_core.validation.messages import document_problem
from coworkreg_core.validation.validator import with_source

_VALID = Text(it="valido", en="valid")


def check_file(path: Path, validator: SchemaValidator) -> Problems:
    """The problems of the provider document in ``path``; reading it is one of them."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > validator.limits.max_bytes:
            # Refuse before reading: the file may be far larger than memory allows.
            problem = document_problem("too-large", size=size, limit=validator.limits.max_bytes)
            return with_source(Problems((problem,)), source)
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return with_source(Problems((document_problem("unreadable", reason=reason),)), source)
    return validator.validate_json(data, source=source)


def _text_line(problem: Problem, lang: Lang) -> str:
    return f"{problem.source}: {problem.describe(lang)}"


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@lang_option
@format_option
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=MiB,
    show_default=True,
    help="Dimensione massima di un documento / largest document accepted, in bytes.",
)
def validate(files: tuple[Path, ...], lang: str, output_format: str, max_bytes: int) -> None:
    """Controlla i documenti dei fornitori / check provider documents against the schema.

    Exits 0 when every file is valid and 1 when any has a problem; each
    problem is printed with its file and JSON pointer.

    \b
    Example:
        coworkreg validate --lang en examples/providers/valid/*.json
    """
    language = as_lang(lang)
    validator = SchemaValidator("provider", limits=Limits(max_bytes=max_bytes))
    found: list[Problem] = []
    for path in files:
        problems = check_file(path, validator)
        found.extend(problems)
        if output_format == "text":
            if problems:
                click.echo("\n".join(_text_line(p, language) for p in problems))
            else:
                click.echo(f"{path}: {_VALID.get(language)}")
    if output_format == "json":
        report = [p.as_dict(language) for p in found]
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    if found:
        raise SystemExit(1)

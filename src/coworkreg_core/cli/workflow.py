"""``coworkreg workflow``: check a definition file and draw a town's procedure."""

from __future__ import annotations

from pathlib import Path

import click

from coworkreg_core.cli._common import as_lang, lang_option
from coworkreg_core.errors import CoworkregError
from coworkreg_core.plugins import get_plugin_manager
from coworkreg_core.towns import Towns
from coworkreg_core.workflow.diagram import to_dot, to_mermaid
from coworkreg_core.workflow.loader import lint_text
from coworkreg_core.workflow.town import workflow_for_town


@click.group()
def workflow() -> None:
    """Procedimenti: verifica e diagrammi / workflow definitions: lint and diagrams."""


@workflow.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def lint(file: Path) -> None:
    """Check a workflow FILE (YAML or JSON); list every problem with its line.

    Example: coworkreg workflow lint pack/workflow.yaml
    """
    try:
        issues = lint_text(file.read_text(encoding="utf-8"), str(file))
    except CoworkregError as exc:
        raise click.ClickException(str(exc)) from exc
    for line, issue in issues:
        where = f"{file}:{line}" if line is not None else str(file)
        click.echo(f"{where}: {issue.rule}: {issue.reason} (at {issue.pointer or '/'})")
    if issues:
        raise click.ClickException(f"{len(issues)} problem(s) in {file}")
    click.echo(f"{file}: ok")


@workflow.command()
@click.argument("town")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["mermaid", "dot"]),
    default="mermaid",
    show_default=True,
    help="Formato del diagramma / diagram format.",
)
@lang_option
def diagram(town: str, output_format: str, lang: str) -> None:
    """Print the diagram of TOWN's procedure (a town id or a pack directory).

    Example: coworkreg workflow diagram seregno --format dot | dot -Tsvg > seregno.svg
    """
    try:
        definition = workflow_for_town(Towns.from_plugins(get_plugin_manager()), town)
    except CoworkregError as exc:
        raise click.ClickException(str(exc)) from exc
    draw = to_dot if output_format == "dot" else to_mermaid
    click.echo(draw(definition, as_lang(lang)), nl=False)

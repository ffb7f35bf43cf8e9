"""The documentation builds with warnings as errors, and documents every public thing.

One build per test session (``-W --keep-going`` into a temporary folder);
the checks then read its object inventory and pages, so a public name, a hook
or a CLI command without documentation fails here by name.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from sphinx.util.inventory import InventoryFile

import coworkreg_core
from coworkreg_core import hookspecs
from coworkreg_core.cli import main as cli_main
from coworkreg_core.resources import schema_names

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML build of ``docs/``; the build's own output is kept for failures."""
    out = tmp_path_factory.mktemp("html")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            "-d",
            str(out / ".doctrees"),
            str(ROOT / "docs"),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    return out


@pytest.fixture(scope="module")
def inventory(built: Path) -> dict[str, str]:
    """Documented Python objects: full name -> role (``py:class``, ``py:function`` ...)."""
    with (built / "objects.inv").open("rb") as stream:
        loaded = InventoryFile.load(stream, "", lambda base, uri: uri)
    return {
        name: role for role, entries in loaded.items() if role.startswith("py:") for name in entries
    }


def _resolve(dotted: str) -> object:
    """The object at ``dotted``, by attribute first, as ``from package import name`` does.

    ``coworkreg_core.rules.evaluate`` is both a module and the function the
    package re-exports under that name; the package's attribute wins.
    """
    parts = dotted.split(".")
    obj: object = importlib.import_module(parts[0])
    for index, attribute in enumerate(parts[1:], start=1):
        if hasattr(obj, attribute):
            obj = getattr(obj, attribute)
        else:
            obj = importlib.import_module(".".join(parts[: index + 1]))
    return obj


def public_names() -> Iterator[tuple[str, str]]:
    """``(module, name)`` for the front door's ``__all__`` and every subpackage's."""
    modules = [coworkreg_core] + [
        importlib.import_module(f"coworkreg_core.{info.name}")
        for info in pkgutil.iter_modules(coworkreg_core.__path__)
        if info.ispkg
    ]
    for module in modules:
        for name in getattr(module, "__all__", ()):
            yield module.__name__, name


def hook_names() -> list[str]:
    return [
        name
        for name, obj in vars(hookspecs).items()
        if inspect.isfunction(obj) and hasattr(obj, f"{hookspecs.PROJECT}_spec")
    ]


def command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command under ``group`` as its path of names, groups included."""
    context = click.Context(group, info_name="coworkreg")
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None, name
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from command_paths(command, (*prefix, name))


def test_the_docs_build_without_warnings(built: Path):
    """Every page is built; a warning would have failed the build."""
    for page in ("index", "quickstart", "legal", "reference/cli", "reference/hooks"):
        assert (built / f"{page}.html").is_file()


def test_the_walkers_find_something():
    """The lists the checks below walk are not empty, so the checks check something."""
    assert len(list(public_names())) > 50
    assert "coworkreg_storage" in hook_names()
    assert ("rules", "explain") in set(command_paths(cli_main))


@pytest.mark.parametrize(("module", "name"), sorted(public_names()))
def test_every_public_name_is_documented(inventory: dict[str, str], module: str, name: str):
    """The object is described in the API reference, under its own name or where it lives."""
    wanted = getattr(importlib.import_module(module), name)
    if f"{module}.{name}" in inventory:
        return
    same = [entry for entry in inventory if _resolve_quietly(entry) is wanted]
    assert same, f"{module}.{name} is not in the API reference"


def _resolve_quietly(dotted: str) -> object:
    try:
        return _resolve(dotted)
    except (ImportError, AttributeError):
        return None


@pytest.mark.parametrize(("module", "name"), sorted(public_names()))
def test_every_public_class_and_function_has_a_docstring(module: str, name: str):
    """Classes and functions say what they are; constants and type aliases may not."""
    obj = getattr(importlib.import_module(module), name)
    if inspect.isclass(obj) or inspect.isfunction(obj):
        assert (obj.__doc__ or "").strip(), f"{module}.{name} has no docstring"


@pytest.mark.parametrize("hook", hook_names())
def test_every_hook_is_documented_with_its_signature(built: Path, inventory: dict[str, str], hook):
    """Each hook spec is a documented function on the hooks page, with its parameters."""
    assert inventory.get(f"coworkreg_core.hookspecs.{hook}") == "py:function"
    page = (built / "reference" / "hooks.html").read_text(encoding="utf-8")
    assert f'id="coworkreg_core.hookspecs.{hook}"' in page
    signature = page.split(f'id="coworkreg_core.hookspecs.{hook}"')[1].split("</dt>")[0]
    for parameter in inspect.signature(getattr(hookspecs, hook)).parameters:
        assert f'<span class="pre">{parameter}</span>' in signature


@pytest.mark.parametrize("path", sorted(command_paths(cli_main)), ids=" ".join)
def test_every_cli_command_is_documented(built: Path, path: tuple[str, ...]):
    """The CLI reference, generated from the command itself, has a section per command."""
    page = (built / "reference" / "cli.html").read_text(encoding="utf-8")
    assert f'id="coworkreg-{"-".join(path)}"' in page


@pytest.mark.parametrize("schema", schema_names())
def test_every_schema_has_a_generated_page(built: Path, schema: str):
    """Each shipped schema is rendered, field by field, with its titles."""
    page = built / "_generated" / "schemas" / f"{schema}.html"
    assert page.is_file()
    assert f"{schema}.schema.json" in page.read_text(encoding="utf-8")


def test_the_workflow_diagram_is_drawn_from_the_definition(built: Path):
    """The diagram on the workflow page carries every state of Seregno's definition."""
    from coworkreg_core import Towns, get_plugin_manager
    from coworkreg_core.workflow import workflow_for_town

    definition = workflow_for_town(Towns.from_plugins(get_plugin_manager()), "seregno")
    page = (built / "concepts" / "workflow.html").read_text(encoding="utf-8")
    assert "stateDiagram-v2" in page
    for state in definition.states:
        assert f" as {state}" in page

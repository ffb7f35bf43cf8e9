"""The API reference pages, one per public module, generated from the package itself.

A subpackage that declares ``__all__`` gets a page as soon as it exists, so a
new part of the library is in the reference without anyone editing a list;
what each page says comes from the docstrings.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from types import ModuleType

from sphinx.pycode import ModuleAnalyzer

import coworkreg_core

PLAIN_MODULES = (
    "coworkreg_core.errors",
    "coworkreg_core.i18n",
    "coworkreg_core.problems",
    "coworkreg_core.resources",
    "coworkreg_core.yamlio",
    "coworkreg_core.towns",
    "coworkreg_core.plugins",
    "coworkreg_core.convert",
    "coworkreg_core.notify",
    "coworkreg_core.render",
    "coworkreg_core.documents",
    "coworkreg_core.outbox",
)
"""Modules without ``__all__`` whose own public members are part of the API."""

HOOKS_MODULE = "coworkreg_core.hookspecs"
"""Documented on the hooks page instead."""


def public_subpackages() -> list[str]:
    """Subpackages of ``coworkreg_core`` that declare ``__all__``, sorted."""
    names = []
    for info in pkgutil.iter_modules(coworkreg_core.__path__):
        if not info.ispkg:
            continue
        module = importlib.import_module(f"coworkreg_core.{info.name}")
        if hasattr(module, "__all__"):
            names.append(module.__name__)
    return sorted(names)


def documented_modules() -> list[str]:
    """Every module the reference documents, the hooks module included."""
    return sorted({*public_subpackages(), *PLAIN_MODULES, HOOKS_MODULE})


def _first_line(module: ModuleType) -> str:
    return (module.__doc__ or "").strip().splitlines()[0] if module.__doc__ else ""


def _data_names(module: ModuleType) -> list[str]:
    """Names in ``__all__`` bound to values (constants, type aliases), not classes or functions.

    ``automodule`` skips values a package imports from its submodules, so
    they are documented one by one.
    """
    return [
        name
        for name in getattr(module, "__all__", ())
        if not (inspect.isclass(value := getattr(module, name)) or callable(value))
        or _is_alias(value)
    ]


def _is_alias(value: object) -> bool:
    return not inspect.isclass(value) and type(value).__module__ == "typing"


def _doc_comment(package: ModuleType, name: str) -> list[str]:
    """The ``#:`` or string doc comment of ``name`` where the package's submodule assigns it."""
    value = getattr(package, name)
    for info in pkgutil.iter_modules(getattr(package, "__path__", [])):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        if getattr(module, name, None) is not value:
            continue
        comments = ModuleAnalyzer.for_module(module.__name__).find_attr_docs()
        if ("", name) in comments:
            return [line for line in comments["", name] if line.strip()]
    return []


def _data_directive(module: ModuleType, name: str) -> str:
    # py:data rather than autodata: autodata falls back to the docstring of the
    # value's type (``dict``), which says nothing about the constant.
    value = getattr(module, name)
    # automodule above has set the current module, so the bare name is enough.
    lines = [f"\n.. py:data:: {name}"]
    if len(repr(value)) <= 100:
        lines.append(f"   :value: {value!r}")
    lines.append("")
    lines.extend(f"   {line}" for line in _doc_comment(module, name))
    return "\n".join(lines) + "\n"


def module_page(name: str) -> str:
    """A MyST page documenting module ``name`` with autodoc."""
    module = importlib.import_module(name)
    undocumented = "   :undoc-members:\n" if hasattr(module, "__all__") else ""
    values = "".join(_data_directive(module, data) for data in _data_names(module))
    # autodoc writes reStructuredText, so it runs inside an eval-rst block.
    return (
        f"# `{name}`\n\n"
        "```{eval-rst}\n"
        f".. automodule:: {name}\n"
        "   :members:\n"
        f"{undocumented}"
        "   :show-inheritance:\n"
        f"{values}"
        "```\n"
    )


def _home(obj: object) -> str | None:
    """The documented module where ``obj`` is described."""
    for name in documented_modules():
        module = importlib.import_module(name)
        public = getattr(module, "__all__", None)
        for attribute in public or vars(module):
            if getattr(module, attribute, None) is obj and (
                public is not None or getattr(obj, "__module__", None) == name
            ):
                return f"{name}.{attribute}"
    return None


def front_door_page() -> str:
    """The names ``coworkreg_core`` re-exports, each linked to where it is documented."""
    lines = [
        "# `coworkreg_core`",
        "",
        _first_line(coworkreg_core),
        "",
        "The package re-exports the names an embedding application needs most;",
        "each is documented in the module it comes from.",
        "",
        "| name | documented as |",
        "|---|---|",
    ]
    for name in coworkreg_core.__all__:
        home = _home(getattr(coworkreg_core, name))
        target = f"{{py:obj}}`{home}`" if home else "(not documented)"
        lines.append(f"| `{name}` | {target} |")
    return "\n".join(lines) + "\n"


def all_pages() -> dict[str, str]:
    """Every API page by file stem: ``coworkreg_core`` first, then each module."""
    pages = {"coworkreg_core": front_door_page()}
    for name in documented_modules():
        if name != HOOKS_MODULE:
            pages[name] = module_page(name)
    return pages

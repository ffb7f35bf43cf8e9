"""The public surface: what the front door offers, each name documented."""

from __future__ import annotations

import inspect
import subprocess
import sys

import coworkreg_core

EXPECTED = {
    "Actor",
    "CoworkregError",
    "Problem",
    "Problems",
    "Provider",
    "Registry",
    "RuleSet",
    "Text",
    "TownPack",
    "Towns",
    "Verdict",
    "evaluate",
    "get_plugin_manager",
    "hookimpl",
    "load_ruleset",
    "open_storage",
    "validate_provider",
}


def test_the_front_door_exports_exactly_the_public_names():
    """Adding or removing a public name is a decision, so it shows up here."""
    assert set(coworkreg_core.__all__) == EXPECTED


def test_every_public_name_resolves_and_has_a_docstring():
    """Each name in ``__all__`` can be imported and says what it is."""
    for name in coworkreg_core.__all__:
        value = getattr(coworkreg_core, name)
        if name == "hookimpl":
            continue  # a pluggy marker instance, documented in hookspecs
        assert inspect.getdoc(value), f"{name} has no docstring"


def test_importing_the_package_does_not_load_the_heavy_parts():
    """Validation alone loads neither WeasyPrint, psycopg, CEL nor the registry."""
    code = (
        "import sys, coworkreg_core; "
        "print(sorted(m for m in ('weasyprint', 'psycopg', 'cel', 'coworkreg_core.registry') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

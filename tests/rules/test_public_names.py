"""The rules package's public names are documented, and the front door re-exports the main ones."""

from __future__ import annotations

import inspect

import pytest

import coworkreg_core
from coworkreg_core import rules


@pytest.mark.parametrize("name", rules.__all__)
def test_every_public_name_has_a_docstring(name: str) -> None:
    """A name in ``coworkreg_core.rules.__all__`` says what it is."""
    value = getattr(rules, name)
    if inspect.isclass(value) or inspect.isfunction(value):
        assert inspect.getdoc(value), name


@pytest.mark.parametrize("name", ["evaluate", "load_ruleset", "RuleSet", "Verdict"])
def test_the_package_root_re_exports_the_rules_entry_points(name: str) -> None:
    """An embedder needs only ``import coworkreg_core`` to judge a provider."""
    assert name in coworkreg_core.__all__
    assert getattr(coworkreg_core, name) is getattr(rules, name)

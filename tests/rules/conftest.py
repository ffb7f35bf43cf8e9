"""Fixtures for the rule tests: the installed rule sets, the example providers, scratch packs."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from coworkreg_core import TownPack, Towns, get_plugin_manager
from coworkreg_core.rules import RuleSet, load_ruleset

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "providers" / "valid"


@pytest.fixture(scope="session")
def seregno() -> RuleSet:
    """Seregno's rule set, loaded once from its installed pack."""
    return load_ruleset("seregno")


@pytest.fixture(scope="session")
def desio() -> RuleSet:
    """Desio's rule set, which extends Seregno's."""
    return load_ruleset("desio")


@pytest.fixture(scope="session")
def providers() -> dict[str, dict[str, Any]]:
    """The example providers by file stem, e.g. ``01-studio-brianza-freelancer``."""
    return {path.stem: json.loads(path.read_text()) for path in sorted(EXAMPLES.glob("*.json"))}


PackMaker = Callable[..., Towns]


@pytest.fixture
def make_towns(tmp_path: Path) -> PackMaker:
    """Write scratch town packs and return them beside the installed ones.

    ``make_towns(alpha="<rules.yaml text>", beta=...)`` makes one pack per
    keyword, each with a ``town.yaml`` and the given ``rules.yaml``.
    """

    def make(**rules: str) -> Towns:
        installed = Towns.from_plugins(get_plugin_manager()).as_mapping()
        packs = [pack for town, pack in installed.items() if town not in rules]
        for index, (town, text) in enumerate(rules.items()):
            root = tmp_path / town
            root.mkdir()
            (root / "town.yaml").write_text(
                f"id: {town}\nname: Comune di {town}\nistat_code: '9990{index:02d}'\n"
            )
            (root / "rules.yaml").write_text(textwrap.dedent(text))
            packs.append(TownPack.from_directory(root))
        return Towns(packs)

    return make

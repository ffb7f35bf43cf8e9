"""coworkreg: a town's public, official list of coworking providers.

The front door re-exports the names an embedding application needs; the
subpackages hold the rest. ``Registry``, ``Actor`` and ``open_storage`` are
imported on first use: they bring in the workflow engine, storage and
documents, which an application that only validates providers never needs.
"""

from typing import TYPE_CHECKING, Any

from coworkreg_core.errors import CoworkregError
from coworkreg_core.hookspecs import hookimpl
from coworkreg_core.i18n import Text
from coworkreg_core.model import Provider
from coworkreg_core.plugins import get_plugin_manager
from coworkreg_core.problems import Problem, Problems
from coworkreg_core.rules import RuleSet, Verdict, evaluate, load_ruleset
from coworkreg_core.towns import TownPack, Towns
from coworkreg_core.validation import validate_provider

if TYPE_CHECKING:
    from coworkreg_core.registry import Registry
    from coworkreg_core.storage import open_storage
    from coworkreg_core.workflow import Actor

__all__ = [
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
]

_LAZY = {
    "Actor": "coworkreg_core.workflow",
    "Registry": "coworkreg_core.registry",
    "open_storage": "coworkreg_core.storage",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'coworkreg_core' has no attribute {name!r}")

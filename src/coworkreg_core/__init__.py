"""coworkreg: a town's public, official list of coworking providers.

The front door re-exports the names an embedding application needs; the
subpackages hold the rest.
"""

from coworkreg_core.errors import CoworkregError
from coworkreg_core.hookspecs import hookimpl
from coworkreg_core.i18n import Text
from coworkreg_core.model import Provider
from coworkreg_core.plugins import get_plugin_manager
from coworkreg_core.problems import Problem, Problems
from coworkreg_core.rules import RuleSet, Verdict, evaluate, load_ruleset
from coworkreg_core.towns import TownPack, Towns
from coworkreg_core.validation import validate_provider

__all__ = [
    "CoworkregError",
    "Problem",
    "Problems",
    "Provider",
    "RuleSet",
    "Text",
    "TownPack",
    "Towns",
    "Verdict",
    "evaluate",
    "get_plugin_manager",
    "hookimpl",
    "load_ruleset",
    "validate_provider",
]

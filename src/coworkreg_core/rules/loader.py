"""Loading a town's rule set: find its file, follow ``extends``, merge, compile.

Every mistake a person can make in a rule file is caught at load, with the
file and line: bad YAML and keys the schema does not know
(:mod:`.rulefile`); an ``extends`` that loops, names a town not installed or
a version that is not there (here); a reference to no legal source, a
condition that does not compile or names an unknown field, parameter or
function, a message placeholder with nothing to fill it (:mod:`.merge`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from coworkreg_core.errors import RulesetError, TownNotFound, TownPackError
from coworkreg_core.plugins import get_plugin_manager
from coworkreg_core.rules.functions import rule_functions
from coworkreg_core.rules.merge import merge
from coworkreg_core.rules.rulefile import RuleFile, read_rules_file
from coworkreg_core.rules.ruleset import RuleSet
from coworkreg_core.towns import Towns

if TYPE_CHECKING:
    import pluggy

RULES_FILE = "rules.yaml"


def version_matches(wanted: str, actual: str) -> bool:
    """``"1"`` accepts 1.x.y, ``"1.2"`` accepts 1.2.y, ``"1.2.3"`` only itself."""
    want = wanted.split(".")
    return actual.split(".")[: len(want)] == want


def _load_chain(town: str | Path, towns: Towns) -> list[RuleFile]:
    """The town's rule file, then the one it extends, and so on."""
    layers: list[RuleFile] = []
    current, asked_by = town, None
    while True:
        try:
            resource = towns.resource(current, RULES_FILE)
        except (TownNotFound, TownPackError) as exc:
            if asked_by is None:
                raise
            raise asked_by.error(f"extends: {exc}", "/extends/town") from None
        if resource is None:
            reason = f"town {current!r} has no {RULES_FILE} in its pack or the packs it extends"
            if asked_by is None:
                raise RulesetError(reason)
            raise asked_by.error(f"extends: {reason}", "/extends/town")
        layer = read_rules_file(resource.read_text(encoding="utf-8"), str(resource))
        if asked_by is not None:
            wanted = asked_by.data["extends"]["version"]
            if not version_matches(wanted, layer.version):
                raise asked_by.error(
                    f"extends {current!r} version {wanted}, "
                    f"but its rules are version {layer.version}",
                    "/extends/version",
                )
        if any(seen.town == layer.town for seen in layers):
            cycle = " -> ".join([*(seen.town for seen in layers), layer.town])
            raise layers[-1].error(f"cycle in extends: {cycle}", "/extends/town")
        layers.append(layer)
        extends = layer.data.get("extends")
        if extends is None:
            return layers
        current, asked_by = extends["town"], layer


def load_ruleset(
    town: str | Path,
    *,
    pm: pluggy.PluginManager | None = None,
    towns: Towns | None = None,
    functions: Mapping[str, Callable[..., object]] | None = None,
) -> RuleSet:
    """Load, merge and compile the rules of ``town`` (an id, or a pack directory).

    :param pm: the plugin manager for town packs and rule functions; a fresh
        one by default.
    :param towns: the town packs, when already at hand.
    :param functions: the rule functions, when already at hand.
    """
    if towns is None or functions is None:
        if pm is None:
            pm = get_plugin_manager()
        towns = towns if towns is not None else Towns.from_plugins(pm)
        functions = functions if functions is not None else rule_functions(pm)
    layers = _load_chain(town, towns)
    pack = towns.get(town)
    town_data = {"id": pack.id, "name": pack.name, "istat_code": pack.istat_code}
    return merge(layers, town_data, functions)

"""The plugin manager: one per registry, never a global.

Plugins are discovered through the ``coworkreg`` entry-point group; the
library's own defaults are registered after them, like any other plugin, with
``trylast`` implementations so an installed plugin wins. Hook implementations
that match no spec are rejected, so a misspelt hook fails loudly.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable

import pluggy

from coworkreg_core import hookspecs
from coworkreg_core.errors import PluginError

ENTRY_POINT_GROUP = "coworkreg"
BLOCK_ENV = "COWORKREG_DISABLE_PLUGINS"
"""Comma-separated plugin names to block, like ``-p no:name`` in pytest."""

DEFAULT_PLUGINS: tuple[str, ...] = (
    "coworkreg_core.default_plugins.sqlite_storage",
    "coworkreg_core.channels.maildir",
)
"""Modules of the library registered as plugins on every manager, under their module names."""


def get_plugin_manager(
    *,
    load_entrypoints: bool = True,
    blocked: Iterable[str] = (),
    plugins: Iterable[object] = (),
) -> pluggy.PluginManager:
    """A fresh manager with the hook specs, installed plugins and defaults.

    :param load_entrypoints: load plugins from the ``coworkreg`` entry points.
    :param blocked: plugin names never to register (added to ``$COWORKREG_DISABLE_PLUGINS``).
    :param plugins: extra plugin objects or modules to register, e.g. in tests;
        registered last, so their implementations run before the installed ones.
    :raise PluginError: an implementation names no hook, or takes an argument
        its hook does not have.
    """
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    from_env = [n.strip() for n in os.environ.get(BLOCK_ENV, "").split(",") if n.strip()]
    for name in [*blocked, *from_env]:
        pm.set_blocked(name)
    try:
        if load_entrypoints:
            pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
        for module_name in DEFAULT_PLUGINS:
            if not pm.is_blocked(module_name) and pm.get_plugin(module_name) is None:
                pm.register(importlib.import_module(module_name), name=module_name)
        for plugin in plugins:
            pm.register(plugin)
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(str(exc)) from exc
    except ImportError as exc:
        raise PluginError(f"a plugin could not be imported: {exc}") from exc
    return pm

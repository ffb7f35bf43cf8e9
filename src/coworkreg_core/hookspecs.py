"""The hooks a plugin may implement (pluggy project ``coworkreg``).

Every hook is prefixed ``coworkreg_``; a plugin implements any subset, with
any subset of the arguments, and marks each implementation with
:data:`coworkreg_core.hookimpl`. Plugins are found through the entry-point
group ``coworkreg``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from coworkreg_core.towns import TownPack

PROJECT = "coworkreg"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def coworkreg_towns() -> Sequence[TownPack]:
    """Town packs this plugin provides.

    :return: the packs, usually one, built with
        :meth:`coworkreg_core.towns.TownPack.from_directory` over package data.
    """
    raise NotImplementedError


@hookspec
def coworkreg_rule_functions() -> Mapping[str, Callable[..., object]]:
    """Named functions that rule conditions may call.

    A function receives plain data (numbers, strings, lists, mappings) and
    returns plain data; it must be pure. Names are global across plugins, and
    two plugins offering the same name is an error.

    :return: a mapping from function name to function.
    """
    raise NotImplementedError

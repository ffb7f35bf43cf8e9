"""The hooks a plugin may implement (pluggy project ``coworkreg``).

Every hook is prefixed ``coworkreg_``; a plugin implements any subset, with
any subset of the arguments, and marks each implementation with
:data:`coworkreg_core.hookimpl`. Plugins are found through the entry-point
group ``coworkreg``; the library's own defaults are plugins too, registered
last with ``trylast`` implementations, so an installed plugin always wins.

Hooks that collect (towns, rule functions, channels, renderers, commands) call
every implementation; ``coworkreg_storage`` stops at the first answer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pluggy
from attrs import frozen

if TYPE_CHECKING:
    import click

    from coworkreg_core.notify import Channel
    from coworkreg_core.render import Renderer
    from coworkreg_core.storage.base import Storage
    from coworkreg_core.storage.records import Application, HistoryEntry
    from coworkreg_core.towns import TownPack

PROJECT = "coworkreg"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@frozen
class TransitionEvent:
    """What ``coworkreg_after_transition`` receives: a transition that was committed.

    ``application`` is the record as stored after the transition; ``entry``
    the history entry written with it; ``previous_state`` where it came from.
    """

    application: Application
    entry: HistoryEntry
    transition: str
    previous_state: str


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


@hookspec(firstresult=True)
def coworkreg_storage(url: str, config: Mapping[str, Any]) -> Storage | None:
    """The storage back end for ``url``, if this plugin understands its scheme.

    Stops at the first result that is not ``None``. The core's SQLite back
    end answers ``sqlite:`` URLs last, so a plugin may take them over.

    :param url: where the data lives, e.g. ``sqlite:///register.db`` or
        ``postgresql://user@host/db``.
    :param config: the embedding application's settings (a clock under
        ``"clock"``, pool sizes ...); unknown keys are ignored.
    :return: an open :class:`~coworkreg_core.storage.base.Storage`, or
        ``None`` when the scheme is not this plugin's.
    :raise StorageUnavailable: the scheme is this plugin's but the database
        cannot be reached.
    """
    raise NotImplementedError


@hookspec
def coworkreg_notification_channels(config: Mapping[str, Any]) -> Sequence[Channel]:
    """Notification channels this plugin offers, built from ``config``.

    The host sends through each channel on its own, so a failing channel
    never stops the others; two channels with one name are an error.

    :param config: the embedding application's settings.
    :return: the channels (:class:`coworkreg_core.notify.Channel`), possibly none.
    """
    raise NotImplementedError


@hookspec
def coworkreg_document_renderers(config: Mapping[str, Any]) -> Sequence[Renderer]:
    """Document renderers this plugin offers, each for one media type.

    :param config: the embedding application's settings.
    :return: the renderers (:class:`coworkreg_core.render.Renderer`), possibly none.
    """
    raise NotImplementedError


@hookspec
def coworkreg_after_transition(event: TransitionEvent) -> None:
    """Called after a transition has been committed, for integrations and audit.

    The data is already stored and the effects queued in the outbox, so an
    implementation must not expect to change them; an error it raises is the
    host's to log, never a reason to undo the transition.

    :param event: the committed transition.
    """
    raise NotImplementedError


@hookspec
def coworkreg_commands(cli: click.Group) -> None:
    """Add subcommands to the ``coworkreg`` command line.

    :param cli: the top-level group; call ``cli.add_command(...)``.
    """
    raise NotImplementedError

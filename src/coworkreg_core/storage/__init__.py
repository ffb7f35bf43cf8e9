"""Where the register keeps its data: one contract, several back ends.

:func:`open_storage` asks the plugins for the back end that understands a
URL: the core answers ``sqlite:``; ``coworkreg-postgres`` answers
``postgresql:``. :mod:`coworkreg_core.storage.base` states the contract,
:mod:`coworkreg_core.storage.records` the values it stores.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from coworkreg_core.errors import UnsupportedStorageURL
from coworkreg_core.storage.base import Reader, Storage, Transaction
from coworkreg_core.storage.records import (
    Application,
    HistoryEntry,
    Listing,
    OutboxItem,
    ProtocolEntry,
    StoredDocument,
)
from coworkreg_core.storage.url import redacted

if TYPE_CHECKING:
    import pluggy

__all__ = [
    "Application",
    "HistoryEntry",
    "Listing",
    "OutboxItem",
    "ProtocolEntry",
    "Reader",
    "Storage",
    "StoredDocument",
    "Transaction",
    "open_storage",
]


def open_storage(
    url: str,
    *,
    pm: pluggy.PluginManager | None = None,
    config: Mapping[str, Any] | None = None,
) -> Storage:
    """Open the storage at ``url`` with the first plugin that understands it.

    :param url: ``sqlite:///register.db``, ``postgresql://user@host/db`` ...
    :param pm: the plugin manager to ask; a fresh one by default.
    :param config: settings passed to the back end (e.g. ``{"clock": fn}``).
    :raise UnsupportedStorageURL: no registered plugin understands the URL.
    :raise StorageUnavailable: the back end cannot reach the database.
    :raise StorageTooNew: a newer library version made the database.
    """
    if pm is None:
        from coworkreg_core.plugins import get_plugin_manager

        pm = get_plugin_manager()
    storage: Storage | None = pm.hook.coworkreg_storage(url=url, config=config or {})
    if storage is None:
        names = sorted(name for name, _ in pm.list_name_plugin())
        raise UnsupportedStorageURL(redacted(url), names)
    return storage

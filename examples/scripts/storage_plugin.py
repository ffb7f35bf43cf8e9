"""Writing a storage plugin: a back end chosen by URL.

``coworkreg_storage(url, config)`` is asked for a back end by URL and the
first plugin that answers wins. This plugin answers ``scratch:`` with a
throw-away database in memory, built on the core's SQLite back end; a back end
of your own implements :class:`coworkreg_core.storage.Storage` and proves it
with the shared tests in ``coworkreg_core.storage.contract``. Run:
``python examples/scripts/storage_plugin.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from coworkreg_core import get_plugin_manager, hookimpl
from coworkreg_core.errors import UnsupportedStorageURL
from coworkreg_core.storage import open_storage
from coworkreg_core.storage.sqlite import SQLiteStorage


# [plugin]
class ScratchStorage:
    """Answers ``scratch:`` URLs with an empty register in memory."""

    @hookimpl
    def coworkreg_storage(self, url: str, config: Mapping[str, Any]) -> SQLiteStorage | None:
        if url != "scratch:":
            return None  # not ours: the next plugin is asked
        clock = config.get("clock", lambda: datetime.now(UTC))
        return SQLiteStorage(":memory:", clock=clock)


# [plugin-end]


def main() -> int:
    """Open a scratch register, take a protocol number, return it."""
    # [use]
    pm = get_plugin_manager(load_entrypoints=False, plugins=[ScratchStorage()])
    fixed = {"clock": lambda: datetime(2026, 3, 2, 9, 30, tzinfo=UTC)}
    with open_storage("scratch:", pm=pm, config=fixed) as storage:
        with storage.transaction() as tx:
            entry = tx.register_protocol(
                direction="in",
                correspondent="Studio Brianza di Luca Bernasconi",
                subject="Domanda di iscrizione all'elenco dei fornitori di coworking",
            )
        print(f"protocol number {entry.number:07d} of {entry.year}")
        print("entries in the register:", len(storage.protocol_entries(2026)))
    # [use-end]
    try:
        open_storage("mongodb://localhost/register", pm=pm)
    except UnsupportedStorageURL as error:
        print(f"no plugin for that URL: {error}")
    return entry.number


if __name__ == "__main__":
    assert main() == 1  # numbers restart at 1 each year (DPR 445/2000 art. 57)

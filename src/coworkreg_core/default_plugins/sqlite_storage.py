"""SQLite as the storage for ``sqlite:`` URLs, unless an installed plugin claims them first."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from coworkreg_core.errors import StorageError
from coworkreg_core.hookspecs import hookimpl
from coworkreg_core.storage.sql import utc_now
from coworkreg_core.storage.sqlite import SQLiteStorage, Synchronous
from coworkreg_core.storage.url import options_of, scheme_of, sqlite_path

OPTIONS = ("synchronous", "busy_timeout")
"""Query parameters a ``sqlite:`` URL may carry."""


@hookimpl(trylast=True)
def coworkreg_storage(url: str, config: Mapping[str, Any]) -> SQLiteStorage | None:
    """Open ``sqlite:///path`` (``?synchronous=normal``, ``?busy_timeout=seconds``)."""
    if scheme_of(url) != "sqlite" or urlsplit(url).netloc:
        return None
    options = options_of(url)
    unknown = sorted(set(options) - set(OPTIONS))
    if unknown:
        raise StorageError(
            f"unknown option(s) {', '.join(unknown)} in {url!r}; known: {', '.join(OPTIONS)}"
        )
    requested = options.get("synchronous", "full").lower()
    if requested not in ("full", "normal"):
        raise StorageError(f"synchronous must be full or normal, not {requested!r}")
    synchronous: Synchronous = "NORMAL" if requested == "normal" else "FULL"
    return SQLiteStorage(
        sqlite_path(url),
        synchronous=synchronous,
        busy_timeout=float(options.get("busy_timeout", "30")),
        clock=config.get("clock", utc_now),
    )

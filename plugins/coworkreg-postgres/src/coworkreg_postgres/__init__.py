"""PostgreSQL storage for coworkreg, registered through the ``coworkreg`` entry point.

It answers ``postgresql://`` (and ``postgres://``) URLs; see
:class:`coworkreg_postgres.storage.PostgresStorage` for the options.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from coworkreg_core import hookimpl
from coworkreg_core.storage.sql import utc_now
from coworkreg_core.storage.url import scheme_of

if TYPE_CHECKING:
    from coworkreg_postgres.storage import PostgresStorage

__all__ = ["PostgresStorage", "coworkreg_storage"]

SCHEMES = ("postgresql", "postgres")


@hookimpl
def coworkreg_storage(url: str, config: Mapping[str, Any]) -> PostgresStorage | None:
    """Open a ``postgresql://`` URL; leave every other scheme to other plugins."""
    if scheme_of(url) not in SCHEMES:
        return None
    # psycopg is imported only when a PostgreSQL URL is opened: every command
    # loads this plugin, and most of them never talk to PostgreSQL.
    from coworkreg_postgres.storage import PostgresStorage

    return PostgresStorage(url, clock=config.get("clock", utc_now))


def __getattr__(name: str) -> object:
    if name == "PostgresStorage":
        from coworkreg_postgres.storage import PostgresStorage

        return PostgresStorage
    raise AttributeError(name)

"""Help for tests: a schema of their own on a shared server, dropped afterwards."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlencode

import psycopg
from psycopg import sql

from coworkreg_core.storage.url import options_of, without_options


@contextmanager
def throwaway_schema(server_url: str) -> Iterator[str]:
    """Yield ``server_url`` pointed at a new, empty schema; drop the schema on exit.

    :raise ConnectionError: the server cannot be reached.
    """
    name = f"coworkreg_test_{uuid.uuid4().hex[:12]}"
    conninfo = without_options(server_url)
    try:
        connection = psycopg.connect(conninfo, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        raise ConnectionError(str(exc)) from exc
    with connection:
        connection.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(name)))
        try:
            yield f"{conninfo}?{urlencode({**options_of(server_url), 'schema': name})}"
        finally:
            connection.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(name)))

"""The storage contract on PostgreSQL, through psycopg 3 and a connection pool.

The URL is a libpq one plus two options of ours, taken off before connecting:
``schema`` (default ``coworkreg``), where the tables live, so several
registers or test runs can share a database; ``pool_size`` (default 5).

Writes run in READ COMMITTED transactions. An optimistic save is one
``UPDATE ... WHERE version = ?``: a second writer waits on the row lock, then
finds the version moved and gets ``ConflictError``. Protocol numbers come
from a counter row per year, updated in the transaction that uses the number,
so the row lock hands numbers out one transaction at a time and a rollback
gives the number back. Durability is the server's: with the default
``synchronous_commit=on`` a commit is on disk when it returns.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date, datetime
from importlib.resources import files
from typing import Any

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool, PoolTimeout

from coworkreg_core.errors import StorageError, StorageTooNew, StorageUnavailable
from coworkreg_core.storage.migrations import Migration, load_migrations
from coworkreg_core.storage.records import JSONDocument
from coworkreg_core.storage.sql import Clock, Dialect, SQLTransaction, utc_now
from coworkreg_core.storage.sqlbase import SQLStorage
from coworkreg_core.storage.url import options_of, redacted, without_options

DEFAULT_SCHEMA = "coworkreg"
OPTIONS = ("schema", "pool_size")
"""Query parameters of ours; the rest of the URL goes to libpq."""
VERSION_TABLE = sql.Identifier("coworkreg_schema_version")

_SELECT_VERSION = sql.SQL("SELECT max(version) FROM {}").format(VERSION_TABLE)


def postgres_migrations() -> list[Migration]:
    """This back end's migrations."""
    return load_migrations(files("coworkreg_postgres") / "migrations")


@functools.cache
def _placeholders(statement: str) -> str:
    return statement.replace("?", "%s")


class PostgresDialect(Dialect):
    """``%s`` placeholders; JSON as jsonb; times and dates as themselves; row locks."""

    lock_for_update = " FOR UPDATE SKIP LOCKED"
    integrity_errors = (psycopg.errors.UniqueViolation,)

    def statement(self, sql: str) -> str:
        """The statement with ``%s`` placeholders."""
        return _placeholders(sql)

    def json(self, doc: JSONDocument | None) -> object:
        """A JSON document as jsonb."""
        return None if doc is None else Jsonb(doc)

    def time(self, moment: datetime) -> object:
        """An aware datetime, as psycopg sends it (timestamptz)."""
        return moment

    def day(self, day: date | None) -> object:
        """A date, as psycopg sends it."""
        return day


class PostgresStorage(SQLStorage):
    """Storage in a PostgreSQL schema, shared by every process that opens the same URL."""

    def __init__(
        self,
        url: str,
        *,
        clock: Clock = utc_now,
        connect_timeout: float = 5.0,
        migrations: list[Migration] | None = None,
    ) -> None:
        """Connect, create the schema if needed and apply the missing migrations.

        :param url: ``postgresql://user@host:port/db?schema=name&pool_size=5``.
        :param clock: where times and the protocol year come from.
        :param connect_timeout: seconds to wait for the server.
        :param migrations: the schema steps; the shipped ones by default.
        :raise StorageUnavailable: the server cannot be reached.
        :raise StorageTooNew: a newer library version made the schema.
        """
        options = options_of(url)
        unknown = sorted(set(options) - set(OPTIONS))
        if unknown:
            raise StorageError(
                f"unknown option(s) {', '.join(unknown)} in {redacted(url)!r}; "
                f"known: {', '.join(OPTIONS)}"
            )
        self.url = redacted(url)
        self.schema = options.get("schema", DEFAULT_SCHEMA)
        self._clock = clock
        self._dialect = PostgresDialect()
        self._conninfo = without_options(url)
        self._connect_timeout = connect_timeout
        self._migrate(postgres_migrations() if migrations is None else migrations)
        self._pool = ConnectionPool(
            self._conninfo,
            min_size=1,
            max_size=int(options.get("pool_size", "5")),
            kwargs={"autocommit": True, "connect_timeout": int(connect_timeout)},
            configure=self._configure,
            timeout=connect_timeout,
            open=False,
        )
        try:
            self._pool.open(wait=True, timeout=connect_timeout)
        except PoolTimeout as exc:
            self._pool.close()
            raise StorageUnavailable(f"cannot reach {self.url}: {exc}") from exc

    def _configure(self, connection: psycopg.Connection[tuple[Any, ...]]) -> None:
        connection.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(self.schema)))

    def _connect(self) -> psycopg.Connection[tuple[Any, ...]]:
        try:
            return psycopg.connect(
                self._conninfo, autocommit=True, connect_timeout=int(self._connect_timeout)
            )
        except psycopg.OperationalError as exc:
            raise StorageUnavailable(f"cannot reach {self.url}: {exc}") from exc

    def _migrate(self, migrations: list[Migration]) -> None:
        latest = migrations[-1].version if migrations else 0
        schema = sql.Identifier(self.schema)
        with self._connect() as connection, connection.transaction():
            # One migrator per schema at a time; the lock ends with the transaction.
            connection.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [self.schema])
            connection.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(schema))
            connection.execute(sql.SQL("SET LOCAL search_path TO {}").format(schema))
            connection.execute(
                sql.SQL("CREATE TABLE IF NOT EXISTS {} (version integer)").format(VERSION_TABLE)
            )
            row = connection.execute(_SELECT_VERSION).fetchone()
            found = 0 if row is None or row[0] is None else int(row[0])
            if found > latest:
                raise StorageTooNew(found, latest)
            for migration in migrations:
                if migration.version > found:
                    connection.execute(migration.sql.encode())
                    connection.execute(
                        sql.SQL("INSERT INTO {} (version) VALUES (%s)").format(VERSION_TABLE),
                        [migration.version],
                    )

    @property
    def schema_version(self) -> int:
        """The schema version of the database."""
        with self._pool.connection() as connection:
            row = connection.execute(_SELECT_VERSION).fetchone()
        return 0 if row is None or row[0] is None else int(row[0])

    @contextmanager
    def _session(self, write: bool) -> Iterator[SQLTransaction]:
        try:
            with self._pool.connection() as connection:
                if write:
                    with connection.transaction():
                        yield SQLTransaction(connection, self._dialect, self._clock)
                else:
                    # Every read is one statement, consistent on its own.
                    yield SQLTransaction(connection, self._dialect, self._clock)
        except (psycopg.OperationalError, PoolTimeout) as exc:
            raise StorageUnavailable(f"lost {self.url}: {exc}") from exc

    def transaction(self) -> AbstractContextManager[SQLTransaction]:
        """A write transaction: all of it commits, or none."""
        return self._session(write=True)

    def _snapshot(self) -> AbstractContextManager[SQLTransaction]:
        return self._session(write=False)

    def close(self) -> None:
        """Close every pooled connection."""
        self._pool.close()

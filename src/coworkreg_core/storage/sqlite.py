"""The embedded default back end: one SQLite file, through the standard library.

The database runs in WAL mode (readers never block the writer), with foreign
keys on and a busy timeout so concurrent processes wait for the write lock
instead of failing. Every write transaction starts with ``BEGIN IMMEDIATE``:
it takes the write lock first, so two writers serialise at the start rather
than deadlock on upgrade.

Durability defaults to ``synchronous=FULL``: each commit is on disk before
it returns. A register issues protocol numbers and receipts; with ``NORMAL``
a power cut could forget a transaction whose receipt already left, leaving
a gap or a reused number (DPR 445/2000 art. 57). FULL costs a disk sync per
commit, thousands per second on an ordinary disk, far above what a town's
office produces. ``?synchronous=normal`` trades that guarantee for speed
where the caller accepts it (an application crash loses nothing either way).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Literal

from coworkreg_core.errors import StorageError, StorageTooNew, StorageUnavailable
from coworkreg_core.storage.migrations import Migration, split_statements, sqlite_migrations
from coworkreg_core.storage.sql import Clock, Dialect, SQLTransaction, utc_now
from coworkreg_core.storage.sqlbase import SQLStorage
from coworkreg_core.storage.url import MEMORY

Synchronous = Literal["FULL", "NORMAL"]


class SQLiteDialect(Dialect):
    """SQLite takes the defaults: ``?`` placeholders, JSON and times as text."""

    integrity_errors = (sqlite3.IntegrityError,)


class SQLiteStorage(SQLStorage):
    """Storage in one SQLite database file (or in memory, for tests and demos)."""

    def __init__(
        self,
        path: str,
        *,
        synchronous: Synchronous = "FULL",
        busy_timeout: float = 30.0,
        clock: Clock = utc_now,
        migrations: list[Migration] | None = None,
    ) -> None:
        """Open (creating if needed) and migrate the database at ``path``.

        :param path: a file path, or ``:memory:``.
        :param synchronous: ``FULL`` (default, durable at commit) or ``NORMAL``.
        :param busy_timeout: seconds to wait for another writer's lock.
        :param clock: where times and the protocol year come from.
        :param migrations: the schema steps; the shipped ones by default.
        :raise StorageUnavailable: the file cannot be opened or is not a database.
        :raise StorageTooNew: a newer library version made the database.
        """
        if synchronous not in ("FULL", "NORMAL"):
            raise StorageError(f"synchronous must be FULL or NORMAL, not {synchronous!r}")
        self.path = path
        self.url = f"sqlite:///{path}"
        self.synchronous = synchronous
        self._clock = clock
        self._dialect = SQLiteDialect()
        self._lock = threading.RLock()
        self._in_transaction = False
        try:
            self._connection = sqlite3.connect(
                path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StorageUnavailable(f"cannot open SQLite database {path!r}: {exc}") from exc
        try:
            self._configure(busy_timeout)
            self._migrate(sqlite_migrations() if migrations is None else migrations)
        except BaseException:
            self._connection.close()
            raise

    def _configure(self, busy_timeout: float) -> None:
        run = self._connection.execute
        try:
            if self.path != MEMORY:
                run("PRAGMA journal_mode = WAL")
            run("PRAGMA foreign_keys = ON")
            run(f"PRAGMA synchronous = {self.synchronous}")
            run(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        except sqlite3.DatabaseError as exc:
            raise StorageUnavailable(
                f"{self.path!r} is not a usable SQLite database: {exc}"
            ) from exc

    def _migrate(self, migrations: list[Migration]) -> None:
        latest = migrations[-1].version if migrations else 0
        run = self._connection.execute
        # Under the write lock, so two processes opening a new file at once
        # apply the steps once.
        run("BEGIN IMMEDIATE")
        try:
            found: int = run("PRAGMA user_version").fetchone()[0]
            if found > latest:
                raise StorageTooNew(found, latest)
            for migration in migrations:
                if migration.version > found:
                    for statement in split_statements(migration.sql):
                        run(statement)
            if latest > found:
                run(f"PRAGMA user_version = {latest}")
        except BaseException:
            run("ROLLBACK")
            raise
        run("COMMIT")

    @property
    def schema_version(self) -> int:
        """The schema version of the open database."""
        with self._lock:
            version: int = self._connection.execute("PRAGMA user_version").fetchone()[0]
            return version

    @contextmanager
    def _begin(self, statement: str) -> Iterator[SQLTransaction]:
        with self._lock:
            if self._in_transaction:
                raise StorageError("transactions do not nest; use the open one")
            try:
                self._connection.execute(statement)
            except sqlite3.OperationalError as exc:
                raise StorageUnavailable(f"SQLite database {self.path!r} is busy: {exc}") from exc
            self._in_transaction = True
            try:
                yield SQLTransaction(self._connection, self._dialect, self._clock)
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            else:
                self._connection.execute("COMMIT")
            finally:
                self._in_transaction = False

    def transaction(self) -> AbstractContextManager[SQLTransaction]:
        """A write transaction (``BEGIN IMMEDIATE``): all of it commits, or none."""
        return self._begin("BEGIN IMMEDIATE")

    def _snapshot(self) -> AbstractContextManager[SQLTransaction]:
        return self._begin("BEGIN")

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._connection.close()

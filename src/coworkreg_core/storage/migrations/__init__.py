"""Versioned, forward-only schema migrations, shipped as numbered SQL files.

A back end keeps its files in a folder of package data, named
``NNNN_what.sql``; the number is the schema version the file brings the
database to. Opening a database applies the missing ones in order, in one
transaction; a database already at a higher version than the newest file was
written by a newer library and is refused (``StorageTooNew``).
"""

from __future__ import annotations

import sqlite3
from importlib.resources import files
from importlib.resources.abc import Traversable

from attrs import frozen

from coworkreg_core.errors import StorageError


@frozen
class Migration:
    """One step: the version it brings the schema to, and its SQL."""

    version: int
    name: str
    sql: str


def load_migrations(folder: Traversable) -> list[Migration]:
    """The migrations in ``folder``, by version; numbering must run 1, 2, 3 ... without gaps."""
    found = sorted(
        (int(entry.name.split("_", 1)[0]), entry)
        for entry in folder.iterdir()
        if entry.name.endswith(".sql") and entry.name[:4].isdigit()
    )
    migrations = [
        Migration(version, entry.name, entry.read_text(encoding="utf-8"))
        for version, entry in found
    ]
    numbers = [m.version for m in migrations]
    if numbers != list(range(1, len(numbers) + 1)):
        raise StorageError(f"migrations in {folder} are not numbered 1..n: {numbers}")
    return migrations


def sqlite_migrations() -> list[Migration]:
    """The SQLite back end's migrations."""
    return load_migrations(files(__name__) / "sqlite")


def split_statements(script: str) -> list[str]:
    """Split a SQLite script into complete statements (trigger bodies stay whole)."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip():
                statements.append(pending.strip())
            pending = ""
    if pending.strip() and not pending.strip().startswith("--"):
        raise StorageError(f"incomplete SQL statement at the end of a migration: {pending!r}")
    return statements

"""What is particular to SQLite: opening, pragmas, migrations, URLs and database-side guards."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from coworkreg_core.errors import StorageError, StorageTooNew, StorageUnavailable
from coworkreg_core.storage import Storage, open_storage
from coworkreg_core.storage.contract import FakeClock, add, make_application
from coworkreg_core.storage.migrations import load_migrations, split_statements, sqlite_migrations
from coworkreg_core.storage.sqlite import SQLiteStorage
from coworkreg_core.storage.url import sqlite_path


def _as_storage(store: SQLiteStorage) -> Storage:
    """mypy checks here that SQLiteStorage fulfils the Storage protocol."""
    return store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "register.db"


class TestURLs:
    """``sqlite:`` URLs name a file the way SQLAlchemy's do."""

    @pytest.mark.parametrize(
        ("url", "path"),
        [
            ("sqlite:///register.db", "register.db"),
            ("sqlite:////var/lib/coworkreg/register.db", "/var/lib/coworkreg/register.db"),
            ("sqlite:///data/register.db?synchronous=normal", "data/register.db"),
            ("sqlite://", ":memory:"),
            ("sqlite:///:memory:", ":memory:"),
        ],
    )
    def test_the_path_follows_the_third_slash(self, url: str, path: str) -> None:
        """Three slashes then a relative path; a fourth makes it absolute."""
        assert sqlite_path(url) == path

    @pytest.mark.parametrize(
        ("query", "message"),
        [("synchronous=off", "synchronous"), ("journal=delete", "unknown option")],
    )
    def test_bad_options_are_refused(self, db: Path, query: str, message: str) -> None:
        """Only full/normal durability and the known options are accepted."""
        with pytest.raises(StorageError, match=message):
            open_storage(f"sqlite:///{db}?{query}")


class TestOpening:
    """Opening sets the pragmas, migrates, and refuses what it cannot use."""

    def test_wal_foreign_keys_and_full_durability_by_default(self, db: Path) -> None:
        """WAL journal, foreign keys on, synchronous FULL (2)."""
        with SQLiteStorage(str(db)) as store:
            _as_storage(store)
            run = store._connection.execute
            assert run("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert run("PRAGMA foreign_keys").fetchone()[0] == 1
            assert run("PRAGMA synchronous").fetchone()[0] == 2

    def test_normal_durability_on_request(self, db: Path) -> None:
        """``?synchronous=normal`` gives synchronous NORMAL (1)."""
        with open_storage(f"sqlite:///{db}?synchronous=normal") as store:
            assert isinstance(store, SQLiteStorage)
            assert store._connection.execute("PRAGMA synchronous").fetchone()[0] == 1

    def test_a_new_file_gets_every_migration_and_keeps_its_data(self, db: Path) -> None:
        """Schema version is the newest; reopening applies nothing twice and loses nothing."""
        with SQLiteStorage(str(db)) as store:
            assert store.schema_version == sqlite_migrations()[-1].version
            add(store, make_application())
        with SQLiteStorage(str(db)) as again:
            assert again.get_application("app-1").state == "submitted"

    def test_an_older_database_is_migrated_forward_on_open(self, db: Path) -> None:
        """A file made with the first migration only gets the rest, data intact."""
        with SQLiteStorage(str(db), migrations=sqlite_migrations()[:1]) as old:
            assert old.schema_version == 1
            add(old, make_application())
        with SQLiteStorage(str(db)) as upgraded:
            assert upgraded.schema_version == sqlite_migrations()[-1].version
            assert upgraded.get_application("app-1").state == "submitted"
            with upgraded.transaction() as tx:
                assert tx.next_number("listing/seregno/2026") == 1

    def test_a_database_from_a_newer_version_is_refused_untouched(self, db: Path) -> None:
        """StorageTooNew names both versions; the file keeps its version."""
        SQLiteStorage(str(db)).close()
        with sqlite3.connect(db) as raw:
            raw.execute("PRAGMA user_version = 99")
        with pytest.raises(StorageTooNew) as caught:
            SQLiteStorage(str(db))
        assert (caught.value.found, caught.value.supported) == (99, sqlite_migrations()[-1].version)
        with sqlite3.connect(db) as raw:
            assert raw.execute("PRAGMA user_version").fetchone()[0] == 99

    def test_a_missing_directory_is_storage_unavailable(self, tmp_path: Path) -> None:
        """A file that cannot be created gives a typed error naming it."""
        with pytest.raises(StorageUnavailable, match="nowhere"):
            SQLiteStorage(str(tmp_path / "nowhere" / "register.db"))

    def test_a_file_that_is_not_a_database_is_left_alone(self, tmp_path: Path) -> None:
        """A text file is refused, not overwritten."""
        notes = tmp_path / "notes.txt"
        notes.write_text("appunti\n" * 200)
        with pytest.raises(StorageUnavailable, match="not a usable SQLite database"):
            SQLiteStorage(str(notes))
        assert notes.read_text() == "appunti\n" * 200

    def test_a_writer_waiting_past_the_busy_timeout_gets_storage_unavailable(
        self, db: Path
    ) -> None:
        """While one connection holds the write lock, another gives up after its timeout."""
        with SQLiteStorage(str(db)) as holder, SQLiteStorage(str(db), busy_timeout=0.2) as waiter:
            with holder.transaction() as tx:
                tx.add_application(make_application())
                with pytest.raises(StorageUnavailable, match="busy"):
                    add(waiter, make_application("app-2"))
            assert [a.id for a in waiter.worklist(["submitted"])] == ["app-1"]

    def test_transactions_do_not_nest(self, db: Path) -> None:
        """Opening a transaction inside another is a programming error, said plainly."""
        with (
            SQLiteStorage(str(db)) as store,
            store.transaction(),
            pytest.raises(StorageError, match="do not nest"),
        ):
            store.get_application("x")


class TestDatabaseGuards:
    """The database itself refuses to rewrite what the law says is written once."""

    @pytest.mark.parametrize(
        "statement",
        [
            "UPDATE history SET hash = 'forged'",
            "DELETE FROM history",
            "UPDATE protocol_register SET subject = 'forged'",
            "DELETE FROM protocol_register",
        ],
    )
    def test_history_and_protocol_register_are_append_only(self, db: Path, statement: str) -> None:
        """UPDATE and DELETE raise, and the rows stay."""
        with SQLiteStorage(str(db), clock=FakeClock()) as store:
            add(store, make_application())
            with store.transaction() as tx:
                tx.append_history("app-1", {"to": "submitted"}, hash="h1", previous_hash=None)
                tx.register_protocol(direction="in", correspondent="A", subject="domanda")
        with sqlite3.connect(db) as raw, pytest.raises(sqlite3.DatabaseError, match="append-only"):
            raw.execute(statement)
        with SQLiteStorage(str(db)) as store:
            assert [e.hash for e in store.history("app-1")] == ["h1"]
            assert [e.number for e in store.protocol_entries(2026)] == [1]


class TestMigrations:
    """Migration files: numbered without gaps, split into whole statements."""

    def test_a_gap_in_the_numbering_is_an_error(self, tmp_path: Path) -> None:
        """0001 then 0003 cannot be applied in order."""
        (tmp_path / "0001_first.sql").write_text("CREATE TABLE a (x);")
        (tmp_path / "0003_third.sql").write_text("CREATE TABLE c (x);")
        with pytest.raises(StorageError, match=r"\[1, 3\]"):
            load_migrations(tmp_path)

    def test_trigger_bodies_stay_one_statement(self) -> None:
        """Semicolons inside BEGIN ... END do not split a trigger."""
        script = (
            "CREATE TABLE t (x);\n"
            "CREATE TRIGGER g BEFORE DELETE ON t\nBEGIN\n"
            "    SELECT RAISE(ABORT, 'no');\nEND;\n"
            "-- a closing comment\n"
        )
        statements = split_statements(script)
        assert len(statements) == 2
        assert statements[1].startswith("CREATE TRIGGER")
        assert statements[1].endswith("END;")

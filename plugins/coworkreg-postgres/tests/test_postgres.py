"""What is particular to PostgreSQL: opening, migrations, URLs and database-side guards."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

from coworkreg_core import get_plugin_manager
from coworkreg_core.errors import StorageError, StorageTooNew, StorageUnavailable
from coworkreg_core.storage import Storage, open_storage
from coworkreg_core.storage.contract import add, make_application
from coworkreg_core.storage.url import options_of, without_options
from coworkreg_postgres import PostgresStorage
from coworkreg_postgres.storage import postgres_migrations


def _as_storage(store: PostgresStorage) -> Storage:
    """mypy checks here that PostgresStorage fulfils the Storage protocol."""
    return store


def _raw(url: str) -> psycopg.Connection[tuple[object, ...]]:
    connection = psycopg.connect(without_options(url), autocommit=True)
    schema = sql.Identifier(options_of(url)["schema"])
    connection.execute(sql.SQL("SET search_path TO {}").format(schema))
    return connection


class TestOpening:
    """Opening a URL: found through the entry point, migrated, refused when it must be."""

    def test_the_entry_point_answers_postgresql_urls(self, pg_url: str) -> None:
        """A fresh plugin manager finds this plugin and opens the URL with it."""
        pm = get_plugin_manager()
        assert "coworkreg-postgres" in {dist.project_name for _, dist in pm.list_plugin_distinfo()}
        with open_storage(pg_url, pm=pm) as storage:
            assert isinstance(storage, PostgresStorage)

    def test_a_new_schema_is_brought_to_the_latest_version(self, storage: PostgresStorage) -> None:
        """All shipped migrations are applied on open."""
        assert _as_storage(storage) is storage
        assert storage.schema_version == postgres_migrations()[-1].version

    def test_reopening_keeps_the_data(self, pg_url: str, storage: PostgresStorage) -> None:
        """Migrations already applied are not applied again."""
        add(storage, make_application())
        with PostgresStorage(pg_url) as again:
            assert again.get_application("app-1").state == "submitted"

    def test_an_older_schema_is_migrated_forward_on_open(self, pg_url: str) -> None:
        """A schema made with the first migration only gets the rest, data intact."""
        with PostgresStorage(pg_url, migrations=postgres_migrations()[:1]) as old:
            assert old.schema_version == 1
            add(old, make_application())
        with PostgresStorage(pg_url) as upgraded:
            assert upgraded.schema_version == postgres_migrations()[-1].version
            assert upgraded.get_application("app-1").state == "submitted"
            with upgraded.transaction() as tx:
                assert tx.next_number("listing/seregno/2026") == 1

    def test_a_schema_from_a_newer_version_is_refused(
        self, pg_url: str, storage: PostgresStorage
    ) -> None:
        """StorageTooNew names the version found and the version supported."""
        with _raw(pg_url) as raw:
            raw.execute("INSERT INTO coworkreg_schema_version (version) VALUES (99)")
        with pytest.raises(StorageTooNew) as caught:
            PostgresStorage(pg_url)
        assert (caught.value.found, caught.value.supported) == (
            99,
            postgres_migrations()[-1].version,
        )

    def test_an_unreachable_server_is_storage_unavailable(self) -> None:
        """Nothing listens on port 1: a clear, typed error, no traceback from the driver."""
        with pytest.raises(StorageUnavailable, match="cannot reach"):
            PostgresStorage("postgresql://postgres@127.0.0.1:1/test", connect_timeout=2)

    def test_an_unknown_option_is_refused(self, pg_url: str) -> None:
        """A misspelt option is an error, not silently ignored."""
        with pytest.raises(StorageError, match="pool_sise"):
            PostgresStorage(pg_url + "&pool_sise=3")

    def test_the_password_never_shows_in_the_url(self) -> None:
        """The URL kept for messages hides the password."""
        with pytest.raises(StorageUnavailable) as caught:
            PostgresStorage("postgresql://user:s3cret@127.0.0.1:1/test", connect_timeout=2)
        assert "s3cret" not in str(caught.value)


class TestDatabaseGuards:
    """The database itself refuses to rewrite what the law says is written once."""

    @pytest.mark.parametrize(
        "statement",
        [
            "UPDATE history SET hash = 'forged'",
            "DELETE FROM history",
            "TRUNCATE history",
            "UPDATE protocol_register SET subject = 'forged'",
            "DELETE FROM protocol_register",
        ],
    )
    def test_history_and_protocol_register_are_append_only(
        self, pg_url: str, storage: PostgresStorage, statement: str
    ) -> None:
        """UPDATE, DELETE and TRUNCATE fail, and the rows stay."""
        add(storage, make_application())
        with storage.transaction() as tx:
            tx.append_history("app-1", {"to": "submitted"}, hash="h1", previous_hash=None)
            tx.register_protocol(direction="in", correspondent="A", subject="domanda")
        with _raw(pg_url) as raw, pytest.raises(psycopg.errors.RestrictViolation):
            raw.execute(statement)
        assert [e.hash for e in storage.history("app-1")] == ["h1"]
        assert len(storage.protocol_entries(2026)) == 1

"""A PostgreSQL schema per test, on the server named by ``$COWORKREG_TEST_PG``.

Without the variable or the server these tests skip, except under
``CI=true``, where they fail: CI must not pass by testing nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from coworkreg_core.storage.contract import FakeClock
from coworkreg_postgres import PostgresStorage
from coworkreg_postgres.testing import throwaway_schema

PG_ENV = "COWORKREG_TEST_PG"


def _unavailable(reason: str) -> None:
    message = f"PostgreSQL tests not run: {reason}; the server is named by ${PG_ENV}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def server_url() -> str:
    """The server's URL, from the environment."""
    url = os.environ.get(PG_ENV)
    if not url:
        _unavailable(f"${PG_ENV} is not set")
    assert url is not None
    return url


@pytest.fixture
def pg_url(server_url: str) -> Iterator[str]:
    """The server's URL pointed at a new schema, dropped after the test."""
    try:
        schema = throwaway_schema(server_url)
        url = schema.__enter__()
    except ConnectionError as exc:
        _unavailable(f"cannot reach the server: {exc}")
    try:
        yield url
    finally:
        schema.__exit__(None, None, None)


@pytest.fixture
def clock() -> FakeClock:
    """The time the storage reads."""
    return FakeClock()


@pytest.fixture
def storage(pg_url: str, clock: FakeClock) -> Iterator[PostgresStorage]:
    """An open, empty store in the test's schema."""
    store = PostgresStorage(pg_url, clock=clock)
    try:
        yield store
    finally:
        store.close()

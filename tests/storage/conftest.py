"""The storage under test, once per back end: SQLite always, PostgreSQL when reachable.

PostgreSQL is reached at ``$COWORKREG_TEST_PG`` in a schema of its own, made
for the test and dropped after it. Without the variable or the server the
PostgreSQL cases skip, except under ``CI=true``, where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from coworkreg_core.storage import Storage, open_storage
from coworkreg_core.storage.contract import FakeClock

PG_ENV = "COWORKREG_TEST_PG"
BACK_ENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _unavailable(reason: str) -> None:
    message = f"PostgreSQL back end not tested: {reason}; the server is named by ${PG_ENV}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(params=BACK_ENDS)
def storage_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty store of each back end."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'register.db'}"
        return
    server = os.environ.get(PG_ENV)
    if not server:
        _unavailable(f"${PG_ENV} is not set")
    try:
        from coworkreg_postgres.testing import throwaway_schema
    except ImportError:
        _unavailable("the coworkreg-postgres plugin is not installed")
    assert server is not None
    try:
        schema = throwaway_schema(server)
        url = schema.__enter__()
    except ConnectionError as exc:
        _unavailable(f"cannot reach {server}: {exc}")
    try:
        yield url
    finally:
        schema.__exit__(None, None, None)


@pytest.fixture
def storage(storage_url: str, clock: FakeClock) -> Iterator[Storage]:
    """An open, empty store reading the test's clock."""
    store = open_storage(storage_url, config={"clock": clock})
    try:
        yield store
    finally:
        store.close()

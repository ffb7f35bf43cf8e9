"""Persisted transitions per second: the Storage API against the raw driver, same run.

A transition is one transaction: the application's new state and instance
(optimistic version check), one history entry, one outbox item. The raw
baseline writes the same rows with the same durability through the bare
driver (sqlite3, psycopg), keeping what it can in memory, so the ratio is
what the contract's layer costs. Variants run round-robin, each repeat on a
fresh database, and the medians are compared.

    .venv/bin/python bench/bench_storage.py --seconds 2 --repeats 5

PostgreSQL runs when ``$COWORKREG_TEST_PG`` (or ``--pg``) names a server.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import attrs

from coworkreg_core.storage import Application, Storage, open_storage
from coworkreg_core.storage.contract import make_application

APPLICATIONS = 1000
TARGET = 0.70

PROVIDER = {
    "name": "Spazio Comune Società Cooperativa",
    "spaces": [
        {"address": f"Via Umberto I {n}, Seregno", "workstations": 12, "services": ["wifi"] * 8}
        for n in range(12)
    ],
}
"""About 2 KB of JSON, as in the anchor measurements."""

Transition = Callable[[int], None]
Variant = Callable[[], AbstractContextManager[Transition]]


def _dumps(doc: object) -> str:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def _seed(storage: Storage) -> dict[str, Application]:
    with storage.transaction() as tx:
        return {
            app.id: app
            for app in (
                tx.add_application(make_application(f"app-{n}", provider=PROVIDER))
                for n in range(APPLICATIONS)
            )
        }


def _api_steps(storage: Storage) -> Transition:
    apps = _seed(storage)
    hashes: dict[str, str | None] = dict.fromkeys(apps)

    def step(n: int) -> None:
        app_id = f"app-{n % APPLICATIONS}"
        state = f"s{n}"
        with storage.transaction() as tx:
            apps[app_id] = tx.save_application(
                attrs.evolve(apps[app_id], state=state, instance={"state": state, "n": n})
            )
            tx.append_history(
                app_id, {"to": state, "n": n}, hash=f"h{n}", previous_hash=hashes[app_id]
            )
            tx.enqueue("pec", {"to": state}, key=f"{app_id}-{n}", application_id=app_id)
        hashes[app_id] = f"h{n}"

    return step


@contextmanager
def sqlite_api(synchronous: str) -> Iterator[Transition]:
    """Transitions through the Storage API on a fresh SQLite file."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'api.db'}?synchronous={synchronous}"
        with open_storage(url) as storage:
            yield _api_steps(storage)


@contextmanager
def sqlite_raw(synchronous: str) -> Iterator[Transition]:
    """The same rows through bare sqlite3, same schema, pragmas and durability."""
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "raw.db")
        with open_storage(f"sqlite:///{path}") as storage:
            _seed(storage)
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(f"PRAGMA synchronous = {synchronous.upper()}")
        versions = dict.fromkeys((f"app-{n}" for n in range(APPLICATIONS)), 1)
        seqs = dict.fromkeys(versions, 0)
        run = connection.execute

        def step(n: int) -> None:
            app_id = f"app-{n % APPLICATIONS}"
            state = f"s{n}"
            now = time.strftime("%Y-%m-%dT%H:%M:%S.000000+00:00", time.gmtime())
            run("BEGIN IMMEDIATE")
            run(
                "UPDATE application SET state = ?, instance = ?, version = version + 1,"
                " updated_at = ? WHERE id = ? AND version = ?",
                (state, _dumps({"state": state, "n": n}), now, app_id, versions[app_id]),
            )
            seqs[app_id] += 1
            run(
                "INSERT INTO history VALUES (?, ?, ?, ?, ?, ?)",
                (app_id, seqs[app_id], _dumps({"to": state, "n": n}), f"h{n}", None, now),
            )
            run(
                "INSERT INTO outbox (key, channel, payload, status, attempts, next_attempt_at,"
                " created_at, application_id) VALUES (?, 'pec', ?, 'pending', 0, ?, ?, ?)",
                (f"{app_id}-{n}", _dumps({"to": state}), now, now, app_id),
            )
            run("COMMIT")
            versions[app_id] += 1

        try:
            yield step
        finally:
            connection.close()


@contextmanager
def postgres_api(server: str) -> Iterator[Transition]:
    """Transitions through the Storage API in a fresh PostgreSQL schema."""
    from coworkreg_postgres.testing import throwaway_schema

    with throwaway_schema(server) as url, open_storage(url) as storage:
        yield _api_steps(storage)


@contextmanager
def postgres_raw(server: str) -> Iterator[Transition]:
    """The same rows through one bare psycopg connection: BEGIN, 3 statements, COMMIT."""
    import psycopg
    from psycopg import sql
    from psycopg.types.json import Jsonb

    from coworkreg_core.storage.url import options_of, without_options
    from coworkreg_postgres.testing import throwaway_schema

    with throwaway_schema(server) as url:
        with open_storage(url) as storage:
            _seed(storage)
        connection = psycopg.connect(without_options(url), autocommit=True)
        schema = sql.Identifier(options_of(url)["schema"])
        connection.execute(sql.SQL("SET search_path TO {}").format(schema))
        versions = dict.fromkeys((f"app-{n}" for n in range(APPLICATIONS)), 1)
        seqs = dict.fromkeys(versions, 0)

        def step(n: int) -> None:
            app_id = f"app-{n % APPLICATIONS}"
            state = f"s{n}"
            now = time.time()
            with connection.transaction():
                run = connection.execute
                run(
                    "UPDATE application SET state = %s, instance = %s, version = version + 1,"
                    " updated_at = to_timestamp(%s) WHERE id = %s AND version = %s",
                    (state, Jsonb({"state": state, "n": n}), now, app_id, versions[app_id]),
                )
                seqs[app_id] += 1
                run(
                    "INSERT INTO history VALUES (%s, %s, %s, %s, %s, to_timestamp(%s))",
                    (app_id, seqs[app_id], Jsonb({"to": state, "n": n}), f"h{n}", None, now),
                )
                run(
                    "INSERT INTO outbox (key, channel, payload, status, attempts,"
                    " next_attempt_at, created_at, application_id) VALUES"
                    " (%s, 'pec', %s, 'pending', 0, to_timestamp(%s), to_timestamp(%s), %s)",
                    (f"{app_id}-{n}", Jsonb({"to": state}), now, now, app_id),
                )
            versions[app_id] += 1

        try:
            yield step
        finally:
            connection.close()


def rate(variant: Variant, seconds: float) -> float:
    """Transitions per second for one fresh run of ``variant``."""
    with variant() as step:
        for n in range(50):  # warm-up, not counted
            step(n)
        done = 0
        start = time.perf_counter()
        while (elapsed := time.perf_counter() - start) < seconds:
            step(50 + done)
            done += 1
    return done / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="per variant and repeat")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--pg", default=os.environ.get("COWORKREG_TEST_PG"))
    args = parser.parse_args()

    pairs: dict[str, tuple[Variant, Variant]] = {
        "sqlite synchronous=FULL (default)": (
            lambda: sqlite_api("full"),
            lambda: sqlite_raw("full"),
        ),
        "sqlite synchronous=NORMAL": (
            lambda: sqlite_api("normal"),
            lambda: sqlite_raw("normal"),
        ),
    }
    if args.pg:
        server: str = args.pg
        pairs["postgresql synchronous_commit=on"] = (
            lambda: postgres_api(server),
            lambda: postgres_raw(server),
        )
    else:
        print("PostgreSQL skipped: set COWORKREG_TEST_PG or --pg")

    results: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in pairs}
    for _ in range(args.repeats):
        for name, (api, raw) in pairs.items():
            results[name][0].append(rate(api, args.seconds))
            results[name][1].append(rate(raw, args.seconds))

    print(f"{'back end':36} {'API tx/s':>10} {'raw tx/s':>10} {'ratio':>7}  target >= {TARGET:.0%}")
    for name, (api_rates, raw_rates) in results.items():
        api_median = statistics.median(api_rates)
        raw_median = statistics.median(raw_rates)
        ratio = api_median / raw_median
        verdict = "ok" if ratio >= TARGET else "BELOW TARGET"
        print(f"{name:36} {api_median:10.0f} {raw_median:10.0f} {ratio:7.0%}  {verdict}")
        spread: dict[str, Any] = {
            "api min-max": (round(min(api_rates)), round(max(api_rates))),
            "raw min-max": (round(min(raw_rates)), round(max(raw_rates))),
        }
        print(f"{'':36} {spread}")


if __name__ == "__main__":
    main()

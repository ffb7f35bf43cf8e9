"""Persisted transitions per second: the Storage API against the raw driver, same run.

A transition is one transaction: the application's new state and instance
(optimistic version check), one history entry, one outbox item. The raw
baseline writes the same rows with the same durability through the bare
driver (sqlite3, psycopg), keeping what it can in memory, so the ratio is
what the contract's layer costs. "raw" writes only the changed columns (state,
instance); "raw whole row" writes every column as ``save_application`` does,
re-encoding the 2 KB provider document each time. The two run in alternating short slices on
fresh databases (round-robin, so both see the same machine load); the
printed ratio is the median over slice pairs and repeats.

    .venv/bin/python bench/bench_storage.py --repeats 3 --rounds 8 --slice 0.25

PostgreSQL runs when ``$COWORKREG_TEST_PG`` (or ``--pg``) names a server.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Figure, add_output_arguments, write_figures

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


WHOLE_ROW_UPDATE = (
    "UPDATE application SET town = ?, kind = ?, provider = ?, workflow_id = ?,"
    " workflow_version = ?, state = ?, instance = ?, listing_id = ?, deadline = ?, reviewer = ?,"
    " protocol_number = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?"
)


def _row(state: str, provider: object, instance: object) -> tuple[object, ...]:
    return (
        "seregno",
        "new",
        provider,
        "seregno-listing",
        "1",
        state,
        instance,
        None,
        None,
        None,
        None,
    )


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
def sqlite_raw(synchronous: str, whole_row: bool = False) -> Iterator[Transition]:
    """The same rows through bare sqlite3, same schema, pragmas and durability.

    By default only the changed columns (state, instance) are written; with
    ``whole_row`` every column is, as ``save_application`` does.
    """
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
            instance = _dumps({"state": state, "n": n})
            if whole_row:
                run(
                    WHOLE_ROW_UPDATE,
                    (*_row(state, _dumps(PROVIDER), instance), now, app_id, versions[app_id]),
                )
            else:
                run(
                    "UPDATE application SET state = ?, instance = ?, version = version + 1,"
                    " updated_at = ? WHERE id = ? AND version = ?",
                    (state, instance, now, app_id, versions[app_id]),
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
def postgres_raw(server: str, whole_row: bool = False) -> Iterator[Transition]:
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
                instance = Jsonb({"state": state, "n": n})
                if whole_row:
                    run(
                        WHOLE_ROW_UPDATE.replace("?", "%s").replace(
                            "updated_at = %s", "updated_at = to_timestamp(%s)"
                        ),
                        (*_row(state, Jsonb(PROVIDER), instance), now, app_id, versions[app_id]),
                    )
                else:
                    run(
                        "UPDATE application SET state = %s, instance = %s, version = version + 1,"
                        " updated_at = to_timestamp(%s) WHERE id = %s AND version = %s",
                        (state, instance, now, app_id, versions[app_id]),
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


def _slice(step: Transition, start: int, seconds: float) -> tuple[int, float]:
    """Run ``step`` for about ``seconds``; return how many ran and the rate."""
    done = 0
    begin = time.perf_counter()
    while (elapsed := time.perf_counter() - begin) < seconds:
        step(start + done)
        done += 1
    return done, done / elapsed


def compare(variants: dict[str, Variant], rounds: int, seconds: float) -> dict[str, list[float]]:
    """Alternate short slices of every variant on fresh databases; rates per slice.

    Alternating slices keep the variants under the same machine load, which
    on a shared machine drifts more between seconds than the variants differ.
    """
    rates: dict[str, list[float]] = {name: [] for name in variants}
    with ExitStack() as stack:
        steps = {name: stack.enter_context(variant()) for name, variant in variants.items()}
        for n in range(50):  # warm-up, not counted
            for step in steps.values():
                step(n)
        counter = 50
        for _ in range(rounds):
            for name, step in steps.items():
                done, per_second = _slice(step, counter, seconds)
                rates[name].append(per_second)
                counter += done
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--slice", type=float, default=0.25, help="seconds per slice")
    parser.add_argument("--rounds", type=int, default=8, help="slices per variant and repeat")
    parser.add_argument("--repeats", type=int, default=3, help="fresh databases per back end")
    parser.add_argument("--pg", default=os.environ.get("COWORKREG_TEST_PG"))
    add_output_arguments(parser)
    args = parser.parse_args()
    if args.quick:
        args.repeats, args.rounds, args.slice = 1, min(args.rounds, 3), min(args.slice, 0.1)

    back_ends: dict[str, dict[str, Variant]] = {}
    for mode in ("full", "normal"):
        label = f"sqlite synchronous={mode.upper()}" + (" (default)" if mode == "full" else "")
        back_ends[label] = {
            "api": functools.partial(sqlite_api, mode),
            "raw": functools.partial(sqlite_raw, mode),
            "raw whole row": functools.partial(sqlite_raw, mode, whole_row=True),
        }
    if args.pg:
        back_ends["postgresql synchronous_commit=on"] = {
            "api": functools.partial(postgres_api, args.pg),
            "raw": functools.partial(postgres_raw, args.pg),
            "raw whole row": functools.partial(postgres_raw, args.pg, whole_row=True),
        }
    else:
        print("PostgreSQL skipped: set COWORKREG_TEST_PG or --pg")

    results: dict[str, dict[str, list[float]]] = {
        name: {variant: [] for variant in variants} for name, variants in back_ends.items()
    }
    for _ in range(args.repeats):
        for name, variants in back_ends.items():
            for variant, rates in compare(variants, args.rounds, args.slice).items():
                results[name][variant].extend(rates)

    print(
        f"{'back end':36} {'API tx/s':>9} {'raw tx/s':>9} {'ratio':>6}"
        f" {'raw whole row':>14} {'ratio':>6}  target >= {TARGET:.0%} of raw"
    )
    figures: list[Figure] = []
    for name, by_variant in results.items():
        api = by_variant["api"]
        raw = by_variant["raw"]
        whole_row = by_variant["raw whole row"]
        ratio = statistics.median([a / r for a, r in zip(api, raw, strict=True)])
        whole = statistics.median([a / r for a, r in zip(api, whole_row, strict=True)])
        verdict = "ok" if ratio >= TARGET else "BELOW TARGET"
        print(
            f"{name:36} {statistics.median(api):9.0f} {statistics.median(raw):9.0f}"
            f" {ratio:6.0%} {statistics.median(whole_row):14.0f} {whole:6.0%}  {verdict}"
        )
        # The ratio of medians, not the median of slice ratios printed above.
        for baseline in ("raw", "raw whole row"):
            figures.append(
                Figure(
                    f"{name}: Storage API",
                    statistics.median(api),
                    "tx/s",
                    f"{baseline} driver",
                    statistics.median(by_variant[baseline]),
                    note=f"target >= {TARGET:.0%} of raw" if baseline == "raw" else "",
                )
            )
    write_figures(args.json, figures, repeats=args.repeats, rounds=args.rounds, slice=args.slice)


if __name__ == "__main__":
    main()

"""A regional portal on PostgreSQL: 1,500 towns, 100,000 providers, a million history entries.

Every figure is set beside a bare psycopg baseline measured in the same run
on the same schema:

- worklist: ``Storage.worklist`` and ``Registry.worklist`` for a town, p95 over
  random towns, against the same ``SELECT`` through bare psycopg;
- publication: the public list of one town and of every town (storage read,
  ``Publication`` files: CSV, JSON, HTML, DCAT), against a bare ``SELECT`` of
  the same public entries dumped with ``json.dumps``;
- transitions: 8 client processes, each with its own ``Registry`` and
  storage on its own town, suspending and reinstating listings, against 8
  processes writing the same three rows per transaction with bare psycopg.

The data: ``--scale`` x 1,500 generated town packs, each extending Seregno's
(its own ``town.yaml`` and a ``rules.yaml`` that overrides one parameter),
registered through a plugin object; ``--scale`` x 100,000 providers whose
procedures are played through the real workflow engine (so instances and
hash chains are genuine): 70% listed, the rest waiting in worklists;
``--scale`` x 1,000,000 history entries. Applications and listings go in
through the Storage API; history goes in with ``COPY`` into the same table,
because the API's one-row ``INSERT`` would take most of an hour at full scale
(its measured rate is printed). Everything happens in a throwaway schema,
dropped at the end.

    .venv/bin/python bench/regional.py --scale 0.01    # 15 towns, 1,000 providers
    .venv/bin/python bench/regional.py                 # full scale, see docs/benchmarks.md

The server is ``$COWORKREG_TEST_PG`` (default ``postgresql://postgres@127.0.0.1:5432/test``).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import queue
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Figure, add_output_arguments, write_figures
from _providers import example_templates, provider

from coworkreg_core import TownPack, hookimpl
from coworkreg_core.plugins import get_plugin_manager
from coworkreg_core.publication import Publication, public_entry
from coworkreg_core.storage.records import Application, Listing

DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/test"
FULL_TOWNS, FULL_PROVIDERS, FULL_HISTORY = 1_500, 100_000, 1_000_000
CLIENTS = 8
ON = date(2026, 11, 25)
LISTED_SHARE = 0.7
WAITING = ("submitted", "under_review", "integration_requested")

# --- town packs ------------------------------------------------------------------------------


def town_id(n: int) -> str:
    """The id of generated town ``n``."""
    return f"comune-{n:04d}"


def write_packs(folder: Path, count: int) -> list[str]:
    """Write ``count`` packs extending Seregno's; each overrides ``min_workstations``."""
    ids = []
    for n in range(1, count + 1):
        town = town_id(n)
        pack = folder / town
        pack.mkdir()
        (pack / "town.yaml").write_text(
            f"id: {town}\nname: Comune {n:04d}\nistat_code: '{900000 + n}'\n"
            f"extends: seregno\nipa_code: c_r{n:04d}\n",
            encoding="utf-8",
        )
        (pack / "rules.yaml").write_text(
            f"town: {town}\nversion: '1.0.0'\n"
            f"title: {{it: Requisiti del Comune {n:04d}, en: Requirements of town {n:04d}}}\n"
            "extends: {town: seregno, version: '1'}\n"
            f"legal_basis:\n  avviso:\n    title: {{it: Avviso del Comune {n:04d}, "
            f"en: Notice of town {n:04d}}}\n"
            "parameters:\n  min_workstations:\n"
            "    reference: {basis: avviso, article: art. 2}\n"
            f"    values:\n      2025-03-01: {2 + n % 5}\n",
            encoding="utf-8",
        )
        ids.append(town)
    return ids


class GeneratedTowns:
    """A plugin object handing over every pack found in one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @hookimpl
    def coworkreg_towns(self) -> list[TownPack]:
        """One pack per sub-folder."""
        return [TownPack.from_directory(p) for p in sorted(self.folder.iterdir())]


def plugin_manager(folder: Path) -> Any:
    """A fresh plugin manager with the generated packs."""
    return get_plugin_manager(plugins=[GeneratedTowns(folder)])


# --- data ------------------------------------------------------------------------------------

REVIEWER_ROLES = {"reviewer"}
MANAGER_ROLES = {"manager"}
REASON = "Manca la planimetria aggiornata dello spazio di lavoro condiviso."
GROUNDS = {
    "reasons": "Verifica a campione in corso sui requisiti dichiarati.",
    "legal_basis": "art. 71 DPR 445/2000",
}
REINSTATEMENT = {"reasons": "Verifica conclusa con esito positivo."}


def _path(target: str) -> list[tuple[str, str, dict[str, Any]]]:
    """The transitions, actor role and payload that bring an application to ``target``.

    Listed applications have had three integration rounds and two
    suspensions, 13 entries; with the waiting ones the mean is about 10.
    """
    if target == "submitted":
        return []
    steps: list[tuple[str, str, dict[str, Any]]] = [("take_in_charge", "reviewer", {})]
    if target == "integration_requested":
        return [*steps, ("request_integration", "reviewer", {"reason": REASON})]
    rounds = 3 if target == "listed" else 2
    for _ in range(rounds):
        steps.append(("request_integration", "reviewer", {"reason": REASON}))
        steps.append(("provide_integration", "applicant", {}))
    if target == "under_review":
        return steps
    steps.append(("approve", "manager", {}))
    for _ in range(2):
        steps.append(("suspend", "manager", dict(GROUNDS)))
        steps.append(("reinstate", "manager", dict(REINSTATEMENT)))
    return steps


class Seeder:
    """Plays procedures through the real engine and stores them in bulk."""

    def __init__(self, pm: Any, towns: Any) -> None:
        from coworkreg_core.rules import rule_functions
        from coworkreg_core.workflow import calendar_for_town, workflow_for_town

        self.definition = workflow_for_town(towns, "seregno")
        self.calendar = calendar_for_town(towns, "seregno")
        self.functions = rule_functions(pm)

    def play(
        self,
        town: str,
        n: int,
        protocol: int,
        doc: dict[str, Any],
        target: str,
        rng: random.Random,
    ) -> tuple[Application, Listing | None, list[tuple[Any, ...]]]:
        """One application brought to ``target``; its listing; its history rows."""
        from coworkreg_core.workflow import Actor, fire, new_instance

        app_id = f"{town}-{n:06d}"
        owner = Actor(doc["organisation"]["pec"])
        actors = {
            "applicant": owner,
            "reviewer": Actor("istruttore", roles=REVIEWER_ROLES),
            "manager": Actor("responsabile", roles=MANAGER_ROLES),
        }
        when = datetime(2026, 1, 7, 9, tzinfo=UTC) + timedelta(hours=rng.randrange(0, 24 * 200))
        instance = new_instance(self.definition, when, owner=owner.id, variables={"kind": "new"})
        number = f"{town.upper()}-2026-{n:04d}"
        rows: list[tuple[Any, ...]] = []
        previous: str | None = None
        plan = [("submit", "applicant", {"protocol_number": f"{protocol:07d}"}), *_path(target)]
        for step, role, payload in plan:
            if step == "approve":
                payload = {"registration_number": number, "valid_until": "2029-12-31"}
            when += timedelta(days=rng.randrange(1, 6))
            outcome = fire(
                self.definition,
                instance,
                step,
                actors[role],
                payload,
                now=when,
                functions=self.functions,
            )
            instance = outcome.instance
            for entry in outcome.entries:
                rows.append(
                    (app_id, len(rows) + 1, json.dumps(entry.to_json()), entry.hash, previous, when)
                )
                previous = entry.hash
        application = Application(
            id=app_id,
            town=town,
            kind="new",
            provider=doc,
            workflow_id=self.definition.id,
            workflow_version=str(self.definition.version),
            state=instance.state,
            instance=instance.to_json(),
            deadline=instance.clock.deadline(self.calendar, ON),
            protocol_number=f"{ON.year}-{protocol:07d}",
        )
        listing = None
        if instance.state == "listed":
            listed_on = date(2026, 3, 2)
            listing = Listing(
                registration_number=number,
                application_id=app_id,
                town=town,
                public_data=public_entry(
                    doc,
                    registration_number=number,
                    listed_on=listed_on,
                    valid_until=date(2029, 12, 31),
                ),
                valid_from=listed_on,
                valid_until=date(2029, 12, 31),
            )
        return application, listing, rows


def targets(count: int, rng: random.Random) -> Iterator[str]:
    """70% listed, the rest spread over the worklist states."""
    for _ in range(count):
        yield "listed" if rng.random() < LISTED_SHARE else rng.choice(WAITING)


def seed(url: str, folder: Path, towns: list[str], providers: int) -> dict[str, float]:
    """Store ``providers`` applications over ``towns``; return counts and timings."""
    import psycopg
    from psycopg import sql

    from coworkreg_core.storage import open_storage
    from coworkreg_core.storage.url import options_of, without_options
    from coworkreg_core.towns import Towns

    pm = plugin_manager(folder)
    seeder = Seeder(pm, Towns.from_plugins(pm))
    rng = random.Random(2026)
    templates = example_templates()
    report = {"play_s": 0.0, "api_s": 0.0, "copy_s": 0.0, "applications": 0, "listings": 0}
    report.update(history=0, api_history_rows=0, api_history_s=0.0)
    connection = psycopg.connect(without_options(url), autocommit=True)
    schema = sql.Identifier(options_of(url)["schema"])
    connection.execute(sql.SQL("SET search_path TO {}").format(schema))
    per_town = [providers // len(towns) + (i < providers % len(towns)) for i in range(len(towns))]
    with open_storage(url, pm=pm) as storage:
        for index, (town, count) in enumerate(zip(towns, per_town, strict=True)):
            started = time.perf_counter()
            played = []
            for n, target in enumerate(targets(count, rng), start=1):
                doc = provider(rng, templates)
                doc["spaces"][0]["address"]["istat_code"] = f"{900001 + index}"
                protocol = int(report["applications"]) + n
                played.append(seeder.play(town, n, protocol, doc, target, rng))
            report["play_s"] += time.perf_counter() - started
            started = time.perf_counter()
            with storage.transaction() as tx:
                for application, listing, _rows in played:
                    tx.add_application(application)
                    filed = tx.register_protocol(
                        direction="in",
                        correspondent=application.provider["organisation"]["name"],
                        subject="Domanda di iscrizione all'elenco dei fornitori di coworking",
                        application_id=application.id,
                    )
                    if filed.reference != application.protocol_number:
                        raise SystemExit(f"protocol numbers out of step: {filed.reference}")
                    if listing is not None:
                        tx.add_listing(listing)
            report["api_s"] += time.perf_counter() - started
            report["applications"] += len(played)
            report["listings"] += sum(1 for _a, listing, _r in played if listing is not None)
            rows = [row for _a, _l, app_rows in played for row in app_rows]
            if index == 0:
                # The first town's history goes through the API, to measure its rate.
                started = time.perf_counter()
                with storage.transaction() as tx:
                    for app_id, _seq, entry, digest, previous, _when in rows:
                        tx.append_history(
                            app_id, json.loads(entry), hash=digest, previous_hash=previous
                        )
                report["api_history_s"] += time.perf_counter() - started
                report["api_history_rows"] += len(rows)
            else:
                started = time.perf_counter()
                with connection.cursor().copy(
                    "COPY history (application_id, seq, entry, hash, previous_hash, recorded_at)"
                    " FROM STDIN"
                ) as copy:
                    for row in rows:
                        copy.write_row(row)
                report["copy_s"] += time.perf_counter() - started
            report["history"] += len(rows)
    connection.execute("ANALYZE")
    connection.close()
    return report


# --- measures --------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def _raw_connection(url: str) -> Any:
    import psycopg
    from psycopg import sql

    from coworkreg_core.storage.url import options_of, without_options

    connection = psycopg.connect(without_options(url), autocommit=True)
    schema = sql.Identifier(options_of(url)["schema"])
    connection.execute(sql.SQL("SET search_path TO {}").format(schema))
    return connection


WORKLIST_SQL = (
    "SELECT * FROM application WHERE town = %s AND state = ANY(%s)"
    " ORDER BY deadline NULLS LAST, id LIMIT 100000"
)
PUBLIC_SQL = (
    "SELECT public_data FROM listing WHERE town = %s AND state = 'listed' AND valid_from <= %s"
    " AND (valid_until IS NULL OR valid_until >= %s) ORDER BY registration_number"
)


def worklists(url: str, folder: Path, towns: list[str], queries: int) -> dict[str, list[float]]:
    """Seconds per worklist query: raw SQL, Storage.worklist, Registry.worklist."""
    from coworkreg_core.registry import Registry
    from coworkreg_core.storage import open_storage
    from coworkreg_core.towns import Towns
    from coworkreg_core.workflow import Actor

    pm = plugin_manager(folder)
    every = Towns.from_plugins(pm)
    rng = random.Random(7)
    reviewer = Actor("istruttore", roles={"reviewer", "manager"})
    samples: dict[str, list[float]] = {"raw": [], "storage": [], "registry": []}
    registries: dict[str, Registry] = {}
    raw = _raw_connection(url)
    with open_storage(url, pm=pm) as storage:
        # A Registry loads its town's rules; ten towns keep that out of the run.
        sample = rng.sample(towns, min(10, len(towns)))
        chosen = [rng.choice(sample) for _ in range(queries)]
        for town in set(chosen):
            registries[town] = Registry(town=town, storage=storage, pm=pm, towns=every)
        for town in chosen:
            start = time.perf_counter()
            raw.execute(WORKLIST_SQL, (town, list(WAITING))).fetchall()
            samples["raw"].append(time.perf_counter() - start)
            start = time.perf_counter()
            storage.worklist(list(WAITING), town=town, limit=100_000)
            samples["storage"].append(time.perf_counter() - start)
            start = time.perf_counter()
            registries[town].worklist(reviewer, today=ON)
            samples["registry"].append(time.perf_counter() - start)
    raw.close()
    return samples


def publications(url: str, folder: Path, towns: list[str]) -> dict[str, float]:
    """Seconds to publish one town and every town, ours and raw."""
    from coworkreg_core.storage import open_storage
    from coworkreg_core.towns import Towns

    pm = plugin_manager(folder)
    packs = Towns.from_plugins(pm)
    raw = _raw_connection(url)

    def ours(storage: Any, town: str) -> int:
        pack = packs.get(town)
        listings = storage.public_list(town, ON)
        publication = Publication(
            town_name=pack.name,
            ipa_code=pack.ipa_code or town,
            as_of=ON,
            entries=tuple(dict(listing.public_data) for listing in listings),
        )
        files = publication.files(base_url=f"https://dati.example.org/{town}/")
        return sum(len(data) for data in files.values())

    def plain(town: str) -> int:
        rows = raw.execute(PUBLIC_SQL, (town, ON, ON)).fetchall()
        return len(json.dumps([row[0] for row in rows], ensure_ascii=False).encode())

    result: dict[str, float] = {}
    with open_storage(url, pm=pm) as storage:
        one = towns[len(towns) // 2]
        ours(storage, one)
        plain(one)  # warm-up
        for label, run in (("ours", lambda t: ours(storage, t)), ("raw", plain)):
            times = []
            for _ in range(5):
                start = time.perf_counter()
                run(one)
                times.append(time.perf_counter() - start)
            result[f"one_{label}"] = statistics.median(times)
        for label, run in (("ours", lambda t: ours(storage, t)), ("raw", plain)):
            start = time.perf_counter()
            for town in towns:
                run(town)
            result[f"all_{label}"] = time.perf_counter() - start
    raw.close()
    return result


def _client(
    url: str,
    folder: str,
    town: str,
    share: tuple[int, int],
    seconds: float,
    mode: str,
    ready: Any,
    results: Any,
) -> None:
    """One client process: fire transitions on its own town for ``seconds``; report how many."""
    if mode == "registry":
        from coworkreg_core.registry import Registry
        from coworkreg_core.workflow import Actor

        manager = Actor("responsabile", roles={"manager"})
        with Registry.open(url, town, pm=plugin_manager(Path(folder))) as registry:
            listed = registry.storage.worklist(["listed"], town=town, limit=100_000)
            apps = sorted(a.id for a in listed)[share[0] :: share[1]]
            # Warm-up, not counted: the first transition loads templates and texts.
            registry.transition(apps[-1], "suspend", manager, GROUNDS)
            registry.transition(apps[-1], "reinstate", manager, REINSTATEMENT)
            apps = apps[:-1]
            ready.wait()
            done = 0
            deadline = time.perf_counter() + seconds
            while time.perf_counter() < deadline:
                app = apps[(done // 2) % len(apps)]
                if done % 2 == 0:
                    registry.transition(app, "suspend", manager, GROUNDS)
                else:
                    registry.transition(app, "reinstate", manager, REINSTATEMENT)
                done += 1
    else:
        done = _raw_client(url, town, share, seconds, ready)
    results.put(done)


def _raw_client(url: str, town: str, share: tuple[int, int], seconds: float, ready: Any) -> int:
    """The Registry's statements for the same transitions through bare psycopg (the baseline).

    Per transaction, as ``Registry.transition`` issues them: read the
    application, update it (version check), append the history entry, read
    the listing (and on suspension update it), read the protocol entry the
    mail cites, and queue the outbox items (archive copy and certified mail
    on suspension, mail alone on reinstatement).
    """
    from psycopg.types.json import Jsonb

    connection = _raw_connection(url)
    rows = connection.execute(
        "SELECT a.id, l.registration_number FROM application a"
        " JOIN listing l ON l.application_id = a.id WHERE a.town = %s AND a.state = 'listed'",
        (town,),
    ).fetchall()
    numbers = dict(rows)
    apps = sorted(numbers)[share[0] :: share[1]]
    ready.wait()
    done = 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        app_id = apps[(done // 2) % len(apps)]
        suspend = done % 2 == 0
        state = "suspended" if suspend else "listed"
        now = time.time()
        with connection.transaction():
            run = connection.execute
            _id, version, instance, protocol = run(
                "SELECT id, version, instance, protocol_number FROM application WHERE id = %s",
                (app_id,),
            ).fetchone()
            run(
                "UPDATE application SET state = %s, instance = %s, version = version + 1,"
                " updated_at = to_timestamp(%s) WHERE id = %s AND version = %s",
                (state, Jsonb({**instance, "state": state}), now, app_id, version),
            )
            (seq,) = run(
                "INSERT INTO history SELECT %s, COALESCE(MAX(seq), 0) + 1, %s, %s, %s,"
                " to_timestamp(%s) FROM history WHERE application_id = %s RETURNING seq",
                (app_id, Jsonb({"to": state}), f"h{done}", None, now, app_id),
            ).fetchone()
            run(
                "SELECT * FROM listing WHERE registration_number = %s", (numbers[app_id],)
            ).fetchone()
            if suspend:
                run(
                    "UPDATE listing SET state = 'suspended', version = version + 1,"
                    " updated_at = to_timestamp(%s) WHERE registration_number = %s",
                    (now, numbers[app_id]),
                )
            year, number = str(protocol).split("-")
            run(
                "SELECT * FROM protocol_register WHERE year = %s AND number = %s",
                (int(year), int(number)),
            ).fetchone()
            for channel in ("archive", "pec") if suspend else ("pec",):
                run(
                    "INSERT INTO outbox (key, channel, payload, status, attempts,"
                    " next_attempt_at, created_at, application_id) VALUES"
                    " (%s, %s, %s, 'pending', 0, to_timestamp(%s), to_timestamp(%s), %s)",
                    (
                        f"raw/{app_id}/{seq}/{channel}",
                        channel,
                        Jsonb({"to": state}),
                        now,
                        now,
                        app_id,
                    ),
                )
            if not suspend:
                run(
                    "UPDATE listing SET state = 'listed' WHERE registration_number = %s",
                    (numbers[app_id],),
                )
        done += 1
    connection.close()
    return done


def concurrent(url: str, folder: Path, towns: list[str], seconds: float, mode: str) -> float:
    """Transitions per second with ``CLIENTS`` processes, one town each, started together."""
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(CLIENTS)
    results = context.Queue()
    # Clients that share a town (only at small scales) take disjoint applications.
    sharing = -(-CLIENTS // len(towns))
    processes = [
        context.Process(
            target=_client,
            args=(
                url,
                str(folder),
                towns[i % len(towns)],
                (i // len(towns), sharing),
                seconds,
                mode,
                ready,
                results,
            ),
        )
        for i in range(CLIENTS)
    ]
    for process in processes:
        process.start()
    counts: list[int] = []
    while len(counts) < len(processes):
        try:
            counts.append(results.get(timeout=1))
        except queue.Empty:
            if any(p.exitcode not in (None, 0) for p in processes):
                for process in processes:
                    process.terminate()
                raise RuntimeError(f"a {mode} client failed") from None
    for process in processes:
        process.join()
        if process.exitcode != 0:
            raise RuntimeError(f"a {mode} client failed with exit code {process.exitcode}")
    return sum(counts) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the full scenario")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of the write runs")
    parser.add_argument("--queries", type=int, default=200, help="worklist queries to time")
    parser.add_argument("--pg", default=os.environ.get("COWORKREG_TEST_PG", DEFAULT_SERVER))
    add_output_arguments(parser)
    args = parser.parse_args()
    if args.quick:
        args.scale, args.seconds, args.queries = min(args.scale, 0.002), 1.0, 10
    n_towns = max(2, round(FULL_TOWNS * args.scale))
    n_providers = max(n_towns * 4, round(FULL_PROVIDERS * args.scale))

    from coworkreg_postgres.testing import throwaway_schema

    began = time.perf_counter()
    try:
        schema = throwaway_schema(args.pg)
        url = schema.__enter__()
    except ConnectionError as exc:
        print(f"PostgreSQL not reachable at {args.pg}: {exc}")
        write_figures(args.json, [], skipped=f"PostgreSQL not reachable: {exc}".strip())
        return
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            started = time.perf_counter()
            towns = write_packs(folder, n_towns)
            from coworkreg_core.towns import Towns

            Towns.from_plugins(plugin_manager(folder))
            packs_s = time.perf_counter() - started
            print(f"{n_towns:,} town packs written and loaded in {packs_s:.1f} s")
            report = seed(url, folder, towns, n_providers)
            print(
                f"{report['applications']:,} applications ({report['listings']:,} listed) and "
                f"{report['history']:,} history entries: engine {report['play_s']:.1f} s, "
                f"Storage API {report['api_s']:.1f} s, COPY {report['copy_s']:.1f} s"
            )
            api_rate = report["api_history_rows"] / max(report["api_history_s"], 1e-9)
            print(
                f"history through the API: {api_rate:,.0f} rows/s "
                f"({FULL_HISTORY / api_rate / 60:.0f} min for a million); COPY for the rest"
            )
            samples = worklists(url, folder, towns, args.queries)
            p95 = {k: percentile(v, 0.95) * 1000 for k, v in samples.items()}
            print("worklist p95 ms: " + ", ".join(f"{k} {v:.1f}" for k, v in p95.items()))
            published = publications(url, folder, towns)
            print(
                f"publication, one town: ours {published['one_ours'] * 1000:.1f} ms, raw "
                f"{published['one_raw'] * 1000:.1f} ms; all {n_towns:,} towns: ours "
                f"{published['all_ours']:.1f} s, raw {published['all_raw']:.1f} s"
            )
            ours_tps = concurrent(url, folder, towns, args.seconds, "registry")
            raw_tps = concurrent(url, folder, towns, args.seconds, "raw")
            print(f"{CLIENTS} clients: Registry {ours_tps:,.0f} tx/s, raw {raw_tps:,.0f} tx/s")
    finally:
        schema.__exit__(None, None, None)
    total = time.perf_counter() - began
    print(f"whole scenario: {total:.0f} s")

    figures = [
        Figure(
            "worklist p95, Storage.worklist",
            p95["storage"],
            "ms",
            "raw SELECT p95",
            p95["raw"],
            False,
        ),
        Figure(
            "worklist p95, Registry.worklist",
            p95["registry"],
            "ms",
            "raw SELECT p95",
            p95["raw"],
            False,
        ),
        Figure(
            "publication, one town (CSV+JSON+HTML+DCAT)",
            published["one_ours"] * 1000,
            "ms",
            "raw SELECT + json.dumps (JSON only)",
            published["one_raw"] * 1000,
            False,
        ),
        Figure(
            f"publication, all {n_towns:,} towns",
            published["all_ours"],
            "s",
            "raw SELECT + json.dumps (JSON only)",
            published["all_raw"],
            False,
        ),
        Figure(
            f"transitions, {CLIENTS} clients (Registry, suspend/reinstate)",
            ours_tps,
            "tx/s",
            f"raw psycopg, same statements, {CLIENTS} clients",
            raw_tps,
        ),
    ]
    write_figures(
        args.json,
        figures,
        scale=args.scale,
        towns=n_towns,
        providers=report["applications"],
        listings=report["listings"],
        history=report["history"],
        history_api_rows_per_s=api_rate,
        packs_load_s=packs_s,
        seed_s={k: report[k] for k in ("play_s", "api_s", "copy_s")},
        total_s=total,
    )


if __name__ == "__main__":
    main()

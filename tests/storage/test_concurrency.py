"""Several processes writing at once: conflicts are detected, numbers stay gap-free,
and a writer killed mid-batch leaves nothing half-written."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from coworkreg_core.storage import Storage, open_storage
from coworkreg_core.storage.contract import add, make_application

WORKERS = Path(__file__).with_name("_workers.py")

pytestmark = pytest.mark.slow


Start = Callable[..., subprocess.Popen[str]]


@pytest.fixture
def start() -> Iterator[Start]:
    """Starts worker processes speaking JSON lines; kills and reaps them after the test."""
    started: list[subprocess.Popen[str]] = []

    def start(*args: str) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, str(WORKERS), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
        for pipe in (process.stdin, process.stdout):
            if pipe is not None:
                pipe.close()


def read(process: subprocess.Popen[str]) -> object:
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line, f"worker ended early with code {process.wait()}"
    return json.loads(line)


@pytest.fixture
def store(storage_url: str) -> Iterator[Storage]:
    """The storage under test, opened with the real clock like the workers."""
    with open_storage(storage_url) as storage:
        yield storage


def test_of_two_conflicting_transitions_exactly_one_wins(
    storage_url: str, store: Storage, start: Start
) -> None:
    """Both read version 1 and fire at once: one commits, the other gets ConflictError."""
    add(store, make_application())
    workers = [start("transition", storage_url, "app-1", tag) for tag in ("approve", "refuse")]
    assert [read(w) for w in workers] == ["ready", "ready"]
    for worker in workers:
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()
    results = [read(w) for w in workers]
    assert [w.wait(timeout=60) for w in workers] == [0, 0]
    winners = [r["won"] for r in results if isinstance(r, dict) and "won" in r]
    losers = [r for r in results if isinstance(r, dict) and "conflict" in r]
    assert len(winners) == 1
    assert len(losers) == 1
    assert (losers[0]["expected"], losers[0]["found"]) == (1, 2)
    app = store.get_application("app-1")
    assert (app.state, app.version) == (winners[0], 2)
    assert [e.entry["to"] for e in store.history("app-1")] == winners
    assert [item.key for item in store.list_outbox()] == [f"app-1-{winners[0]}"]


def test_four_writers_take_unique_gap_free_protocol_numbers(
    storage_url: str, store: Storage, start: Start
) -> None:
    """200 numbers taken by four processes (with rollbacks between) are exactly 1..200."""
    workers = [start("protocol", storage_url, "50", f"w{n}") for n in range(4)]
    taken = [pair for w in workers for pair in read(w)]  # type: ignore[attr-defined]
    assert [w.wait(timeout=120) for w in workers] == [0, 0, 0, 0]
    years = {year for year, _ in taken}
    assert len(years) == 1, "the test ran across New Year; run it again"
    numbers = sorted(number for _, number in taken)
    assert numbers == list(range(1, 201))
    register = store.protocol_entries(years.pop())
    assert [e.number for e in register] == list(range(1, 201))
    assert Counter(e.correspondent for e in register) == {f"w{n}": 50 for n in range(4)}
    assert all(e.subject != "void" for e in register)


def test_a_writer_killed_mid_batch_leaves_every_transition_whole(
    storage_url: str, store: Storage, start: Start
) -> None:
    """After SIGKILL, each state is what its history says, and each entry has one outbox item."""
    apps = 5
    add(store, *(make_application(f"app-{n}", state="start") for n in range(apps)))
    writer = start("batch", storage_url, str(apps))
    last_reported = -1
    while last_reported < 150:
        step = read(writer)
        assert isinstance(step, int)
        last_reported = step
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    store.close()
    with open_storage(storage_url) as reopened:
        total = 0
        outbox = Counter(item.key for item in reopened.list_outbox(limit=100_000))
        for n in range(apps):
            app = reopened.get_application(f"app-{n}")
            history = reopened.history(f"app-{n}")
            replayed = history[-1].entry["to"] if history else "start"
            assert app.state == replayed
            assert app.instance == {"state": replayed}
            assert app.version == 1 + len(history)
            for entry in history:
                assert outbox.pop(f"app-{n}-{entry.entry['step']}") == 1
            total += len(history)
        assert outbox == {}, "outbox items without their transition"
        assert total >= last_reported + 1


def test_two_delivery_workers_never_claim_the_same_item(storage_url: str, store: Storage) -> None:
    """Workers claiming at once, each through its own connection, split the items between them."""
    with store.transaction() as tx:
        for n in range(60):
            tx.enqueue("pec", {"n": n}, key=f"k{n}")
    claimed: list[list[str]] = [[], []]

    def work(mine: list[str]) -> None:
        with open_storage(storage_url) as own:
            while batch := own.claim_outbox(limit=3, lease_seconds=600):
                mine.extend(item.key for item in batch)

    threads = [threading.Thread(target=work, args=(mine,)) for mine in claimed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(claimed[0] + claimed[1]) == sorted(f"k{n}" for n in range(60))
    assert not set(claimed[0]) & set(claimed[1])

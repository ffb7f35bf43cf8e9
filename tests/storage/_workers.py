"""Writers run as separate processes by the concurrency and crash tests.

``python _workers.py COMMAND URL ...`` opens the storage at URL and prints
one JSON line per result, flushed at once, so the parent can follow it and
kill it at any point.
"""

from __future__ import annotations

import json
import sys

import attrs

from coworkreg_core.errors import ConflictError
from coworkreg_core.storage import Storage, open_storage


def say(value: object) -> None:
    print(json.dumps(value), flush=True)


def transition(storage: Storage, app_id: str, tag: str) -> None:
    """Read, report ready, wait for the word go, then fire one transition."""
    app = storage.get_application(app_id)
    previous = [e.hash for e in storage.history(app_id)]
    say("ready")
    sys.stdin.readline()
    try:
        with storage.transaction() as tx:
            tx.save_application(attrs.evolve(app, state=tag, instance={"state": tag}))
            tx.append_history(
                app_id,
                {"to": tag, "by": tag},
                hash=f"hash-{tag}",
                previous_hash=previous[-1] if previous else None,
            )
            tx.enqueue("pec", {"to": tag}, key=f"{app_id}-{tag}", application_id=app_id)
    except ConflictError as exc:
        say({"conflict": tag, "expected": exc.expected, "found": exc.found})
    else:
        say({"won": tag})


class Rollback(Exception):
    """Abandons a transaction on purpose."""


def protocol(storage: Storage, count: int, worker: str) -> None:
    """Take ``count`` protocol numbers; every fifth attempt also rolls one back."""
    taken = []
    for n in range(count):
        if n % 5 == 0:
            try:
                with storage.transaction() as tx:
                    tx.register_protocol(direction="out", correspondent=worker, subject="void")
                    raise Rollback
            except Rollback:
                pass
        with storage.transaction() as tx:
            entry = tx.register_protocol(direction="in", correspondent=worker, subject=str(n))
        taken.append([entry.year, entry.number])
    say(taken)


def batch(storage: Storage, apps: int) -> None:
    """Fire transitions round-robin over ``apps`` applications until killed."""
    step = 0
    while True:
        app_id = f"app-{step % apps}"
        app = storage.get_application(app_id)
        state = f"s{step}"
        with storage.transaction() as tx:
            tx.save_application(attrs.evolve(app, state=state, instance={"state": state}))
            tx.append_history(app_id, {"to": state, "step": step}, hash=state, previous_hash=None)
            tx.enqueue("pec", {"state": state}, key=f"{app_id}-{step}", application_id=app_id)
        say(step)
        step += 1


def main(argv: list[str]) -> None:
    command, url, *args = argv
    with open_storage(url) as storage:
        if command == "transition":
            transition(storage, *args)
        elif command == "protocol":
            protocol(storage, int(args[0]), args[1])
        elif command == "batch":
            batch(storage, int(args[0]))
        else:
            raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])

"""The Registry service: the procedure with storage, mail and publication.

``Registry`` is the one object with side effects: it asks the pure core,
then stores the new state, its history entry and the effects in one
transaction, and delivers the effects (documents, mail) afterwards from an
outbox. Here it runs on SQLite in a temporary folder, with mail written to a
Maildir instead of PEC. Run: ``python examples/scripts/registry_service.py``.
"""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from coworkreg_core import Actor, Registry

PROVIDER = Path(__file__).resolve().parents[1] / "providers/valid/01-studio-brianza-freelancer.json"


def at(day: str, hour: int = 10) -> datetime:
    """A fixed moment, so the run is the same every time."""
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00").replace(tzinfo=UTC)


def main(folder: Path) -> dict[str, Any]:
    """File, review, list, deliver and publish one application under ``folder``."""
    provider = json.loads(PROVIDER.read_text(encoding="utf-8"))
    # [open]
    config = {
        "maildir": {"path": str(folder / "mail"), "name": "pec"},  # PEC, written to disk
        "signer": {"name": "Dott.ssa Maria Rossi", "role": "La responsabile del procedimento"},
    }
    url = f"sqlite:///{folder / 'register.db'}"
    with Registry.open(url, "seregno", config=config) as registry:
        # [open-end]
        # [procedure]
        applicant = Actor(provider["organisation"]["pec"])
        reviewer = Actor("rossi", roles={"reviewer"})
        manager = Actor("bianchi", roles={"manager"})

        filed = registry.file(provider, applicant, now=at("2026-03-02"))
        print(f"filed: protocol {filed.protocol_number}, state {filed.state}")
        registry.transition(filed.id, "take_in_charge", reviewer, now=at("2026-03-03"))
        for item in registry.worklist(manager, today=date(2026, 3, 4)):
            number = item.application.protocol_number
            print(f"worklist {item.worklist}: {number}, {item.days_left} days left")
        listed = registry.approve(filed.id, manager, now=at("2026-03-10"))
        number = listed.instance["variables"]["registration_number"]
        print(f"state {listed.state}, registration number {number}")
        # [procedure-end]
        # [effects]
        deliveries = registry.deliver(now=at("2026-03-10", 11))
        print(f"outbox: {len(deliveries)} item(s) delivered")
        for entry in registry.history(filed.id):
            print(
                f"history: {entry.action} by {entry.actor}, {entry.from_state} -> {entry.to_state}"
            )
        written = registry.publish(date(2026, 3, 11), folder / "elenco", pdf=False)
        print("published:", ", ".join(sorted(path.name for path in written)))
        # [effects-end]
        mails = list((folder / "mail" / "new").iterdir())
        return {"state": listed.state, "mails": len(mails), "files": len(written)}


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        result = main(Path(tmp))
    assert result["state"] == "listed"
    assert result["mails"] >= 2  # the receipt and the listing certificate, by PEC
    assert result["files"] == 4

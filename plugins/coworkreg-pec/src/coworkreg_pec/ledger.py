"""A local record of the Message-IDs this machine has handed to the PEC server.

The outbox marks an item sent only after the channel returns. If the process
dies in between, the item is delivered again; the ledger lets the channel
recognise the Message-ID and answer with the first receipt instead of
sending a second PEC. One JSON object per line, appended and flushed to disk
before the channel returns.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from coworkreg_core.notify import Receipt


class SentLedger:
    """Receipts by Message-ID, kept in the JSON-lines file at ``path``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def get(self, message_id: str) -> Receipt | None:
        """The receipt recorded for ``message_id``, if the server already took it."""
        if not self.path.exists():
            return None
        with self.path.open(encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():
                    continue
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a line cut short by a crash while writing it
                if entry.get("message_id") == message_id:
                    return Receipt(
                        channel=entry["channel"],
                        message_id=message_id,
                        accepted_at=datetime.fromisoformat(entry["accepted_at"]),
                        server_reply=entry["server_reply"],
                    )
        return None

    def record(self, receipt: Receipt) -> None:
        """Append ``receipt`` and force it to disk."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(
            {
                "message_id": receipt.message_id,
                "channel": receipt.channel,
                "accepted_at": receipt.accepted_at.isoformat(),
                "server_reply": receipt.server_reply,
            },
            ensure_ascii=False,
        )
        with self.path.open("a", encoding="utf-8") as out:
            out.write(line + "\n")
            out.flush()
            os.fsync(out.fileno())

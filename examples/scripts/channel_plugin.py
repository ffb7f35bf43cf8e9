"""Writing a notification channel plugin.

A channel has a ``name`` and a ``send(message)`` that returns a
:class:`~coworkreg_core.notify.Receipt`, or raises
:class:`~coworkreg_core.errors.DeliveryError` saying whether a retry may
help. This one keeps messages in a list, as a town's test system might, and
refuses to send the same Message-ID twice. Run:
``python examples/scripts/channel_plugin.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from coworkreg_core import get_plugin_manager, hookimpl
from coworkreg_core.errors import DeliveryError
from coworkreg_core.notify import Channel, Message, Receipt, channels_from_plugins, message_id_for


# [channel]
class NoticeBoard:
    """A channel that pins each message on a board in memory."""

    name = "board"

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.pinned: dict[str, Message] = {}

    def send(self, message: Message) -> Receipt:
        if message.message_id in self.pinned:
            reply = "already pinned"  # a repeat after a crash stays one message
        elif len(self.pinned) >= self.capacity:
            raise DeliveryError("the board is full", retryable=True)
        else:
            self.pinned[message.message_id] = message
            reply = f"pinned as number {len(self.pinned)}"
        return Receipt(
            channel=self.name,
            message_id=message.message_id,
            accepted_at=datetime.now(UTC),
            server_reply=reply,
        )


class NoticeBoardPlugin:
    """Offers the board when the settings have a ``board`` section."""

    @hookimpl
    def coworkreg_notification_channels(self, config: Mapping[str, Any]) -> list[Channel]:
        settings = config.get("board")
        return [NoticeBoard(capacity=settings["capacity"])] if settings else []


# [channel-end]


def main() -> list[str]:
    """Send a receipt notice twice and one more; return the server replies."""
    # [use]
    pm = get_plugin_manager(load_entrypoints=False, plugins=[NoticeBoardPlugin()])
    channels = channels_from_plugins(pm, {"board": {"capacity": 1}})
    board = channels["board"]
    receipt = Message(
        message_id=message_id_for("outbox/1 receipt", "seregno.coworkreg.invalid"),
        sender="protocollo@comune.seregno.example",
        to="studio.brianza@pec.example",
        subject="Ricevuta della domanda n. 0000001/2026",
        body="La domanda è stata protocollata con il numero 0000001.",
    )
    replies = [board.send(receipt).server_reply, board.send(receipt).server_reply]
    another = Message(
        message_id=message_id_for("outbox/2 receipt", "seregno.coworkreg.invalid"),
        sender=receipt.sender,
        to="nuvola.lab@pec.example",
        subject="Ricevuta della domanda n. 0000002/2026",
        body="La domanda è stata protocollata con il numero 0000002.",
    )
    try:
        board.send(another)
    except DeliveryError as error:
        replies.append(f"refused ({error}); retry later: {error.retryable}")
    # [use-end]
    for reply in replies:
        print(reply)
    return replies


if __name__ == "__main__":
    replies = main()
    assert replies[:2] == ["pinned as number 1", "already pinned"]
    assert replies[2].endswith("retry later: True")

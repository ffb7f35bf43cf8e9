"""A channel that writes each message into a local Maildir.

For development, tests and the demo: nothing leaves the machine, and any mail
reader (``mutt -f``, Thunderbird) shows what the office would have sent. A
message whose Message-ID is already in the folder is not stored again, so a
repeat after a crash stays a single mail.
"""

from __future__ import annotations

import mailbox
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coworkreg_core.errors import DeliveryError
from coworkreg_core.hookspecs import hookimpl
from coworkreg_core.mail import build_email
from coworkreg_core.notify import Channel, Message, Receipt


def _utc_now() -> datetime:
    return datetime.now(UTC)


class MaildirChannel:
    """Deliver into the Maildir at ``path`` (created if missing)."""

    def __init__(
        self,
        path: str | Path,
        *,
        name: str = "maildir",
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.path = Path(path)
        self._name = name
        self._clock = clock

    @property
    def name(self) -> str:
        """The channel's name (``maildir`` unless configured otherwise)."""
        return self._name

    def send(self, message: Message) -> Receipt:
        """Store ``message``; a Message-ID already stored is acknowledged, not stored twice."""
        now = self._clock()
        try:
            box = self._open()
            key = self._stored_key(box, message.message_id)
            if key is not None:
                reply = f"already stored as {key}"
            else:
                key = box.add(build_email(message, date=now))
                reply = f"stored as {key}"
        except OSError as exc:
            raise DeliveryError(f"cannot write to maildir {self.path}: {exc}") from exc
        return Receipt(
            channel=self.name, message_id=message.message_id, accepted_at=now, server_reply=reply
        )

    def message_ids(self) -> list[str]:
        """The Message-IDs stored in the folder, in no particular order."""
        box = self._open()
        return [str(mail["Message-ID"]) for mail in box]

    def _open(self) -> mailbox.Maildir:
        # mailbox creates the three folders only when the top one is new;
        # an existing empty directory is accepted as a maildir too.
        for sub in ("tmp", "new", "cur"):
            (self.path / sub).mkdir(parents=True, exist_ok=True)
        return mailbox.Maildir(self.path, create=False)

    @staticmethod
    def _stored_key(box: mailbox.Maildir, message_id: str) -> str | None:
        # A linear scan: a development folder holds few mails, and no index
        # can fall out of step with the files.
        for key, mail in box.iteritems():
            if mail["Message-ID"] == message_id:
                return key
        return None


@hookimpl
def coworkreg_notification_channels(config: Mapping[str, Any]) -> list[Channel]:
    """A maildir channel when ``config`` has ``maildir: {path: ...}``."""
    settings = config.get("maildir")
    if not settings:
        return []
    if isinstance(settings, str | Path):
        return [MaildirChannel(settings)]
    return [MaildirChannel(settings["path"], name=settings.get("name", "maildir"))]

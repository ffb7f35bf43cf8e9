"""Notification channels: what a message is, what a channel returns, how it fails.

A :class:`Message` is plain data with a stable Message-ID: the same effect
always produces the same id, so a channel or the outbox can tell a first
delivery from a repeat. A :class:`Channel` hands a message over and returns a
:class:`Receipt` with the server's reply, or raises
:class:`~coworkreg_core.errors.DeliveryError` saying whether a retry may help.
Channels come from plugins through ``coworkreg_notification_channels(config)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from attrs import Attribute, field, frozen

from coworkreg_core.errors import PluginError, UnsafeHeaderValue

if TYPE_CHECKING:
    import pluggy

_MESSAGE_ID = re.compile(r"<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+>")
_ID_PART = re.compile(r"[^A-Za-z0-9._-]+")
_MEDIA_TYPE = re.compile(r"[a-z0-9.+-]+/[a-z0-9.+-]+")


def refuse_line_breaks(header: str, value: str) -> str:
    """``value`` unchanged, or :class:`UnsafeHeaderValue` if it holds CR, LF or NUL."""
    if any(char in value for char in "\r\n\0\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"):
        raise UnsafeHeaderValue(header, value)
    return value


def message_id_for(key: str, domain: str) -> str:
    """A stable RFC 5322 Message-ID for an idempotency ``key`` (an outbox item id).

    >>> message_id_for("outbox/42 receipt", "seregno.coworkreg.invalid")
    '<outbox-42-receipt@seregno.coworkreg.invalid>'
    """
    local = _ID_PART.sub("-", key).strip("-.")
    if not local or not re.fullmatch(r"[A-Za-z0-9.-]+", domain):
        raise ValueError(f"cannot build a Message-ID from key {key!r} and domain {domain!r}")
    return f"<{local}@{domain}>"


def _header_safe(_instance: object, attribute: Attribute[Any], value: object) -> None:
    values = value if isinstance(value, tuple) else (value,)
    for item in values:
        refuse_line_breaks(attribute.name, str(item))


def _valid_message_id(_instance: object, _attribute: Attribute[Any], value: str) -> None:
    if not _MESSAGE_ID.fullmatch(value):
        raise ValueError(f"message_id must look like <local@domain>, got {value!r}")


def _valid_address(_instance: object, attribute: Attribute[Any], value: object) -> None:
    values = value if isinstance(value, tuple) else (value,)
    if not values:
        raise ValueError(f"{attribute.name} needs at least one address")
    for address in values:
        if not isinstance(address, str) or address.count("@") != 1 or " " in address.strip():
            raise ValueError(f"{attribute.name} must be e-mail addresses, got {address!r}")


def _valid_media_type(_instance: object, _attribute: Attribute[Any], value: str) -> None:
    if not _MEDIA_TYPE.fullmatch(value):
        raise ValueError(f"media_type must be type/subtype in lower case, got {value!r}")


def _valid_file_name(_instance: object, _attribute: Attribute[Any], value: str) -> None:
    refuse_line_breaks("attachment name", value)
    if not value or "/" in value or "\\" in value or value in {".", ".."}:
        raise ValueError(f"an attachment name is a bare file name, got {value!r}")


def _addresses(value: Iterable[str]) -> tuple[str, ...]:
    # One address given as a string would otherwise become its characters.
    return (value,) if isinstance(value, str) else tuple(value)


def _attachments(value: Iterable[Attachment]) -> tuple[Attachment, ...]:
    return tuple(value)


def _size(content: bytes) -> str:
    return f"<{len(content)} bytes>"


@frozen
class Attachment:
    """A file sent with a message: a bare name, its media type and its bytes."""

    name: str = field(validator=_valid_file_name)
    media_type: str = field(validator=_valid_media_type)
    content: bytes = field(repr=_size)


@frozen
class Message:
    """One message to send; header fields are checked for line breaks on creation."""

    message_id: str = field(validator=_valid_message_id)
    """``<local@domain>``, stable for the same effect: the idempotency key."""
    sender: str = field(validator=[_header_safe, _valid_address])
    to: tuple[str, ...] = field(converter=_addresses, validator=[_header_safe, _valid_address])
    subject: str = field(validator=_header_safe)
    body: str
    """Plain text, UTF-8."""
    attachments: tuple[Attachment, ...] = field(default=(), converter=_attachments)


@frozen
class Receipt:
    """Proof that a channel handed a message over."""

    channel: str
    message_id: str
    accepted_at: datetime
    server_reply: str
    """What the server said when it accepted the message, verbatim."""


@runtime_checkable
class Channel(Protocol):
    """A way to deliver messages (``pec``, ``maildir`` ...)."""

    @property
    def name(self) -> str:
        """The channel's name, unique among installed channels."""
        ...

    def send(self, message: Message) -> Receipt:
        """Hand ``message`` over, or raise ``DeliveryError(reason, retryable=...)``.

        Sending a message whose Message-ID the channel has already handed over
        must not deliver it twice where the channel can tell.
        """
        ...


def channels_from_plugins(
    pm: pluggy.PluginManager, config: Mapping[str, Any]
) -> dict[str, Channel]:
    """Every channel that plugins on ``pm`` build from ``config``, by name.

    Two channels with the same name are an error, so a town never wonders
    which one sent its mail.
    """
    found: dict[str, Channel] = {}
    results: Iterable[Iterable[Channel]] = pm.hook.coworkreg_notification_channels(config=config)
    for channels in results:
        for channel in channels:
            if channel.name in found:
                raise PluginError(f"two plugins provide a notification channel {channel.name!r}")
            found[channel.name] = channel
    return found

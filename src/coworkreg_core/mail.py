"""One way to turn a :class:`~coworkreg_core.notify.Message` into an e-mail.

Every mail channel (the maildir for development, PEC in production) builds
its e-mail here, so the headers, the Message-ID and the attachments are the
same whichever way the message travels.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime

from coworkreg_core.notify import Message, refuse_line_breaks


def build_email(message: Message, *, date: datetime) -> EmailMessage:
    """The MIME message for ``message``, dated ``date`` (an aware datetime).

    The Message-ID is the message's own, never a fresh one, so a repeat can be
    recognised by the receiving side. The body is UTF-8 text; each attachment
    keeps its name, media type and exact bytes.
    """
    if date.tzinfo is None:
        raise ValueError("the Date header needs an aware datetime")
    mail = EmailMessage(policy=policy.SMTP)
    # Message refuses line breaks on creation; checked again because this is
    # the last step before the wire.
    mail["Message-ID"] = refuse_line_breaks("Message-ID", message.message_id)
    mail["Date"] = format_datetime(date)
    mail["From"] = refuse_line_breaks("From", message.sender)
    mail["To"] = ", ".join(refuse_line_breaks("To", address) for address in message.to)
    mail["Subject"] = refuse_line_breaks("Subject", message.subject)
    # Quoted-printable keeps the mail 7-bit clean for servers without 8BITMIME.
    mail.set_content(message.body, charset="utf-8", cte="quoted-printable")
    for attachment in message.attachments:
        maintype, subtype = attachment.media_type.split("/", 1)
        mail.add_attachment(
            attachment.content, maintype=maintype, subtype=subtype, filename=attachment.name
        )
    if mail.is_multipart():
        # The default boundary is random; one derived from the message keeps a
        # resent mail byte-identical. "=_" cannot occur in base64 or
        # quoted-printable text, so the boundary never collides with a part.
        digest = hashlib.sha256(message.message_id.encode())
        for attachment in message.attachments:
            digest.update(attachment.content)
        mail.set_boundary(f"=_coworkreg_{digest.hexdigest()[:32]}")
    return mail

"""The PEC channel: submit a message to the town's certified-mail provider over SMTP/TLS.

A PEC provider takes mail by authenticated SMTP over TLS, implicit (SMTPS)
or upgraded with STARTTLS, and answers with its own receipts by mail. This
channel does the submission: it verifies the server's certificate, logs in,
sends the e-mail built by :func:`coworkreg_core.mail.build_email`, and keeps
the server's reply to the final DATA command in the :class:`Receipt`.

Failures become :class:`DeliveryError`: a server that is down, refuses the
login, presents a bad certificate or answers 4xx may work later
(``retryable=True``); a 5xx answer to the sender, a recipient or the data
will not (``retryable=False``).
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable
from datetime import UTC, datetime

from coworkreg_core.errors import DeliveryError
from coworkreg_core.mail import build_email
from coworkreg_core.notify import Message, Receipt
from coworkreg_pec.ledger import SentLedger
from coworkreg_pec.settings import PecSettings


def _utc_now() -> datetime:
    return datetime.now(UTC)


class PecChannel:
    """Deliver messages through the PEC provider described by ``settings``."""

    def __init__(self, settings: PecSettings, *, clock: Callable[[], datetime] = _utc_now) -> None:
        self.settings = settings
        self._clock = clock
        self._ledger = SentLedger(settings.sent_log) if settings.sent_log else None

    @property
    def name(self) -> str:
        """The channel's name (``pec`` unless configured otherwise)."""
        return self.settings.name

    def send(self, message: Message) -> Receipt:
        """Submit ``message``; a Message-ID already in the ledger is not sent again."""
        if self._ledger is not None:
            earlier = self._ledger.get(message.message_id)
            if earlier is not None:
                return earlier
        now = self._clock()
        raw = build_email(message, date=now).as_bytes()
        try:
            reply = self._submit(message, raw)
        except ssl.SSLCertVerificationError as exc:
            raise DeliveryError(
                f"bad certificate from {self._where}: {exc.verify_message}"
            ) from exc
        except smtplib.SMTPAuthenticationError as exc:
            raise DeliveryError(f"login refused by {self._where}: {_said(exc)}") from exc
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            raise DeliveryError(
                f"recipients refused by {self._where}: {exc.recipients}",
                retryable=all(400 <= code < 500 for code in codes),
            ) from exc
        except smtplib.SMTPResponseException as exc:
            raise DeliveryError(
                f"{self._where} answered {_said(exc)}", retryable=exc.smtp_code < 500
            ) from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"cannot reach {self._where}: {exc}") from exc
        receipt = Receipt(
            channel=self.name, message_id=message.message_id, accepted_at=now, server_reply=reply
        )
        if self._ledger is not None:
            self._ledger.record(receipt)
        return receipt

    @property
    def _where(self) -> str:
        return f"{self.settings.host}:{self.settings.port}"

    def _tls_context(self) -> ssl.SSLContext:
        # Verification stays on: the system store, or the configured CA bundle.
        return ssl.create_default_context(cafile=self.settings.ca_bundle)

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        if s.security == "tls":
            return smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=self._tls_context())
        smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        try:
            smtp.starttls(context=self._tls_context())
        except BaseException:
            smtp.close()
            raise
        return smtp

    def _submit(self, message: Message, raw: bytes) -> str:
        smtp = self._connect()
        try:
            smtp.ehlo_or_helo_if_needed()
            if self.settings.username is not None:
                smtp.login(self.settings.username, self.settings.password or "")
            code, said = smtp.mail(message.sender)
            if code != 250:
                raise smtplib.SMTPSenderRefused(code, said, message.sender)
            refused = {}
            for address in message.to:
                code, said = smtp.rcpt(address)
                if code not in (250, 251):
                    refused[address] = (code, said)
            if refused:
                raise smtplib.SMTPRecipientsRefused(refused)
            code, said = smtp.data(raw)
            if code != 250:
                raise smtplib.SMTPDataError(code, said)
        except BaseException:
            smtp.close()
            raise
        # The server has the message: a failing QUIT must not turn it into an error.
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
        return f"{code} {said.decode('utf-8', 'replace')}"


def _said(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else ""
    return f"{exc.smtp_code} {text}".strip()

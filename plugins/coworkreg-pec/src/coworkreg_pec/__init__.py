"""Notifications by PEC (certified e-mail), registered through the ``coworkreg`` entry point.

Configuration, under ``pec`` in the mapping the host passes to
``coworkreg_notification_channels``::

    pec:
      host: smtps.pec.example.it
      port: 465                # 587 with security: starttls
      security: tls            # or starttls
      username: protocollo@pec.comune.seregno.mb.it
      password_env: COWORKREG_PEC_PASSWORD
      ca_bundle: /etc/ssl/certs/ca-certificates.crt
      sent_log: /var/lib/coworkreg/pec-sent.jsonl
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coworkreg_core import hookimpl
from coworkreg_core.notify import Channel
from coworkreg_pec.channel import PecChannel
from coworkreg_pec.ledger import SentLedger
from coworkreg_pec.settings import PecSettings

__all__ = ["PecChannel", "PecSettings", "SentLedger", "coworkreg_notification_channels"]


@hookimpl
def coworkreg_notification_channels(config: Mapping[str, Any]) -> list[Channel]:
    """A PEC channel when ``config`` has a ``pec`` section; none otherwise."""
    section = config.get("pec")
    if not section:
        return []
    return [PecChannel(PecSettings.from_config(section))]

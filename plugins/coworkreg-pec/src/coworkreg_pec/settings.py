"""How to reach the PEC provider: read from the ``pec`` section of the configuration."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from attrs import field, frozen

from coworkreg_core.errors import PluginError

Security = Literal["tls", "starttls"]


@frozen
class PecSettings:
    """SMTP submission settings; the password never shows in a repr."""

    host: str
    port: int = 465
    security: Security = "tls"
    """``tls``: implicit TLS (SMTPS, port 465); ``starttls``: upgrade on port 587."""
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    ca_bundle: str | None = None
    """A PEM file of trusted CAs; the system's store when unset."""
    timeout: float = 30.0
    sent_log: Path | None = None
    """Where to keep the record of Message-IDs handed over; none when unset."""
    name: str = "pec"

    @classmethod
    def from_config(cls, section: Mapping[str, Any]) -> PecSettings:
        """Settings from a mapping; ``password_env`` names a variable holding the password."""
        security = section.get("security", "tls")
        if security not in ("tls", "starttls"):
            raise PluginError(f"pec.security must be 'tls' or 'starttls', not {security!r}")
        if "host" not in section:
            raise PluginError("pec.host is required")
        password = section.get("password")
        if password is None and section.get("password_env"):
            password = os.environ.get(section["password_env"])
            if password is None:
                raise PluginError(f"pec.password_env: ${section['password_env']} is not set")
        sent_log = section.get("sent_log")
        return cls(
            host=section["host"],
            port=int(section.get("port", 465 if security == "tls" else 587)),
            security=security,
            username=section.get("username"),
            password=password,
            ca_bundle=section.get("ca_bundle"),
            timeout=float(section.get("timeout", 30.0)),
            sent_log=Path(sent_log) if sent_log else None,
            name=section.get("name", "pec"),
        )

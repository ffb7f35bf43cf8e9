"""Fixtures: a real SMTP server with TLS on loopback, and certificates made for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from coworkreg_pec.testing import Authority, SmtpServer, make_authority


@pytest.fixture(scope="session")
def trusted(tmp_path_factory: pytest.TempPathFactory) -> Authority:
    """The CA the client is configured to trust."""
    return make_authority(tmp_path_factory.mktemp("pki"), "trusted")


@pytest.fixture(scope="session")
def stranger(tmp_path_factory: pytest.TempPathFactory) -> Authority:
    """A CA the client has never heard of."""
    return make_authority(tmp_path_factory.mktemp("pki"), "stranger")


@pytest.fixture(params=["tls", "starttls"])
def server(request: pytest.FixtureRequest, trusted: Authority) -> Iterator[SmtpServer]:
    """A running server with a certificate from the trusted CA, in each TLS mode."""
    smtp = SmtpServer(trusted, request.param)
    smtp.start()
    yield smtp
    smtp.stop()

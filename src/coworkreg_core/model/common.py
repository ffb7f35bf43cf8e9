"""Values shared across the provider model: addresses and how a service is paid."""

from __future__ import annotations

from typing import Literal

from attrs import frozen

Pricing = Literal["included", "charged"]
"""Whether a service is included in the desk price or charged on top."""


@frozen(kw_only=True)
class Coordinates:
    """A point in WGS 84 degrees."""

    lat: float
    lon: float


@frozen(kw_only=True)
class Address:
    """An Italian address; ``istat_code`` names the municipality (Seregno is ``108039``)."""

    street: str
    postal_code: str
    municipality: str
    istat_code: str
    province: str
    coordinates: Coordinates | None = None

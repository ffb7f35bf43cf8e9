"""Sample checks of self-declarations (DPR 445/2000 art. 71).

The office must check declarations "anche a campione". The sample is drawn
from the listings in force with a seeded generator, so anyone holding the
seed and the list can draw it again and see it was not picked by hand; the
draw itself is recorded in the protocol register with its digest.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
from collections.abc import Sequence
from datetime import date
from typing import Any

from attrs import frozen


@frozen
class SampleDraw:
    """One recorded draw: from what, with which seed and share, and what came out."""

    town: str
    on: date
    seed: str
    share: float
    population: tuple[str, ...]
    chosen: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The draw as stored and published to the office."""
        return {
            "town": self.town,
            "on": self.on.isoformat(),
            "seed": self.seed,
            "share": self.share,
            "population": list(self.population),
            "chosen": list(self.chosen),
        }

    def canonical_bytes(self) -> bytes:
        """The draw as canonical JSON: what the protocol entry's digest seals."""
        return json.dumps(self.to_json(), sort_keys=True, separators=(",", ":")).encode()

    @property
    def sha256(self) -> str:
        """The digest of :meth:`canonical_bytes`."""
        return hashlib.sha256(self.canonical_bytes()).hexdigest()


def draw_sample(
    town: str, on: date, registration_numbers: Sequence[str], *, share: float, seed: str
) -> SampleDraw:
    """Choose ``ceil(share * n)`` listings (at least one if any) reproducibly from ``seed``."""
    if not 0 < share <= 1:
        raise ValueError(f"the sample share must be in (0, 1], not {share}")
    population = tuple(sorted(registration_numbers))
    size = min(len(population), max(1, math.ceil(share * len(population)))) if population else 0
    # The seed is mixed with town and date so one seed reused on another day draws anew.
    rng = random.Random(f"{seed}/{town}/{on.isoformat()}")  # noqa: S311 - reproducible, not secret
    chosen = tuple(sorted(rng.sample(population, size)))
    return SampleDraw(town, on, seed, share, population, chosen)

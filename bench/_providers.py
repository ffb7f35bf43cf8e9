"""Realistic provider documents for the benchmarks, varied from the valid examples.

Each document is about 5 KB of JSON with three spaces in towns of Brianza,
fresh names and VAT numbers with a correct check digit, and passes the
provider schema. The same seed gives the same documents.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stdnum import luhn

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "providers" / "valid"
TOWNS = [
    ("Seregno", "108039", "20831"),
    ("Desio", "108023", "20832"),
    ("Lissone", "108028", "20851"),
    ("Meda", "108030", "20821"),
    ("Giussano", "108024", "20833"),
    ("Monza", "108033", "20900"),
]
STREETS = ["Via Roma", "Via Milano", "Corso del Popolo", "Via Cavour", "Via Stoppani", "Via Como"]
NAMES = ["Spazio", "Hub", "Officina", "Studio"]


def example_templates() -> list[str]:
    """The valid example documents as JSON text (parsing a copy is cheaper than deepcopy)."""
    return [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.json"))]


def _vat(rng: random.Random) -> str:
    ten = f"{rng.randrange(1, 10**7):07d}015"
    return ten + luhn.calc_check_digit(ten)


def provider(rng: random.Random, templates: list[str]) -> dict[str, Any]:
    """A valid provider of about 5 KB, varied from one of ``templates``."""
    doc: dict[str, Any] = json.loads(rng.choice(templates))
    org = doc["organisation"]
    org["name"] = f"{rng.choice(NAMES)} {rng.randrange(10**6)}"
    if org["tax_code"].isdigit():
        org["tax_code"] = _vat(rng)
    if "vat_number" in org:
        org["vat_number"] = _vat(rng)
    while len(doc["spaces"]) < 3:
        doc["spaces"].append(json.loads(json.dumps(rng.choice(doc["spaces"]))))
    for index, space in enumerate(doc["spaces"]):
        town, istat, cap = rng.choice(TOWNS)
        space["id"] = f"sede-{index}-{rng.randrange(1000)}"
        space["workstations"] = rng.randrange(1, 80)
        space["address"].update(
            street=f"{rng.choice(STREETS)} {rng.randrange(1, 200)}",
            municipality=town,
            istat_code=istat,
            postal_code=cap,
        )
    return doc


def providers(count: int, seed: int = 2025) -> Iterator[dict[str, Any]]:
    """``count`` valid providers, the same ones for the same seed."""
    rng = random.Random(seed)
    templates = example_templates()
    for _ in range(count):
        yield provider(rng, templates)

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from coworkreg_core.publication import public_entry

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "providers" / "valid"


def example_providers() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.json"))]


@pytest.fixture
def providers() -> list[dict[str, Any]]:
    return example_providers()


@pytest.fixture
def entries(providers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        public_entry(
            provider,
            registration_number=f"SER-2026-{index:04d}",
            listed_on=dt.date(2026, 3, 1),
            valid_until=dt.date(2029, 2, 28),
        )
        for index, provider in enumerate(providers, start=1)
    ]

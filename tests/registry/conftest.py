from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from coworkreg_core.registry import Registry
from coworkreg_core.workflow import Actor

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "providers" / "valid"

REVIEWER = Actor("istruttore.rossi", roles={"reviewer"})
MANAGER = Actor("responsabile.bianchi", roles={"manager"})


def at(day: str, hour: int = 10) -> datetime:
    """A fixed office time on ``day`` (ISO date), in UTC."""
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00").replace(tzinfo=UTC)


def example(stem: str) -> dict[str, Any]:
    (path,) = EXAMPLES.glob(f"{stem}*.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def applicant_of(provider: dict[str, Any]) -> Actor:
    return Actor(provider["organisation"]["pec"])


@pytest.fixture
def registry(tmp_path: Path) -> Iterator[Registry]:
    config = {
        "sender": "protocollo@pec.comune.seregno.example",
        "maildir": {"path": str(tmp_path / "mail"), "name": "pec"},
        "signer": {"name": "Dott.ssa Anna Colombo", "role": "La responsabile del procedimento"},
    }
    with Registry.open(f"sqlite:///{tmp_path / 'register.db'}", "seregno", config=config) as opened:
        yield opened

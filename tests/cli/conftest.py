"""The CLI over a register on a SQLite file, at fixed times."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from coworkreg_core.cli import main
from coworkreg_core.registry import Registry
from coworkreg_core.workflow import Actor

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "providers"
REVIEWER = Actor("istruttore.rossi", roles={"reviewer"})
MANAGER = Actor("responsabile.bianchi", roles={"manager"})
AS_REVIEWER = ("--as", REVIEWER.id, "--role", "reviewer")
AS_MANAGER = ("--as", MANAGER.id, "--role", "manager")


def at(day: str, hour: int = 10) -> datetime:
    """A fixed office time on ``day`` (ISO date), in UTC."""
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00").replace(tzinfo=UTC)


def example_path(stem: str) -> Path:
    """The valid example provider whose file name starts with ``stem``."""
    (path,) = (EXAMPLES / "valid").glob(f"{stem}*.json")
    return path


def example(stem: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(example_path(stem).read_text(encoding="utf-8"))
    return data


def applicant_of(provider: dict[str, Any]) -> Actor:
    return Actor(provider["organisation"]["pec"])


class Cli:
    """Runs ``coworkreg`` on one database: ``cli("history", app_id, now=...)``."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.url = f"sqlite:///{db}"

    def __call__(self, *args: str, now: str | None = None) -> Result:
        argv = [*args, "--db", self.url]
        if now is not None:
            argv += ["--now", now]
        return CliRunner().invoke(main, argv)

    def registry(self) -> Registry:
        """The same register through the library, to set up and to look."""
        return Registry.open(self.url, "seregno")

    def snapshot(self) -> list[str]:
        """Every row of every table, to show that a failed command changed nothing."""
        with sqlite3.connect(self.db) as connection:
            return list(connection.iterdump())


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """A CLI over an initialised, empty register."""
    runner = Cli(tmp_path / "register.db")
    result = runner("init")
    assert result.exit_code == 0, result.output
    return runner


@pytest.fixture
def registry(cli: Cli) -> Iterator[Registry]:
    """The library's view of the same register."""
    with cli.registry() as opened:
        yield opened


def file_example(registry: Registry, stem: str, day: str = "2026-03-02") -> str:
    """File an example provider through the library; its application id."""
    provider = example(stem)
    return registry.file(provider, applicant_of(provider), now=at(day)).id


def under_review(registry: Registry, stem: str, day: str = "2026-03-02") -> str:
    """File an example and take it in charge the same day."""
    app_id = file_example(registry, stem, day)
    registry.transition(app_id, "take_in_charge", REVIEWER, now=at(day, 11))
    return app_id


def listed(registry: Registry, stem: str, day: str = "2026-03-02") -> str:
    """File, take in charge and approve an example the same day."""
    app_id = under_review(registry, stem, day)
    registry.approve(app_id, MANAGER, now=at(day, 12))
    return app_id

"""``coworkreg sample``: the art. 71 sample checks, seeded and recorded."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from coworkreg_core.registry import Registry

from .conftest import AS_MANAGER, AS_REVIEWER, Cli, listed


def draw(cli: Cli, *extra: str) -> dict[str, Any]:
    result = cli(
        "sample",
        "--on",
        "2026-04-01",
        "--seed",
        "verbale-12",
        *AS_MANAGER,
        *extra,
        "--format",
        "json",
        now="2026-04-01T09:00:00",
    )
    assert result.exit_code == 0, result.output
    drawn: dict[str, Any] = json.loads(result.output)
    return drawn


class TestSample:
    def test_the_same_seed_draws_the_same_sample_and_each_draw_is_recorded(
        self, cli: Cli, registry: Registry
    ) -> None:
        """Three listings, the town's share: reproducible, with a protocol entry each time."""
        for stem in ("01", "03", "06"):  # the three the rules find eligible
            listed(registry, stem)
        first, second = draw(cli), draw(cli)
        assert first == second
        assert first["population"] == [
            "SEREGNO-2026-0001",
            "SEREGNO-2026-0002",
            "SEREGNO-2026-0003",
        ]
        assert set(first["chosen"]) <= set(first["population"])
        recorded = [
            e for e in registry.storage.protocol_entries(2026) if e.subject.startswith("Controlli")
        ]
        assert [e.document_sha256 for e in recorded] == [first["sha256"]] * 2

    def test_text_names_the_chosen_listings(self, cli: Cli, registry: Registry) -> None:
        """The summary gives counts, share and seed; then one number per line."""
        listed(registry, "01")
        result = cli("sample", "--on", "2026-04-01", "--seed", "s", *AS_MANAGER, now="2026-04-01")
        lines = result.output.splitlines()
        assert lines[0].startswith("Controlli a campione al 2026-04-01: 1 su 1 iscritti")
        assert lines[1:] == ["  SEREGNO-2026-0001"]

    def test_a_reviewer_may_not_draw(self, cli: Cli, registry: Registry) -> None:
        """Only a role that manages listings draws; nothing is recorded otherwise."""
        listed(registry, "01")
        before = cli.snapshot()
        result = cli("sample", "--on", "2026-04-01", "--seed", "s", *AS_REVIEWER, now="2026-04-01")
        assert result.exit_code == 1
        assert "sample_checks non consentita" in result.output
        assert "ruolo" in result.output
        assert cli.snapshot() == before
        assert registry.storage.public_list("seregno", date(2026, 4, 1))

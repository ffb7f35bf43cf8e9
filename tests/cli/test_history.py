"""``coworkreg history``: each entry, and the hash chain checked."""

from __future__ import annotations

import json
import sqlite3

from coworkreg_core.registry import Registry

from .conftest import Cli, listed


class TestHistory:
    def test_json_lists_every_entry_with_the_chain_verified(
        self, cli: Cli, registry: Registry
    ) -> None:
        """Submit, take in charge, approve: times, actors, states, hashes."""
        app_id = listed(registry, "01")
        result = cli("history", app_id, "--format", "json")
        assert result.exit_code == 0, result.output
        document = json.loads(result.output)
        assert document["chain"] == "verified"
        entries = document["entries"]
        assert [(e["action"], e["from"], e["to"]) for e in entries] == [
            ("submit", "draft", "submitted"),
            ("take_in_charge", "submitted", "under_review"),
            ("approve", "under_review", "listed"),
        ]
        assert [e["actor"] for e in entries][1:] == ["istruttore.rossi", "responsabile.bianchi"]
        assert entries[0]["time"] == "2026-03-02T10:00:00+00:00"
        assert entries[-1]["hash"] == registry.history(app_id)[-1].hash

    def test_text_one_line_per_entry_then_the_verification(
        self, cli: Cli, registry: Registry
    ) -> None:
        """Each line: time, actor, action, from -> to; the last says the chain holds."""
        app_id = listed(registry, "01")
        lines = cli("history", app_id, "--lang", "en").output.splitlines()
        assert lines[1] == (
            "2026-03-02T11:00:00+00:00  istruttore.rossi  take_in_charge  submitted -> under_review"
        )
        assert lines[-1].startswith("Chain verified: 3 entries, last hash ")

    def test_a_changed_entry_breaks_the_chain(self, cli: Cli, registry: Registry) -> None:
        """An entry edited in the database: exit 1 and the broken link named."""
        app_id = listed(registry, "01")
        with sqlite3.connect(cli.db) as connection:
            # Only someone going around the library can do this: the table is append-only.
            connection.execute("drop trigger history_no_update")
            connection.execute(
                "update history set entry = replace(entry, 'istruttore.rossi', 'x') where seq = 2"
            )
        result = cli("history", app_id)
        assert result.exit_code == 1
        assert "Procedimento: history of" in result.output
        assert "broken" in result.output

    def test_a_wrong_id(self, cli: Cli) -> None:
        """An application that does not exist is an error, not an empty history."""
        result = cli("history", "nessuna", "--lang", "en")
        assert result.exit_code == 1
        assert "No application with id nessuna" in result.output

"""``coworkreg outbox list|retry`` for the office."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from coworkreg_core.cli import main
from coworkreg_core.storage import open_storage


@pytest.fixture
def url(tmp_path: Path) -> str:
    """A register with one pending item and two dead ones."""
    url = f"sqlite:///{tmp_path}/register.db"
    with open_storage(url) as storage:
        with storage.transaction() as tx:
            for key in ("a", "b", "c"):
                tx.enqueue("pec", {"to": ["x@pec.example.it"]}, key=key)
        for item in storage.claim_outbox(limit=2):
            storage.mark_failed(
                item.id,
                "535 login refused\nsecond line",
                next_attempt_at=item.next_attempt_at,
                max_attempts=1,
            )
    return url


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["outbox", *args])
    return result.exit_code, result.output


class TestList:
    def test_json_lists_every_item_with_its_state(self, url: str) -> None:
        """Keys, statuses, attempts and the last error, oldest first."""
        code, out = run("list", "--storage", url, "--format", "json")
        assert code == 0
        items = json.loads(out)
        assert [(i["key"], i["status"], i["attempts"]) for i in items] == [
            ("a", "dead", 1),
            ("b", "dead", 1),
            ("c", "pending", 0),
        ]
        assert items[0]["last_error"] == "535 login refused\nsecond line"

    def test_text_in_italian_by_default_and_filtered_by_status(self, url: str) -> None:
        """One row per dead item, Italian headings, first line of the error."""
        code, out = run("list", "--storage", url, "--status", "dead")
        lines = out.splitlines()
        assert code == 0
        assert lines[0].split()[:3] == ["id", "stato", "tentativi"]
        assert len(lines) == 3
        assert "non recapitabile" in lines[1]
        assert "535 login refused" in lines[1]
        assert "second line" not in out

    def test_english_on_request(self, url: str) -> None:
        """--lang en switches headings and statuses."""
        code, out = run("list", "--storage", url, "--status", "pending", "--lang", "en")
        assert code == 0
        assert out.splitlines()[0].startswith("id  status")
        assert "pending" in out.splitlines()[1]

    def test_the_storage_may_come_from_the_environment(
        self, url: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """$COWORKREG_STORAGE stands in for --storage."""
        monkeypatch.setenv("COWORKREG_STORAGE", url)
        code, out = run("list", "--format", "json")
        assert code == 0
        assert len(json.loads(out)) == 3

    def test_an_unknown_storage_is_a_clear_error(self) -> None:
        """No traceback: a message and exit code 1."""
        code, out = run("list", "--storage", "nosuch://x")
        assert code == 1
        assert "Error: no storage back end for 'nosuch://x'" in out


class TestRetry:
    def test_retry_by_id_puts_a_dead_item_back(self, url: str) -> None:
        """The item is pending again with its attempts reset."""
        code, out = run("retry", "--storage", url, "1")
        assert code == 0
        assert "Elementi rimessi in coda: 1." in out
        items = json.loads(run("list", "--storage", url, "--format", "json")[1])
        first = items[0]
        assert (first["key"], first["status"], first["attempts"]) == ("a", "pending", 0)

    def test_retry_all(self, url: str) -> None:
        """--all revives every dead item."""
        code, out = run("retry", "--storage", url, "--all", "--lang", "en")
        assert code == 0
        assert "2 item(s) put back in the queue." in out

    def test_an_id_that_is_not_dead_is_reported(self, url: str) -> None:
        """Asking for a pending item exits 1 and says so."""
        code, out = run("retry", "--storage", url, "3")
        assert code == 1
        assert "Id che non erano tra i non recapitabili: 1." in out

    def test_ids_or_all_but_not_both(self, url: str) -> None:
        """The two ways of choosing exclude each other."""
        code, out = run("retry", "--storage", url, "--all", "1")
        assert code == 2
        assert "not both" in out

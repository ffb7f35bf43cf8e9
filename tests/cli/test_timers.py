"""``coworkreg timers run``: the transitions whose time has come."""

from __future__ import annotations

from coworkreg_core.registry import Registry

from .conftest import Cli, listed


class TestTimers:
    def test_nothing_is_due_on_the_last_day_of_validity(self, cli: Cli, registry: Registry) -> None:
        """A listing valid until 1 March 2029 still stands that day."""
        listed(registry, "01")
        before = cli.snapshot()
        result = cli("timers", "run", now="2029-03-01T23:00:00")
        assert result.exit_code == 0, result.output
        assert result.output.strip() == "Scadenze eseguite: 0."
        assert cli.snapshot() == before

    def test_the_listing_expires_the_day_after(self, cli: Cli, registry: Registry) -> None:
        """On 2 March 2029 the timer expires it, fired by the system; running again does nothing."""
        app_id = listed(registry, "01")
        result = cli("timers", "run", "--lang", "en", now="2029-03-02T06:00:00")
        assert result.exit_code == 0, result.output
        assert result.output.splitlines() == ["Timers fired: 1.", f"  {app_id}: expired"]
        assert registry.history(app_id)[-1].actor == "system"
        again = cli("timers", "run", "--lang", "en", now="2029-03-03T06:00:00")
        assert again.output.strip() == "Timers fired: 0."

    def test_a_time_that_is_not_iso(self, cli: Cli) -> None:
        """A malformed ``--now`` is refused before anything is opened."""
        result = cli("timers", "run", now="domani")
        assert result.exit_code == 2
        assert "ISO 8601" in result.output

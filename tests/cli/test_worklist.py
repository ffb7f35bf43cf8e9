"""``coworkreg worklist``: what an office member must do, nearest deadline first."""

from __future__ import annotations

import json

from coworkreg_core.registry import Registry

from .conftest import AS_REVIEWER, Cli, file_example


class TestWorklist:
    def test_sorted_by_deadline_with_days_left(self, cli: Cli, registry: Registry) -> None:
        """Filed on 2 and 5 March: the one due on 1 April comes first, 27 days left on 5 March."""
        later = file_example(registry, "06", "2026-03-05")
        earlier = file_example(registry, "01", "2026-03-02")
        result = cli("worklist", *AS_REVIEWER, "--format", "json", now="2026-03-05T12:00:00")
        assert result.exit_code == 0, result.output
        items = json.loads(result.output)
        assert [i["application"] for i in items] == [earlier, later]
        assert (items[0]["deadline"], items[0]["days_left"]) == ("2026-04-01", 27)
        assert items[0]["worklist"] == "to_take_in_charge"
        assert (
            items[0]["provider"] == registry.application(earlier).provider["organisation"]["name"]
        )

    def test_text_table_in_italian(self, cli: Cli, registry: Registry) -> None:
        """A heading row, then one row per application."""
        app_id = file_example(registry, "01")
        lines = cli("worklist", *AS_REVIEWER, now="2026-03-03").output.splitlines()
        assert lines[0].split()[:3] == ["scadenza", "giorni", "stato"]
        assert lines[1].split()[:3] == ["2026-04-01", "29", "submitted"]
        assert lines[1].endswith(app_id)

    def test_an_applicant_has_nothing_on_the_office_lists(
        self, cli: Cli, registry: Registry
    ) -> None:
        """The worklists are guarded by role: an actor without one sees none."""
        file_example(registry, "01")
        result = cli("worklist", "--as", "chiunque", "--lang", "en", now="2026-03-03")
        assert result.exit_code == 0
        assert result.output.strip() == "Nothing to do."

    def test_who_acts_is_required(self, cli: Cli) -> None:
        """``--as`` is required: a usage error names it."""
        result = cli("worklist")
        assert result.exit_code == 2
        assert "--as" in result.output

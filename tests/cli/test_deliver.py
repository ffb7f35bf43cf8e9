"""``coworkreg deliver``: the outbox sent through the channels the settings name."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from coworkreg_core.cli import main
from coworkreg_core.registry import Registry

from .conftest import Cli, file_example


def settings(tmp_path: Path) -> Path:
    """A YAML settings file: PEC mail goes to a maildir under ``tmp_path``."""
    path = tmp_path / "coworkreg.yaml"
    path.write_text(
        f"sender: protocollo@pec.comune.seregno.example\n"
        f"maildir:\n  path: {tmp_path / 'mail'}\n  name: pec\n",
        encoding="utf-8",
    )
    return path


class TestDeliver:
    def test_the_receipt_reaches_the_maildir(
        self, cli: Cli, registry: Registry, tmp_path: Path
    ) -> None:
        """Filing queues a receipt and its archive copy; both go out and are marked sent."""
        file_example(registry, "01")
        result = cli(
            "deliver", "--config", str(settings(tmp_path)), now="2026-03-02T10:05:00+00:00"
        )
        assert result.exit_code == 0, result.output
        assert result.output.splitlines()[-1] == ("Inviati: 2; da ritentare o non recapitabili: 0.")
        assert len(list((tmp_path / "mail" / "new").iterdir())) == 1
        assert {item.status for item in registry.storage.list_outbox()} == {"sent"}

    def test_without_a_channel_the_mail_waits(self, cli: Cli, registry: Registry) -> None:
        """No PEC channel configured: the receipt stays in the outbox to be retried."""
        file_example(registry, "01")
        result = cli("deliver", "--lang", "en", now="2026-03-02T10:05:00+00:00")
        assert result.exit_code == 0, result.output
        assert result.output.splitlines()[-1] == "Sent: 1; to retry or dead: 1."
        assert sorted(item.status for item in registry.storage.list_outbox()) == [
            "pending",
            "sent",
        ]

    def test_settings_that_are_not_a_mapping(self, cli: Cli, tmp_path: Path) -> None:
        """A settings file must be a mapping; the file is named; exit 1."""
        broken = tmp_path / "broken.yaml"
        broken.write_text("- just\n- a list\n", encoding="utf-8")
        result = cli("deliver", "--config", str(broken))
        assert result.exit_code == 1
        assert "File non valido" in result.output
        assert "broken.yaml" in result.output

    def test_settings_from_the_environment(
        self, cli: Cli, registry: Registry, tmp_path: Path
    ) -> None:
        """$COWORKREG_CONFIG stands in for --config."""
        file_example(registry, "01")
        runner = CliRunner(env={"COWORKREG_CONFIG": str(settings(tmp_path))})
        result = runner.invoke(main, ["deliver", "--db", cli.url, "--now", "2026-03-02T10:05"])
        assert result.exit_code == 0, result.output
        assert len(list((tmp_path / "mail" / "new").iterdir())) == 1

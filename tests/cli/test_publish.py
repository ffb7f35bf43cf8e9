"""``coworkreg publish``: the public list as on a date, in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest

from coworkreg_core.registry import Registry

from .conftest import Cli, example, listed


class TestPublish:
    def test_writes_every_format_without_private_data(
        self, cli: Cli, registry: Registry, tmp_path: Path
    ) -> None:
        """CSV, JSON, HTML and DCAT; the legal representative's tax code is nowhere."""
        listed(registry, "01")
        out = tmp_path / "public"
        result = cli("publish", "--out", str(out), "--on", "2026-03-03", "--no-pdf")
        assert result.exit_code == 0, result.output
        names = sorted(path.name for path in out.iterdir())
        assert names == sorted(line.strip() for line in result.output.splitlines()[-len(names) :])
        assert "dcat.jsonld" in names
        (data,) = [path for path in out.iterdir() if path.suffix == ".json"]
        entries = json.loads(data.read_text(encoding="utf-8"))
        assert "SEREGNO-2026-0001" in json.dumps(entries)
        private = example("01")["legal_representative"]["tax_code"]
        assert all(private not in path.read_text(encoding="utf-8") for path in out.iterdir())
        assert "Elenco al 2026-03-03: 1 iscritti" in result.output

    def test_the_same_data_gives_the_same_bytes(
        self, cli: Cli, registry: Registry, tmp_path: Path
    ) -> None:
        """Two runs on one date, with one base URL, write identical files."""
        listed(registry, "01")
        runs = []
        for name in ("a", "b"):
            out = tmp_path / name
            args = ("--out", str(out), "--on", "2026-03-03", "--no-pdf", "--base-url", "https://x/")
            assert cli("publish", *args).exit_code == 0
            runs.append({p.name: p.read_bytes() for p in out.iterdir()})
        assert runs[0] == runs[1]

    def test_before_any_listing_the_list_is_empty(self, cli: Cli, tmp_path: Path) -> None:
        """An empty register publishes an empty list, not an error."""
        result = cli("publish", "--out", str(tmp_path / "p"), "--no-pdf", "--lang", "en")
        assert result.exit_code == 0, result.output
        assert ": 0 listings" in result.output

    @pytest.mark.slow
    def test_with_the_pdf_a(self, cli: Cli, registry: Registry, tmp_path: Path) -> None:
        """Without ``--no-pdf`` the list is also rendered as a PDF that declares PDF/A."""
        listed(registry, "01")
        out = tmp_path / "public"
        result = cli("publish", "--out", str(out), "--on", "2026-03-03")
        assert result.exit_code == 0, result.output
        (pdf,) = out.glob("*.pdf")
        with pikepdf.open(pdf) as document:
            assert document.open_metadata().pdfa_status.startswith(("2", "3"))

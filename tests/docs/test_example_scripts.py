"""Every worked example is a script that runs, and every script is in the docs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted((ROOT / "examples" / "scripts").glob("*.py"))
DOCS = ROOT / "docs"


def _pages() -> str:
    return "\n".join(
        page.read_text(encoding="utf-8")
        for page in DOCS.rglob("*.md")
        if "_build" not in page.parts and "_generated" not in page.parts
    )


class TestExampleScripts:
    def test_there_are_examples(self):
        """The examples folder is found and holds the worked examples."""
        names = {script.stem for script in SCRIPTS}
        assert {"seregno_rules", "desio_overrides", "site_inspection"} <= names

    @pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
    def test_runs_and_its_own_checks_pass(self, script: Path):
        """The script exits 0 (its asserts held) and prints what the docs show."""
        done = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, timeout=300, check=False
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip()
        assert not done.stderr

    @pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
    def test_is_shown_in_the_docs(self, script: Path):
        """Some page includes the script, so no example is left unexplained."""
        assert f"examples/scripts/{script.name}" in _pages()

    @pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
    def test_every_marker_the_docs_use_exists(self, script: Path):
        """Each ``# [name]`` a page cuts at is in the script, so an include never goes empty."""
        source = script.read_text(encoding="utf-8")
        pages = _pages()
        for line in source.splitlines():
            marker = line.strip()
            if marker.startswith("# [") and not marker.endswith("-end]"):
                assert marker.replace("]", "-end]") in source
        for chunk in pages.split(f"examples/scripts/{script.name}")[1:]:
            block = chunk.split("```", 1)[0]
            for option in block.splitlines():
                if option.startswith((":start-after:", ":end-before:")):
                    assert option.split(":", 2)[2].strip().strip('"') in source

"""The benchmark runner still runs: every section is measured, with figures against baselines.

This keeps ``bench/`` from rotting as the library changes; it runs the whole
suite in ``--quick`` mode (small sizes, under a minute on a quiet machine).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = [
    "validation",
    "rules",
    "workflow",
    "storage",
    "publication",
    "documents",
    "imports",
    "memory",
    "growth",
    "regional",
]
# Measured only with a PostgreSQL server; without one the section says why it was skipped.
NEEDS_SERVER = {"regional"}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench")
    completed = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return out


class TestQuickRun:
    def test_the_json_has_every_section_in_order(self, results: Path) -> None:
        """results.json lists each benchmark once, in the runner's order."""
        document = json.loads((results / "results.json").read_text(encoding="utf-8"))
        assert [s["section"] for s in document["sections"]] == SECTIONS
        assert document["quick"] is True

    def test_every_section_has_figures_or_a_reason(self, results: Path) -> None:
        """Each section measured something, or (PostgreSQL only) says why it was skipped."""
        document = json.loads((results / "results.json").read_text(encoding="utf-8"))
        for section in document["sections"]:
            assert "error" not in section, section["section"]
            if section["figures"]:
                continue
            assert section["section"] in NEEDS_SERVER, section["section"]
            assert section["context"]["skipped"]

    def test_every_figure_is_a_ratio_to_a_positive_baseline(self, results: Path) -> None:
        """Value, baseline and ratio agree, and no baseline is zero."""
        document = json.loads((results / "results.json").read_text(encoding="utf-8"))
        figures = [f for s in document["sections"] for f in s["figures"]]
        assert figures
        for figure in figures:
            assert figure["baseline"], figure["name"]
            assert figure["baseline_value"] > 0, figure["name"]
            assert figure["ratio"] == pytest.approx(figure["value"] / figure["baseline_value"])

    def test_the_markdown_has_a_heading_per_section(self, results: Path) -> None:
        """results.md has one heading and one console block per section."""
        text = (results / "results.md").read_text(encoding="utf-8")
        for name in SECTIONS:
            assert f"\n## {name}: " in text, name
            assert f"\n### {name}\n" in text, name

    def test_growth_draws_its_plot(self, results: Path) -> None:
        """The growth plot is an SVG with a line per task in each panel."""
        svg = (results / "growth.svg").read_text(encoding="utf-8")
        assert svg.startswith("<svg ")
        assert svg.count("<polyline ") == 6

"""``coworkreg workflow`` and ``coworkreg deadline`` through click's runner."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest
from click.testing import CliRunner

from coworkreg_core.cli import main

SEREGNO_WORKFLOW = files("coworkreg_seregno") / "pack" / "workflow.yaml"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


class TestWorkflowLint:
    def test_seregno_passes(self, runner):
        result = runner.invoke(main, ["workflow", "lint", str(SEREGNO_WORKFLOW)])
        assert result.exit_code == 0, result.output
        assert result.output.endswith(": ok\n")

    def test_every_problem_is_listed_with_file_and_line(self, runner, tmp_path):
        text = SEREGNO_WORKFLOW.read_text(encoding="utf-8")
        broken = text.replace("    to: rejected\n", "    to: refused\n").replace(
            "      decide: [manager]\n", "      decide: [director]\n"
        )
        path = tmp_path / "workflow.yaml"
        path.write_text(broken, encoding="utf-8")
        result = runner.invoke(main, ["workflow", "lint", str(path)])
        assert result.exit_code == 1
        lines = result.output.splitlines()
        assert any(
            f"{path}:" in line and "unknown-role" in line and "director" in line for line in lines
        )
        assert any("unknown-state" in line and "refused" in line for line in lines)
        assert "Traceback" not in result.output

    def test_bad_yaml_is_a_clear_error(self, runner, tmp_path):
        path = tmp_path / "workflow.yaml"
        path.write_text("id: [unclosed\n", encoding="utf-8")
        result = runner.invoke(main, ["workflow", "lint", str(path)])
        assert result.exit_code == 1
        assert "not valid YAML" in result.output


class TestWorkflowDiagram:
    @pytest.mark.parametrize(("fmt", "start"), [("mermaid", "stateDiagram-v2"), ("dot", "digraph")])
    def test_diagram_of_a_town(self, runner, fmt, start):
        result = runner.invoke(main, ["workflow", "diagram", "seregno", "--format", fmt])
        assert result.exit_code == 0, result.output
        assert result.output.startswith(start)

    def test_desio_draws_the_procedure_it_inherits(self, runner):
        result = runner.invoke(main, ["workflow", "diagram", "desio", "--lang", "en"])
        assert "Under review" in result.output

    def test_unknown_town_is_a_clear_error(self, runner):
        result = runner.invoke(main, ["workflow", "diagram", "atlantis"])
        assert result.exit_code == 1
        assert "atlantis" in result.output


class TestDeadline:
    @pytest.mark.parametrize(
        ("args", "expected"),
        [
            (["2026-11-25"], "2026-12-28"),
            (["2026-03-07"], "2026-04-07"),
            (["2026-03-29"], "2026-04-29"),
            (["2026-11-02", "--suspended", "2026-11-10..2026-11-20"], "2026-12-12"),
            (
                [
                    "2026-11-02",
                    "--suspended",
                    "2026-11-10..2026-11-20",
                    "--suspended",
                    "2026-11-27..2026-12-10",
                ],
                "2026-12-28",
            ),
            (["2026-11-25", "--days", "60"], "2027-01-25"),
        ],
    )
    def test_prints_the_deadline_as_an_iso_date(self, runner, args, expected):
        result = runner.invoke(main, ["deadline", *args, "--town", "seregno"])
        assert result.exit_code == 0, result.output
        assert result.output == f"{expected}\n"

    def test_json_explains_the_days_moved_over(self, runner):
        result = runner.invoke(
            main,
            ["deadline", "2026-11-25", "--town", "seregno", "--format", "json", "--lang", "en"],
        )
        details = json.loads(result.output)
        assert details["unadjusted"] == "2026-12-25"
        assert details["deadline"] == "2026-12-28"
        assert [m["closed"] for m in details["moved_over"]] == [
            "Christmas Day",
            "Saint Stephen's Day",
            "Sunday",
        ]

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["25/11/2026"], "not an ISO date"),
            (["2026-11-25", "--suspended", "2026-11-30"], "FROM..TO"),
            (["2026-11-25", "--suspended", "2026-11-30..2026-11-26"], "ends before it starts"),
            (["2026-11-25", "--suspended", "2026-11-01..2026-11-26"], "precedes filing"),
        ],
    )
    def test_bad_input_is_a_usage_error(self, runner, args, message):
        result = runner.invoke(main, ["deadline", *args, "--town", "seregno"])
        assert result.exit_code == 2
        assert message in result.output

    def test_unknown_town(self, runner):
        result = runner.invoke(main, ["deadline", "2026-11-25", "--town", "atlantis"])
        assert result.exit_code == 1
        assert "atlantis" in result.output


def test_lint_reads_json_too(runner, tmp_path):
    """A definition written as JSON is checked the same way."""
    import yaml

    data = yaml.safe_load(SEREGNO_WORKFLOW.read_text(encoding="utf-8"))
    path = tmp_path / "workflow.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert runner.invoke(main, ["workflow", "lint", str(path)]).exit_code == 0
    data["transitions"]["approve"]["to"] = "approved"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    result = runner.invoke(main, ["workflow", "lint", str(path)])
    assert result.exit_code == 1
    assert "unknown-state" in result.output

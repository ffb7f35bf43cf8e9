"""``coworkreg validate``, driven through click's test runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from coworkreg_core.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "providers"
VALID = sorted(str(p) for p in (EXAMPLES / "valid").glob("*.json"))
BAD_VAT = str(EXAMPLES / "invalid" / "bad-vat-check-digit.json")
NOT_JSON = str(EXAMPLES / "invalid" / "not-json-at-all.txt")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_all_valid_exits_zero(runner: CliRunner) -> None:
    """Every example is valid: exit 0, one ``valido`` line per file."""
    result = runner.invoke(main, ["validate", *VALID])
    assert result.exit_code == 0, result.output
    assert result.output.count(": valido") == len(VALID)


def test_a_problem_exits_one_with_file_and_pointer(runner: CliRunner) -> None:
    """``file: pointer: message [code]``, Italian by default."""
    result = runner.invoke(main, ["validate", VALID[0], BAD_VAT])
    assert result.exit_code == 1
    line = f"{BAD_VAT}: /organisation/vat_number: «Partita IVA» non è valido"
    assert line in result.output
    assert result.output.rstrip().endswith("[format.it-vat-number]")


def test_english_messages(runner: CliRunner) -> None:
    """``--lang en`` switches the words, not the pointers or codes."""
    result = runner.invoke(main, ["validate", "--lang", "en", BAD_VAT])
    assert "“VAT number” is not valid: the check digit does not match." in result.output


def test_json_report(runner: CliRunner) -> None:
    """``--format json`` prints a list of {file, pointer, code, message} and nothing else."""
    result = runner.invoke(
        main, ["validate", "--format", "json", "--lang", "en", BAD_VAT, NOT_JSON]
    )
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert [(r["file"], r["pointer"], r["code"]) for r in report] == [
        (BAD_VAT, "/organisation/vat_number", "format.it-vat-number"),
        (NOT_JSON, "", "not-json"),
    ]
    assert all(set(r) == {"file", "pointer", "code", "message"} for r in report)


def test_json_report_of_valid_files_is_empty(runner: CliRunner) -> None:
    """No problems: an empty list and exit 0."""
    result = runner.invoke(main, ["validate", "--format", "json", *VALID])
    assert result.exit_code == 0
    assert json.loads(result.output) == []


def test_missing_file_is_a_problem_not_a_traceback(runner: CliRunner, tmp_path: Path) -> None:
    """An unreadable file is reported like any other problem, and the rest still run."""
    missing = tmp_path / "assente.json"
    result = runner.invoke(main, ["validate", str(missing), VALID[0]])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{missing}: /: Il file non si può leggere" in result.output
    assert f"{VALID[0]}: valido" in result.output


def test_size_limit_is_configurable(runner: CliRunner) -> None:
    """``--max-bytes`` refuses larger files before reading them."""
    result = runner.invoke(main, ["validate", "--max-bytes", "100", "--lang", "en", VALID[0]])
    assert result.exit_code == 1
    assert "over the limit of 100 bytes" in result.output
    assert "[too-large]" in result.output


def test_deeply_nested_input(runner: CliRunner, tmp_path: Path) -> None:
    """Nesting deep enough to break a recursive parser is one clean problem."""
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    result = runner.invoke(main, ["validate", str(deep)])
    assert result.exit_code == 1
    assert "[too-deep]" in result.output


def test_files_are_required(runner: CliRunner) -> None:
    """No file is a usage error (exit 2), as click reports it."""
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 2

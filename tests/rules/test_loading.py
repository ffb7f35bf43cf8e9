"""Loading rule files: every mistake fails at load with its file, line and reason.

In each broken file the line the error must point at is marked ``# <- here``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from coworkreg_core.errors import RulesetError
from coworkreg_core.rules import evaluate, load_ruleset

HEAD = """\
town: alpha
version: "1.0.0"
legal_basis:
  notice: {title: Avviso pubblico di prova}
parameters:
  min_workstations:
    reference: notice
    values:
      2025-01-01: 6
"""

RULE = """\
rules:
  - id: workstations
    title: {it: Postazioni, en: Workstations}
    reference: notice
    applies_to: space
    condition: %s
    severity: blocking
    message:
      it: "Servono {params.min_workstations} postazioni"
      en: "{params.min_workstations} needed"
"""


def with_condition(condition: str) -> str:
    return HEAD + RULE % condition


def marked_line(text: str) -> int:
    [line] = [n for n, row in enumerate(text.splitlines(), 1) if row.rstrip().endswith("# <- here")]
    return line


BROKEN: dict[str, tuple[str, str]] = {
    "bad YAML": (
        HEAD + "rules:\n  - id: [workstations\n    title: x  # <- here\n",
        "not valid YAML",
    ),
    "duplicate YAML key": (HEAD + "version: '2.0'  # <- here\n", "duplicate key 'version'"),
    "unknown top-level key": (HEAD + "rulez: []  # <- here\n", "unknown key 'rulez'"),
    "unknown key in a rule": (
        (HEAD + RULE % "space.workstations >= 1").replace(
            "    severity: blocking", "    severty: blocking  # <- here"
        ),
        "unknown key 'severty'",
    ),
    "condition that does not compile": (
        with_condition("space.workstations >=  # <- here"),
        "does not compile",
    ),
    "unknown field": (
        with_condition("space.workstation >= params.min_workstations  # <- here"),
        "unknown field 'workstation' in space",
    ),
    "unknown field inside exists": (
        with_condition('provider.spaces.exists(s, s.adress.istat_code == "1")  # <- here'),
        "unknown field 'adress' in s",
    ),
    "field read on a list": (
        with_condition("provider.spaces.workstations > 1  # <- here"),
        "provider.spaces is a list",
    ),
    "unknown parameter": (
        with_condition("space.workstations >= params.min_seats  # <- here"),
        "unknown parameter 'min_seats'",
    ),
    "unknown name": (with_condition("spaces.workstations > 1  # <- here"), "unknown name 'spaces'"),
    "unknown function": (
        with_condition("is_open(space.opening_hours)  # <- here"),
        "unknown function(s): is_open",
    ),
    "comprehensions nested too deep": (
        with_condition(
            "provider.spaces.exists(s, s.prices.exists(p, [1].exists(x, x == p.amount_eur)))"
            "  # <- here"
        ),
        "nests comprehensions 3 deep",
    ),
    "condition too long": (
        with_condition("space.workstations >= 1" + " && true" * 300 + "  # <- here"),
        "the limit is 2000",
    ),
    "condition that could cost too much": (
        with_condition(
            "'[1, 2].exists(x, [3, 4].exists(y, x == y" + " && x > 0" * 40 + "))'  # <- here"
        ),
        "could cost",
    ),
    "unknown legal basis": (
        (HEAD + RULE % "space.workstations >= 1").replace(
            "    reference: notice\n    applies_to",
            "    reference: avviso_ignoto  # <- here\n    applies_to",
        ),
        "unknown legal_basis 'avviso_ignoto'",
    ),
    "message placeholder with nothing to fill it": (
        (HEAD + RULE % "space.workstations >= 1").replace(
            '      it: "Servono {params.min_workstations} postazioni"',
            '      it: "Servono {params.nope}"  # <- here',
        ),
        "placeholder {params.nope}",
    ),
    "rule that ends before it starts": (
        (HEAD + RULE % "space.workstations >= 1").replace(
            "    severity: blocking",
            "    severity: blocking\n    valid_from: 2026-01-01\n"
            "    valid_until: 2025-12-31  # <- here",
        ),
        "ends (2025-12-31) before it starts (2026-01-01)",
    ),
    "rule id twice": (
        HEAD
        + RULE % "space.workstations >= 1"
        + (RULE % "space.workstations >= 2")
        .replace("rules:\n", "")
        .replace("  - id: workstations", "  - id: workstations  # <- here"),
        "rule id 'workstations' appears twice",
    ),
    "disabling a rule nothing defines": (
        HEAD + "disable:\n  reception: non serve  # <- here\n",
        "disables rule 'reception'",
    ),
    "extends a version that is not there": (
        HEAD.replace(
            'version: "1.0.0"',
            'version: "1.0.0"\nextends:\n  town: seregno\n  version: "2"  # <- here',
        ),
        "extends 'seregno' version 2, but its rules are version 1.0.0",
    ),
    "parameter values of two types": (
        HEAD + "      2026-01-01: sei  # <- here\n",
        "must share one type: number before, string here",
    ),
    "inherited parameter replaced with another type": (
        HEAD.replace('version: "1.0.0"', 'version: "1.0.0"\nextends: {town: seregno, version: "1"}')
        + "  min_download_mbps:\n    values:\n      2025-01-01: veloce  # <- here\n",
        "'min_download_mbps' is a number where it is inherited from; here it is a string",
    ),
    "extends a town that is not installed": (
        HEAD.replace(
            'version: "1.0.0"',
            'version: "1.0.0"\nextends:\n  town: nowhere  # <- here\n  version: "1"',
        ),
        "no town pack 'nowhere'",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_file_fails_at_load_with_file_line_and_reason(make_towns: Any, case: str) -> None:
    """The error names the file, the marked line and what is wrong."""
    text, reason = BROKEN[case]
    towns = make_towns(alpha=text)
    with pytest.raises(RulesetError) as info:
        load_ruleset("alpha", towns=towns)
    assert info.value.source is not None
    assert info.value.source.endswith("alpha/rules.yaml")
    assert info.value.line == marked_line(text)
    assert reason in info.value.reason


def test_cycle_in_extends_fails_at_load(make_towns: Any) -> None:
    """alpha extends beta extends alpha: the loop is named, at beta's extends."""
    alpha = HEAD.replace(
        'version: "1.0.0"', 'version: "1.0.0"\nextends: {town: beta, version: "1"}'
    )
    beta = 'town: beta\nversion: "1.0.0"\nextends:\n  town: alpha  # <- here\n  version: "1"\n'
    towns = make_towns(alpha=alpha, beta=beta)
    with pytest.raises(RulesetError) as info:
        load_ruleset("alpha", towns=towns)
    assert "cycle in extends: alpha -> beta -> alpha" in info.value.reason
    assert info.value.source is not None
    assert info.value.source.endswith("beta/rules.yaml")
    assert info.value.line == marked_line(beta)


class TestParameterWithNoValueOnTheDate:
    """A parameter that starts after the date asked fails clearly, at its own line."""

    TEXT = (
        HEAD.replace("      2025-01-01: 6", "      2027-01-01: 6  # <- here")
        + RULE % "space.workstations >= params.min_workstations"
    )

    def test_resolving_the_date_fails_with_the_parameter_line(self, make_towns: Any) -> None:
        """Rules asked for before the first value: the error names the parameter and its line."""
        ruleset = load_ruleset("alpha", towns=make_towns(alpha=self.TEXT))
        with pytest.raises(RulesetError) as info:
            ruleset.on(date(2026, 6, 1))
        assert "parameter 'min_workstations' has no value on 2026-06-01" in info.value.reason
        assert "2027-01-01" in info.value.reason
        assert info.value.line == marked_line(self.TEXT)

    def test_evaluation_raises_rather_than_guessing(self, make_towns: Any) -> None:
        """A verdict is never given with a parameter that has no value."""
        ruleset = load_ruleset("alpha", towns=make_towns(alpha=self.TEXT))
        with pytest.raises(RulesetError):
            evaluate(ruleset, {"spaces": []}, on=date(2026, 6, 1))

    def test_the_date_it_starts_resolves(self, make_towns: Any) -> None:
        """From its first date on, the value is there."""
        ruleset = load_ruleset("alpha", towns=make_towns(alpha=self.TEXT))
        assert ruleset.on(date(2027, 1, 1)).parameters["min_workstations"].value == 6


def test_a_registry_parameter_is_read_by_name_and_date(seregno: Any) -> None:
    """The registry reads listing validity and the sample-check share from the rules."""
    on = date(2026, 11, 25)
    assert seregno.parameter("listing_validity_months", on).value == 36
    assert seregno.parameter("sample_check_share", on).value == pytest.approx(0.10)
    assert seregno.parameter("sample_check_share", on).reference.article == "art. 71"
    with pytest.raises(RulesetError, match="no value on 2024-12-31"):
        seregno.parameter("listing_validity_months", date(2024, 12, 31))
    with pytest.raises(RulesetError, match="no parameter 'validity'"):
        seregno.parameter("validity", on)


def test_a_town_with_no_rules_file_is_reported(make_towns: Any, tmp_path: Any) -> None:
    """Asking for an installed town with no rules anywhere in its chain fails clearly."""
    towns = make_towns(alpha=HEAD)
    (tmp_path / "alpha" / "rules.yaml").unlink()
    with pytest.raises(RulesetError, match=r"has no rules\.yaml"):
        load_ruleset("alpha", towns=towns)

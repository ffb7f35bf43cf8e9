"""Seregno's eligibility rules applied to the example providers.

Run it from anywhere: ``python examples/scripts/seregno_rules.py``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from coworkreg_core import evaluate, load_ruleset, validate_provider

PROVIDERS = Path(__file__).resolve().parents[1] / "providers" / "valid"
ON = date(2026, 11, 25)

# [load]
ruleset = load_ruleset("seregno")  # the pack comes from the coworkreg-seregno plugin
# [load-end]


def main() -> dict[str, str]:
    """Print each provider's decision and the rules that failed; return the decisions."""
    decisions: dict[str, str] = {}
    for path in sorted(PROVIDERS.glob("*.json")):
        # [evaluate]
        document = json.loads(path.read_text(encoding="utf-8"))
        problems = validate_provider(document)  # the rules expect a valid document
        assert not problems, problems.describe("en")
        verdict = evaluate(ruleset, document, on=ON)
        # A failed warning or missing document does not block the listing.
        failed = [
            f"{r.rule_id}{'@' + r.space if r.space else ''} ({r.severity})"
            for r in verdict.results
            if r.outcome == "fail"
        ]
        # [evaluate-end]
        decisions[path.stem] = verdict.decision
        print(f"{path.stem:40} {verdict.decision:13} {'; '.join(failed) or '-'}")
    return decisions


def explain_one(name: str) -> None:
    """Print the grounds a refusal notice would state for one provider."""
    document = json.loads((PROVIDERS / f"{name}.json").read_text(encoding="utf-8"))
    # [grounds]
    verdict = evaluate(ruleset, document, on=ON)
    for result in verdict.grounds():
        print(f"- {result.title.get('en')}: {result.message.get('en')}")
        print(f"  [{result.reference.describe('en')}]")
    # [grounds-end]


if __name__ == "__main__":
    decisions = main()
    assert decisions["01-studio-brianza-freelancer"] == "eligible"
    assert decisions["04-officina-meda-small-firm"] == "not_eligible"
    print()
    explain_one("04-officina-meda-small-firm")

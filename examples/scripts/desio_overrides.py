"""Desio reuses Seregno's rules and changes only what differs.

Desio's pack (``examples/coworkreg-desio``) extends Seregno's: it sets its own
values for two parameters, adds a rule on floor area per workstation and does
not apply Seregno's reception rule. Run: ``python examples/scripts/desio_overrides.py``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from coworkreg_core import evaluate, load_ruleset

PROVIDERS = Path(__file__).resolve().parents[1] / "providers" / "valid"
ON = date(2026, 11, 25)


def show_differences() -> dict[str, dict[str, object]]:
    """Print what Desio changed, rule by rule and parameter by parameter."""
    # [resolve]
    seregno = load_ruleset("seregno").on(ON)
    desio = load_ruleset("desio").on(ON)
    for name, value in sorted(desio.parameters.items()):
        before = seregno.parameters.get(name)
        if before is None or before.value != value.value:
            was = "new" if before is None else f"Seregno: {before.value}"
            print(f"parameter {name} = {value.value} ({was}; since {value.effective})")
    for rule in desio.rules:
        if rule.origin.town == "desio":
            print(f"rule {rule.id} added by {rule.origin.describe()}")
    for disabled in desio.disabled:
        print(f"rule {disabled.id} not applied: {disabled.reason.get('en')}")
    # [resolve-end]
    return {
        "parameters": {name: p.value for name, p in desio.parameters.items()},
        "disabled": {d.id: d.origin.town for d in desio.disabled},
    }


def compare(name: str) -> dict[str, list[str]]:
    """The same provider under both towns' rules; returns the grounds by town."""
    document = json.loads((PROVIDERS / f"{name}.json").read_text(encoding="utf-8"))
    # [compare]
    grounds_by_town = {}
    for town in ("seregno", "desio"):
        verdict = evaluate(load_ruleset(town), document, on=ON)
        grounds_by_town[town] = sorted({r.rule_id for r in verdict.grounds()})
        print(f"{name} under {town}: {verdict.decision} (grounds: {grounds_by_town[town]})")
    # [compare-end]
    return grounds_by_town


if __name__ == "__main__":
    changes = show_differences()
    assert changes["disabled"] == {"reception": "desio"}
    print()
    # Corte Lunga's only space is in Desio: outside Seregno, inside Desio, where
    # the accessibility rule it inherits from Seregno is what still stands in the way.
    grounds = compare("02-corte-lunga-entrepreneur")
    assert grounds == {"seregno": ["space_in_town"], "desio": ["accessibility"]}
    # Officina Meda's space is in Seregno: Desio's rules see a space outside Desio,
    # and no longer ask it for reception.
    grounds = compare("04-officina-meda-small-firm")
    assert "reception" in grounds["seregno"]
    assert "reception" not in grounds["desio"]

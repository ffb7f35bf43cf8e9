"""Providers per second under Seregno's rules, against the same rules as plain Python.

Three variants, timed round-robin in the same run, medians of the repeats:

- ``evaluate``: ``coworkreg_core.rules.evaluate`` with the rule set compiled
  once, building the full ``Verdict`` (values read, parameters, messages);
  it converts to CEL only the parts of the provider the rules read;
- ``cel, whole documents``: the same compiled conditions against CEL
  environments built from the whole provider and each whole space, without
  the verdict bookkeeping;
- ``cel, contexts reused``: the same, with the CEL environments built once
  before timing: what conversion of the provider to CEL costs is the gap;
- ``python``: the same conditions hand-written as Python functions (the floor).

Run: ``.venv/bin/python bench/bench_rules.py [--rounds 15] [--batch 200]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Figure, add_output_arguments, write_figures

from coworkreg_core.rules import evaluate, load_ruleset
from coworkreg_core.rules.expressions import Environment
from coworkreg_core.rules.functions import open_days, weekly_hours

ON = date(2026, 11, 25)
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "providers" / "valid"


def _declared(p: Mapping[str, Any], name: str) -> bool:
    return any(d["id"] == name and d["accepted"] for d in p["declarations"])


def python_rules(
    params: Mapping[str, Any], istat: str
) -> list[tuple[str, str, Callable[..., Any]]]:
    """Seregno's rules written by hand: (scope, id, function); None means undecidable."""

    def in_town(s: Mapping[str, Any]) -> bool:
        return bool(s["address"]["istat_code"] == istat)

    def insurance(p: Mapping[str, Any]) -> bool | None:
        ins = p.get("insurance")
        if ins is None:
            return None
        return bool(
            ins["valid_until"] >= ON.isoformat()
            and ins["cover_eur"] >= params["min_insurance_cover_eur"]
        )

    org = "organisation"
    return [
        ("provider", "space_in_town", lambda p: any(in_town(s) for s in p["spaces"])),
        ("space", "min_workstations", lambda s: s["workstations"] >= params["min_workstations"]),
        (
            "space",
            "connectivity",
            lambda s: (
                "connectivity" in s["services"]
                and s["services"]["connectivity"]["download_mbps"] >= params["min_download_mbps"]
            ),
        ),
        ("space", "cleaning", lambda s: "cleaning" in s["services"]),
        ("space", "reception", lambda s: "reception" in s["services"]),
        (
            "space",
            "opening_hours",
            lambda s: (
                open_days(s["opening_hours"]) >= params["min_open_days"]
                and weekly_hours(s["opening_hours"]) >= params["min_weekly_hours"]
            ),
        ),
        (
            "space",
            "accessibility",
            lambda s: (
                s["accessibility"]["step_free_access"] and s["accessibility"]["accessible_toilet"]
            ),
        ),
        ("space", "published_prices", lambda s: len(s.get("prices", [])) > 0),
        ("space", "childcare_recommended", lambda s: "childcare" in s["services"]),
        ("provider", "workplace_safety", lambda p: _declared(p, "workplace_safety")),
        ("provider", "insurance", insurance),
        ("provider", "no_exclusion_grounds", lambda p: _declared(p, "no_exclusion_grounds")),
        ("provider", "tax_regularity", lambda p: _declared(p, "tax_regularity")),
        ("provider", "contribution_regularity", lambda p: _declared(p, "contribution_regularity")),
        ("provider", "truthfulness", lambda p: _declared(p, "truthfulness")),
        (
            "provider",
            "third_sector_runts",
            lambda p: None if p[org]["category"] != "third_sector_body" else "runts" in p[org],
        ),
        (
            "provider",
            "startup_special_section",
            lambda p: (
                None
                if p[org]["category"] != "innovative_startup"
                else bool(p[org].get("startup_special_section"))
            ),
        ),
        (
            "provider",
            "vat_number",
            lambda p: (
                None
                if p[org]["category"] not in params["vat_required_categories"]
                else "vat_number" in p[org]
            ),
        ),
        (
            "provider",
            "floor_plan",
            lambda p: any(a["kind"] == "floor_plan" for a in p.get("attachments", [])),
        ),
    ]


def python_verdict(
    rules: list[tuple[str, str, Callable[..., Any]]], istat: str, p: Mapping[str, Any]
) -> dict[str, Any]:
    """Every outcome, keyed like ``Verdict.outcomes()``."""
    outcomes: dict[str, Any] = {}
    for scope, rule_id, check in rules:
        if scope == "provider":
            outcomes[rule_id] = check(p)
            continue
        for s in p["spaces"]:
            outcomes[f"{rule_id}@{s['id']}"] = (
                check(s) if s["address"]["istat_code"] == istat else None
            )
    return outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument(
        "--batch", type=int, default=100, help="passes over the examples per timing"
    )
    add_output_arguments(parser)
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.batch = min(args.rounds, 5), min(args.batch, 20)

    providers = [json.loads(path.read_text()) for path in sorted(EXAMPLES.glob("*.json"))]
    started = time.perf_counter()
    ruleset = load_ruleset("seregno")
    load_ms = (time.perf_counter() - started) * 1000
    resolved = ruleset.on(ON)
    params = {name: value.value for name, value in resolved.parameters.items()}
    istat = resolved.town_data["istat_code"]
    rules = python_rules(params, istat)

    # The floor must agree with the engine before it is worth timing.
    for provider in providers:
        engine = evaluate(resolved, provider, on=ON).outcomes()
        by_hand = python_verdict(rules, istat, provider)
        for key, value in by_hand.items():
            expected = {True: "pass", False: "fail", None: ("not_applicable", "undecidable")}[value]
            assert engine[key] in (expected if isinstance(expected, tuple) else (expected,)), key

    def run_evaluate() -> None:
        for provider in providers:
            evaluate(resolved, provider, on=ON)

    def run_cel_only() -> None:
        base_vars = {
            "params": params,
            "on": ON.isoformat(),
            "kind": "new",
            "town": dict(resolved.town_data),
        }
        for provider in providers:
            env = Environment({**base_vars, "provider": provider}, resolved.functions)
            spaces = [
                Environment({**base_vars, "provider": provider, "space": s}, resolved.functions)
                for s in provider["spaces"]
            ]
            for rule in resolved.rules:
                for e in [env] if rule.applies_to == "provider" else spaces:
                    if rule.when is None or rule.when.evaluate(e) is True:
                        rule.condition.evaluate(e)

    base = {"params": params, "on": ON.isoformat(), "kind": "new", "town": dict(resolved.town_data)}
    prebuilt = [
        (
            Environment({**base, "provider": provider}, resolved.functions),
            [Environment({**base, "space": s}, resolved.functions) for s in provider["spaces"]],
        )
        for provider in providers
    ]

    def run_cel_reused() -> None:
        for env, spaces in prebuilt:
            for rule in resolved.rules:
                for e in [env] if rule.applies_to == "provider" else spaces:
                    if rule.when is None or rule.when.evaluate(e) is True:
                        rule.condition.evaluate(e)

    def run_python() -> None:
        for provider in providers:
            python_verdict(rules, istat, provider)

    variants: dict[str, Callable[[], None]] = {
        "evaluate (verdict)": run_evaluate,
        "cel, whole documents": run_cel_only,
        "cel, contexts reused": run_cel_reused,
        "python (floor)": run_python,
    }
    rates: dict[str, list[float]] = {name: [] for name in variants}
    per_batch = len(providers) * args.batch
    for _ in range(args.rounds):
        for name, run in variants.items():
            started = time.perf_counter()
            for _ in range(args.batch):
                run()
            rates[name].append(per_batch / (time.perf_counter() - started))

    floor = statistics.median(rates["python (floor)"])
    print(f"Seregno rule set: {len(resolved.rules)} rules, loaded in {load_ms:.0f} ms", end="")
    print(" (plugin manager, town packs, YAML, schema checks, CEL compilation)")
    print(f"{len(providers)} example providers x {args.batch} per timing, ", end="")
    print(f"{args.rounds} round-robin rounds")
    print(f"{'variant':<22}{'providers/s (median)':>22}{'min-max':>22}{'x slower than floor':>22}")
    for name, values in rates.items():
        median = statistics.median(values)
        spread = f"{min(values):,.0f}-{max(values):,.0f}"
        print(f"{name:<22}{median:>22,.0f}{spread:>22}{floor / median:>22.1f}")
    figures = [
        Figure(name, statistics.median(values), "providers/s", "python (floor)", floor)
        for name, values in rates.items()
        if name != "python (floor)"
    ]
    write_figures(
        args.json, figures, rounds=args.rounds, batch=args.batch, rules=len(resolved.rules)
    )


if __name__ == "__main__":
    main()

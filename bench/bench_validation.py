"""Validation throughput: our validator against bare ``jsonschema`` on the same documents.

Run: ``.venv/bin/python bench/bench_validation.py [--documents N] [--repeats R]``

Documents are realistic providers of about 5 KB, generated from the examples
with varied names, identifiers and spaces; the invalid ones carry two or three
faults each (a wrong VAT check digit, an unknown field, a wrong type ...).
The baseline is a stock ``jsonschema`` Draft 2020-12 validator with the same
format checks, checking the same documents in the same run.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
from stdnum import luhn

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ratio_table, round_robin

from coworkreg_core.resources import load_schema
from coworkreg_core.validation import validate_provider, validate_provider_json
from coworkreg_core.validation.formats import format_predicates
from coworkreg_core.validation.reference import reference_problems

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "providers" / "valid"
TOWNS = [
    ("Seregno", "108039", "20831"),
    ("Desio", "108023", "20832"),
    ("Lissone", "108028", "20851"),
    ("Meda", "108030", "20821"),
    ("Giussano", "108024", "20833"),
    ("Monza", "108033", "20900"),
]
STREETS = ["Via Roma", "Via Milano", "Corso del Popolo", "Via Cavour", "Via Stoppani", "Via Como"]


def _vat(rng: random.Random) -> str:
    ten = f"{rng.randrange(1, 10**7):07d}015"
    return ten + luhn.calc_check_digit(ten)


def _provider(rng: random.Random, templates: list[dict[str, Any]]) -> dict[str, Any]:
    """A valid provider of about 5 KB, varied from an example."""
    doc = copy.deepcopy(rng.choice(templates))
    org = doc["organisation"]
    org["name"] = f"{rng.choice(['Spazio', 'Hub', 'Officina', 'Studio'])} {rng.randrange(10**6)}"
    if org["tax_code"].isdigit():
        org["tax_code"] = _vat(rng)
    if "vat_number" in org:
        org["vat_number"] = _vat(rng)
    while len(doc["spaces"]) < 3:
        doc["spaces"].append(copy.deepcopy(rng.choice(doc["spaces"])))
    for index, space in enumerate(doc["spaces"]):
        town, istat, cap = rng.choice(TOWNS)
        space["id"] = f"sede-{index}-{rng.randrange(1000)}"
        space["workstations"] = rng.randrange(1, 80)
        space["address"].update(
            street=f"{rng.choice(STREETS)} {rng.randrange(1, 200)}",
            municipality=town,
            istat_code=istat,
            postal_code=cap,
        )
    return doc


FAULTS: list[Callable[[dict[str, Any]], object]] = [
    lambda d: d["organisation"].update(vat_number="11348720961"),
    lambda d: d["organisation"].update(fax="0362 000000"),
    lambda d: d["spaces"][0].update(workstations="molte"),
    lambda d: d["declarations"][0].update(date="2025-02-30"),
    lambda d: d["organisation"].pop("pec"),
    lambda d: d["spaces"][1]["address"].update(postal_code="2083"),
]


def _invalid(rng: random.Random, doc: dict[str, Any]) -> dict[str, Any]:
    broken = copy.deepcopy(doc)
    for fault in rng.sample(FAULTS, rng.randrange(2, 4)):
        fault(broken)
    return broken


def bare_jsonschema() -> jsonschema.Draft202012Validator:
    """A stock Draft 2020-12 validator with the same format checks as ours."""
    checker = jsonschema.FormatChecker(formats=())
    for name, predicate in format_predicates().items():
        checker.checks(name)(predicate)
    return jsonschema.Draft202012Validator(load_schema("provider"), format_checker=checker)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    templates = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.json"))]
    valid = [_provider(rng, templates) for _ in range(args.documents)]
    invalid = [_invalid(rng, doc) for doc in valid]
    valid_bytes = [json.dumps(d, ensure_ascii=False).encode() for d in valid]
    if any(validate_provider(d) for d in valid) or not all(validate_provider(d) for d in invalid):
        raise SystemExit("the generator is broken: fix it before trusting any figure")
    sizes = sorted(len(b) for b in valid_bytes)
    print(
        f"{args.documents} documents, median {sizes[len(sizes) // 2]:,} bytes "
        f"(min {sizes[0]:,}, max {sizes[-1]:,}); {args.repeats} round-robin repeats, medians\n"
    )
    bare = bare_jsonschema()
    # What the compiled engine costs without our Python format checks, to show
    # where the time goes; it is not a substitute (it skips tax-code checks).
    compiled = jsonschema_rs.Draft202012Validator(load_schema("provider"))
    n = args.documents

    timings = round_robin(
        {
            "jsonschema is_valid (baseline)": lambda: [bare.is_valid(d) for d in valid],
            "validate_provider(dict)": lambda: [validate_provider(d) for d in valid],
            "jsonschema_rs alone, no stdnum formats": lambda: [compiled.is_valid(d) for d in valid],
            "validate_provider_json(bytes)": lambda: [
                validate_provider_json(b) for b in valid_bytes
            ],
            "json.loads + jsonschema is_valid": lambda: [
                bare.is_valid(json.loads(b)) for b in valid_bytes
            ],
        },
        items=n,
        repeats=args.repeats,
    )
    print(ratio_table("Valid documents", timings, "jsonschema is_valid (baseline)"))
    print()
    timings = round_robin(
        {
            "jsonschema iter_errors (baseline)": lambda: [
                list(bare.iter_errors(d)) for d in invalid
            ],
            "validate_provider(dict)": lambda: [validate_provider(d) for d in invalid],
            "reference_problems (jsonschema)": lambda: [
                reference_problems("provider", d) for d in invalid
            ],
        },
        items=n,
        repeats=args.repeats,
    )
    print(
        ratio_table(
            "Invalid documents (all problems collected)",
            timings,
            "jsonschema iter_errors (baseline)",
        )
    )


if __name__ == "__main__":
    main()

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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    Figure,
    add_output_arguments,
    rate_figures,
    ratio_table,
    round_robin,
    write_figures,
)
from _providers import example_templates, provider

from coworkreg_core.resources import load_schema
from coworkreg_core.validation import validate_provider, validate_provider_json
from coworkreg_core.validation.formats import format_predicates
from coworkreg_core.validation.reference import reference_problems

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
    add_output_arguments(parser)
    args = parser.parse_args()
    if args.quick:
        args.documents, args.repeats = min(args.documents, 30), min(args.repeats, 3)
    figures: list[Figure] = []

    rng = random.Random(args.seed)
    templates = example_templates()
    valid = [provider(rng, templates) for _ in range(args.documents)]
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
    figures += rate_figures(timings, "jsonschema is_valid (baseline)", "valid docs/s")
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
    figures += rate_figures(timings, "jsonschema iter_errors (baseline)", "invalid docs/s")
    write_figures(args.json, figures, documents=n, repeats=args.repeats)


if __name__ == "__main__":
    main()

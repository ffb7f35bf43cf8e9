"""Publishing the public list as CSV and JSON, against a plain standard-library dump.

``N`` listed providers (default 100,000) become minimised public entries;
the library then writes them as CSV (one row per space) and JSON (sorted keys,
indented). The baselines write the same rows with the standard library alone
in the same run: ``csv.writer`` over the rows already flattened, and
``json.dumps`` of the entries with default options. The ratio is what the
library's row building, ordering and stable formatting cost.

Entries come from a pool of 1,000 distinct generated providers, each used
with its own registration number, so memory stays small at 100,000.

    .venv/bin/python bench/bench_publication.py [--providers 100000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    Figure,
    add_output_arguments,
    rate_figures,
    ratio_table,
    round_robin,
    write_figures,
)
from _providers import providers

from coworkreg_core.publication import Publication, public_entry
from coworkreg_core.publication.csv_format import COLUMNS, to_csv
from coworkreg_core.publication.json_format import to_json

LISTED_ON = dt.date(2026, 3, 2)
VALID_UNTIL = dt.date(2029, 3, 1)
POOL = 1000


def public_entries(count: int, seed: int = 2025) -> list[dict[str, Any]]:
    """``count`` public entries, numbered in order, from a pool of distinct providers."""
    pool = [
        public_entry(p, registration_number="", listed_on=LISTED_ON, valid_until=VALID_UNTIL)
        for p in providers(min(count, POOL), seed)
    ]
    return [
        {**pool[n % len(pool)], "registration_number": f"SEREGNO-2026-{n + 1:06d}"}
        for n in range(count)
    ]


def plain_rows(entries: list[dict[str, Any]]) -> list[list[str]]:
    """The CSV rows the library writes, flattened once, for the baseline to dump."""
    reader = csv.reader(io.StringIO(to_csv(entries).decode("utf-8")))
    next(reader)
    return list(reader)


def plain_csv(rows: list[list[str]]) -> bytes:
    """The standard library's dump of ready rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def plain_json(entries: list[dict[str, Any]]) -> bytes:
    """The standard library's dump with default options."""
    return json.dumps(entries, ensure_ascii=False).encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    add_output_arguments(parser)
    args = parser.parse_args()
    if args.quick:
        args.providers, args.repeats = min(args.providers, 500), min(args.repeats, 3)

    entries = public_entries(args.providers)
    rows = plain_rows(entries)
    if plain_csv(rows) != to_csv(entries):
        raise SystemExit("the baseline does not write the same CSV: fix it before timing")

    def publication() -> Publication:
        return Publication(
            town_name="Comune di Seregno",
            ipa_code="c_i625",
            as_of=LISTED_ON,
            entries=tuple(entries),
        )

    csv_timings = round_robin(
        {
            "csv.writer, rows ready (baseline)": lambda: plain_csv(rows),
            "Publication + to_csv": lambda: to_csv(publication().entries),
        },
        items=args.providers,
        repeats=args.repeats,
    )
    json_timings = round_robin(
        {
            "json.dumps (baseline)": lambda: plain_json(entries),
            "Publication + to_json": lambda: to_json(publication().entries),
        },
        items=args.providers,
        repeats=args.repeats,
    )
    print(f"{args.providers:,} providers ({len(rows):,} CSV rows), {args.repeats} repeats\n")
    print(ratio_table("CSV", csv_timings, "csv.writer, rows ready (baseline)"))
    print()
    print(ratio_table("JSON", json_timings, "json.dumps (baseline)"))
    figures: list[Figure] = rate_figures(
        csv_timings, "csv.writer, rows ready (baseline)", "providers/s"
    ) + rate_figures(json_timings, "json.dumps (baseline)", "providers/s")
    write_figures(args.json, figures, providers=args.providers, repeats=args.repeats)


if __name__ == "__main__":
    main()

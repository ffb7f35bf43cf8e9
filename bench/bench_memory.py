"""Peak memory of validating, evaluating and publishing N providers, against plain Python.

Each (task, variant) runs in a fresh child process that first builds its
inputs, then does the work twice: once bare, for the process's peak RSS
(``ru_maxrss``, which includes the interpreter, imports and inputs), and
once under ``tracemalloc``, for the peak of Python allocations made by the
work alone. The plain-Python variants do the same work without the library:

- validate: a stock ``jsonschema`` Draft 2020-12 validator (``is_valid``);
- evaluate: Seregno's rules written by hand (``bench_rules.python_rules``);
- publish: ``csv.writer`` and ``json.dumps`` over ready rows and entries.

    .venv/bin/python bench/bench_memory.py [--providers 2000]
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Figure, add_output_arguments, write_figures

TASKS = ("validate", "evaluate", "publish")
VARIANTS = ("coworkreg", "plain")
MIB = 1024 * 1024


def prepare(task: str, variant: str, count: int) -> Callable[[], object]:
    """Build the inputs of one (task, variant); return the work, which keeps its results."""
    from _providers import providers

    if task == "validate":
        docs = list(providers(count))
        if variant == "plain":
            from bench_validation import bare_jsonschema

            validator = bare_jsonschema()
            return lambda: [validator.is_valid(d) for d in docs]
        from coworkreg_core.validation import validate_provider

        return lambda: [validate_provider(d) for d in docs]
    if task == "evaluate":
        from bench_rules import ON, python_rules, python_verdict

        from coworkreg_core.rules import evaluate, load_ruleset

        docs = list(providers(count))
        resolved = load_ruleset("seregno").on(ON)
        if variant == "plain":
            params = {name: value.value for name, value in resolved.parameters.items()}
            istat = resolved.town_data["istat_code"]
            rules = python_rules(params, istat)
            return lambda: [python_verdict(rules, istat, d) for d in docs]
        return lambda: [evaluate(resolved, d, on=ON) for d in docs]
    from bench_publication import LISTED_ON, plain_csv, plain_json, plain_rows, public_entries

    entries = public_entries(count)
    if variant == "plain":
        rows = plain_rows(entries)
        return lambda: (plain_csv(rows), plain_json(entries))
    from coworkreg_core.publication import Publication
    from coworkreg_core.publication.csv_format import to_csv
    from coworkreg_core.publication.json_format import to_json

    def publish() -> tuple[bytes, bytes]:
        publication = Publication(
            town_name="Comune di Seregno", ipa_code="c_i625", as_of=LISTED_ON, entries=entries
        )
        return to_csv(publication.entries), to_json(publication.entries)

    return publish


def child(task: str, variant: str, count: int) -> dict[str, float]:
    """Run one (task, variant) in this process; return its two peaks in MiB."""
    work = prepare(task, variant, count)
    result = work()
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MIB
    del result
    gc.collect()
    tracemalloc.start()
    result = work()
    traced_peak = tracemalloc.get_traced_memory()[1] / MIB
    tracemalloc.stop()
    del result
    return {"rss_peak_mib": rss_peak, "traced_peak_mib": traced_peak}


def measure(task: str, variant: str, count: int) -> dict[str, float]:
    """Run :func:`child` in a fresh interpreter."""
    command = [sys.executable, __file__, "--child", task, variant, "--providers", str(count)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    peaks: dict[str, float] = json.loads(output.splitlines()[-1])
    return peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=2000)
    parser.add_argument("--child", nargs=2, metavar=("TASK", "VARIANT"), help=argparse.SUPPRESS)
    add_output_arguments(parser)
    args = parser.parse_args()
    if args.child:
        task, variant = args.child
        print(json.dumps(child(task, variant, args.providers)))
        return
    if args.quick:
        args.providers = min(args.providers, 50)

    print(f"{args.providers:,} providers, fresh process per task and variant")
    print(f"{'task':<10}{'variant':<11}{'peak RSS MiB':>14}{'tracemalloc peak MiB':>22}")
    figures: list[Figure] = []
    for task in TASKS:
        peaks = {variant: measure(task, variant, args.providers) for variant in VARIANTS}
        for variant, values in peaks.items():
            print(
                f"{task:<10}{variant:<11}{values['rss_peak_mib']:14.1f}"
                f"{values['traced_peak_mib']:22.2f}"
            )
        for key, label in (("traced_peak_mib", "tracemalloc peak"), ("rss_peak_mib", "peak RSS")):
            figures.append(
                Figure(
                    f"{task}: {label}",
                    peaks["coworkreg"][key],
                    "MiB",
                    f"plain Python {task}",
                    peaks["plain"][key],
                    higher_is_better=False,
                )
            )
    write_figures(args.json, figures, providers=args.providers)


if __name__ == "__main__":
    main()

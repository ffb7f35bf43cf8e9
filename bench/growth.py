"""How time and memory grow with the number of providers: 1k, 10k and 100k.

For each size a fresh process validates, evaluates (Seregno's rules) and
publishes (CSV and JSON) that many providers, cycling over a pool of up to
1,000 distinct generated documents. Time is wall time per task; memory is
the process's peak RSS after the task (validation and evaluation stream, so
their peak stays near the pool's; publication holds every entry and file).

The figure reported for each task is the slope of log(time) against
log(size), fitted by least squares, beside the slope 1 of linear growth:
1.0 means the cost per provider does not change with the register's size.
An SVG plot of both measures against size is written beside the results.

    .venv/bin/python bench/growth.py [--sizes 1000,10000,100000] [--plot growth.svg]
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Figure, add_output_arguments, write_figures
from _svgplot import loglog_svg

TASKS = ("validate", "evaluate", "publish")
POOL = 1000
RESULTS = Path(__file__).resolve().parent / "results"


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(size: int) -> dict[str, dict[str, float]]:
    """Time each task on ``size`` providers in this process, with the peak RSS after it."""
    from _providers import providers
    from bench_publication import LISTED_ON, VALID_UNTIL
    from bench_rules import ON

    from coworkreg_core.publication import Publication, public_entry
    from coworkreg_core.publication.csv_format import to_csv
    from coworkreg_core.publication.json_format import to_json
    from coworkreg_core.rules import evaluate, load_ruleset
    from coworkreg_core.validation import validate_provider

    pool = list(providers(min(size, POOL)))
    resolved = load_ruleset("seregno").on(ON)
    order = [pool[n % len(pool)] for n in range(size)]
    results: dict[str, dict[str, float]] = {}

    start = time.perf_counter()
    if any(validate_provider(doc) for doc in order):
        raise SystemExit("the generator made an invalid provider")
    results["validate"] = {"seconds": time.perf_counter() - start, "rss_mib": _peak_rss_mib()}

    start = time.perf_counter()
    for doc in order:
        evaluate(resolved, doc, on=ON)
    results["evaluate"] = {"seconds": time.perf_counter() - start, "rss_mib": _peak_rss_mib()}

    start = time.perf_counter()
    entries = [
        public_entry(
            doc,
            registration_number=f"SEREGNO-2026-{n + 1:06d}",
            listed_on=LISTED_ON,
            valid_until=VALID_UNTIL,
        )
        for n, doc in enumerate(order)
    ]
    publication = Publication(
        town_name="Comune di Seregno", ipa_code="c_i625", as_of=LISTED_ON, entries=entries
    )
    files = to_csv(publication.entries), to_json(publication.entries)
    results["publish"] = {"seconds": time.perf_counter() - start, "rss_mib": _peak_rss_mib()}
    del files
    return results


def slope(points: list[tuple[float, float]]) -> float:
    """The least-squares slope of log(y) against log(x)."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    num = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    den = sum((x - mean_x) ** 2 for x in xs)
    return num / den


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--plot", type=Path, default=RESULTS / "growth.svg")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    add_output_arguments(parser)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.quick:
        sizes = [max(5, s // 200) for s in sizes]

    measured: dict[int, dict[str, dict[str, float]]] = {}
    print(f"{'providers':>10}" + "".join(f"{t + ' s':>14}{t + ' MiB':>14}" for t in TASKS))
    for size in sizes:
        command = [sys.executable, __file__, "--child", str(size)]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        measured[size] = json.loads(output.splitlines()[-1])
        row = measured[size]
        print(
            f"{size:>10,}"
            + "".join(f"{row[t]['seconds']:14.2f}{row[t]['rss_mib']:14.1f}" for t in TASKS)
        )

    figures: list[Figure] = []
    times = {t: [(float(n), measured[n][t]["seconds"]) for n in sizes] for t in TASKS}
    memory = {t: [(float(n), measured[n][t]["rss_mib"]) for n in sizes] for t in TASKS}
    for task in TASKS:
        for label, series in (("time", times[task]), ("peak RSS", memory[task])):
            value = slope(series)
            print(f"{task} {label}: slope of log-log {value:.2f}")
            figures.append(
                Figure(
                    f"{task}: {label} slope, {sizes[0]:,} to {sizes[-1]:,}",
                    value,
                    "log-log slope",
                    "linear growth",
                    1.0,
                    higher_is_better=False,
                )
            )
    args.plot.parent.mkdir(parents=True, exist_ok=True)
    args.plot.write_text(
        loglog_svg(
            [
                ("Time against size", "seconds", times),
                ("Peak RSS against size", "MiB", memory),
            ]
        ),
        encoding="utf-8",
    )
    print(f"plot: {args.plot}")
    write_figures(
        args.json,
        figures,
        sizes=sizes,
        plot=str(args.plot),
        measured={str(n): v for n, v in measured.items()},
    )


if __name__ == "__main__":
    main()

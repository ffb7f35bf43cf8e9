"""Import cost of ``coworkreg_core``, each measured in a fresh interpreter.

Every statement runs in its own new process (``python -c``), one discarded
warm-up, then ``--repeats`` round-robin runs, median wall time. Two
baselines, measured in the same run: the bare interpreter (``-c pass``) and
importing the library's own dependencies (jsonschema, pluggy, attrs,
cattrs), which the library cannot be cheaper than.

    .venv/bin/python bench/bench_imports.py [--repeats 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Figure, add_output_arguments, write_figures

STATEMENTS = {
    "python -c pass": "pass",
    "dependencies (jsonschema, pluggy, attrs, cattrs)": "import jsonschema, pluggy, attrs, cattrs",
    "import coworkreg_core": "import coworkreg_core",
    "import coworkreg_core + get_plugin_manager()": (
        "import coworkreg_core; coworkreg_core.get_plugin_manager()"
    ),
    "get_plugin_manager() + Towns.from_plugins()": (
        "import coworkreg_core as c; c.Towns.from_plugins(c.get_plugin_manager())"
    ),
}


def wall_time(statement: str) -> float:
    """Seconds for a fresh interpreter to run ``statement`` and exit."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], check=True)
    return time.perf_counter() - start


def loaded_modules(statement: str) -> int:
    """How many modules are in ``sys.modules`` after ``statement``."""
    probe = f"{statement}\nimport sys; print(len(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    )
    return int(result.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    add_output_arguments(parser)
    args = parser.parse_args()
    if args.quick:
        args.repeats = 1
    else:
        for statement in STATEMENTS.values():  # warm the file system cache, not measured
            wall_time(statement)
    samples: dict[str, list[float]] = {name: [] for name in STATEMENTS}
    for _ in range(args.repeats):
        for name, statement in STATEMENTS.items():
            samples[name].append(wall_time(statement))
    ms = {name: statistics.median(values) * 1000 for name, values in samples.items()}
    start = ms["python -c pass"]

    print(f"fresh process per run, {args.repeats} round-robin repeats, median wall ms")
    print(f"{'statement':<52}{'ms':>8}{'minus start':>13}{'modules':>9}")
    for name, statement in STATEMENTS.items():
        modules = "" if args.quick else str(loaded_modules(statement))
        print(f"{name:<52}{ms[name]:8.0f}{ms[name] - start:13.0f}{modules:>9}")

    dependencies = "dependencies (jsonschema, pluggy, attrs, cattrs)"
    figures: list[Figure] = []
    for name in list(STATEMENTS)[2:]:
        for baseline in ("python -c pass", dependencies):
            figures.append(Figure(name, ms[name], "ms", baseline, ms[baseline], False))
    write_figures(args.json, figures, repeats=args.repeats)


if __name__ == "__main__":
    main()

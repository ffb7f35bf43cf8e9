"""Run every benchmark and write one table: ``bench/results/results.md`` and ``results.json``.

Each benchmark runs alone in its own process, one after the other (the
machine is small; running them together would make each other's figures),
and writes its figures as JSON; this script gathers them. Every figure is a
ratio against a baseline measured in the same run by the same script.

    .venv/bin/python bench/run.py            # full run (see docs/benchmarks.md for duration)
    .venv/bin/python bench/run.py --quick    # small sizes, under a minute
    .venv/bin/python bench/run.py --only storage,workflow

PostgreSQL figures (storage, regional) need a server in ``$COWORKREG_TEST_PG``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from attrs import frozen

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


@frozen
class Benchmark:
    """One section of the table: the script that measures it and its extra arguments."""

    section: str
    script: str
    title: str
    arguments: tuple[str, ...] = ()
    quick_arguments: tuple[str, ...] = ()


BENCHMARKS = (
    Benchmark("validation", "bench_validation.py", "Validation against bare jsonschema"),
    Benchmark("rules", "bench_rules.py", "Rule evaluation against plain Python functions"),
    Benchmark(
        "workflow", "bench_workflow.py", "Transitions against transitions and python-statemachine"
    ),
    Benchmark(
        "storage", "bench_storage.py", "Persisted transitions against raw sqlite3 and psycopg"
    ),
    Benchmark("publication", "bench_publication.py", "Publication against a plain csv/json dump"),
    Benchmark("documents", "bench_documents.py", "PDF/A rendering against bare WeasyPrint"),
    Benchmark("imports", "bench_imports.py", "Import time in a fresh process"),
    Benchmark("memory", "bench_memory.py", "Peak memory against plain Python"),
    Benchmark("growth", "growth.py", "Growth with the number of providers (log-log slope)"),
    Benchmark(
        "regional",
        "regional.py",
        "Regional scenario on PostgreSQL (1,500 towns at scale 1)",
        arguments=("--scale", "0.01"),
        quick_arguments=("--scale", "0.002"),
    ),
)


def run_one(bench: Benchmark, *, quick: bool, out: Path) -> dict[str, Any]:
    """Run one script; return its section for ``results.json``."""
    with tempfile.TemporaryDirectory() as folder:
        figures_file = Path(folder) / "figures.json"
        command = [sys.executable, str(HERE / bench.script), "--json", str(figures_file)]
        command += list(bench.quick_arguments if quick else bench.arguments)
        if quick:
            command.append("--quick")
        if bench.section == "growth":
            command += ["--plot", str(out / "growth.svg")]
        started = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
        section: dict[str, Any] = {
            "section": bench.section,
            "title": bench.title,
            "command": " ".join([".venv/bin/python", f"bench/{bench.script}", *command[4:]]),
            "seconds": round(seconds, 1),
            "output": completed.stdout,
        }
        if completed.returncode != 0 or not figures_file.exists():
            section["error"] = completed.stderr.strip().splitlines()[-1:] or ["no figures"]
            section["figures"] = []
            return section
        section.update(json.loads(figures_file.read_text(encoding="utf-8")))
        return section


def _number(value: float) -> str:
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def markdown(results: dict[str, Any]) -> str:
    """The results as a Markdown page: one table per section, then each script's output."""
    lines = [
        "# Benchmark results",
        "",
        f"Run {results['started']} on {results['machine']}, Python {results['python']}, "
        f"{'quick' if results['quick'] else 'full'} mode, {results['seconds']:.0f} s in all.",
        "Ratio = figure / baseline, both measured in the same run; "
        "read it with the direction in the last column.",
        "",
    ]
    for section in results["sections"]:
        lines += [f"## {section['section']}: {section['title']}", ""]
        lines += [f"`{section['command']}` ({section['seconds']} s)", ""]
        if "error" in section:
            lines += [f"**Not measured**: {' '.join(section['error'])}", ""]
            continue
        if section.get("context", {}).get("skipped"):
            lines += [f"**Skipped**: {section['context']['skipped']}", ""]
            continue
        lines += [
            "| figure | value | unit | baseline | baseline value | ratio | better |",
            "|---|---:|---|---|---:|---:|---|",
        ]
        for f in section["figures"]:
            lines.append(
                f"| {f['name']} | {_number(f['value'])} | {f['unit']} | {f['baseline']} | "
                f"{_number(f['baseline_value'])} | {f['ratio']:.2f}× | "
                f"{'higher' if f['higher_is_better'] else 'lower'} |"
            )
        lines.append("")
    lines += ["## Console output", ""]
    for section in results["sections"]:
        lines += [f"### {section['section']}", "", "```", section["output"].rstrip(), "```", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, under a minute")
    parser.add_argument("--only", help="comma-separated sections to run")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the results")
    args = parser.parse_args()
    chosen = set(args.only.split(",")) if args.only else {b.section for b in BENCHMARKS}
    unknown = chosen - {b.section for b in BENCHMARKS}
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    args.out.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    results: dict[str, Any] = {
        "started": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "python": platform.python_version(),
        "quick": args.quick,
        "sections": [],
    }
    for bench in BENCHMARKS:
        if bench.section not in chosen:
            continue
        print(f"[{bench.section}] {bench.title} ...", flush=True)
        section = run_one(bench, quick=args.quick, out=args.out)
        results["sections"].append(section)
        status = "not measured: " + " ".join(section["error"]) if "error" in section else "done"
        print(f"[{bench.section}] {status} in {section['seconds']} s", flush=True)
    results["seconds"] = time.perf_counter() - started

    (args.out / "results.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (args.out / "results.md").write_text(markdown(results), encoding="utf-8")
    print(f"wrote {args.out / 'results.md'} and results.json in {results['seconds']:.0f} s")
    if any("error" in s for s in results["sections"]):
        sys.exit(1)


if __name__ == "__main__":
    main()

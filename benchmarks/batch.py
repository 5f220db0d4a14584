"""Batch throughput and memory, measured in one run against baselines of the same run.

- generates N realistic cases (default 100,000) as CSV: names, tasks, tags, a mix of
  direct scores, decimal commas and planned levels, like examples/batch/workshop.csv;
- the I/O floor: a bare stdlib script that reads the same CSV rows and writes each as a
  JSON line, nothing else;
- `trustdose batch CSV` to JSONL (stdout to /dev/null) with this interpreter's install,
  and, with `--baseline PYTHON`, with another install (say, an earlier commit built in a
  temporary venv): cases per second and ratios to the floor. Each is run `--runs` times,
  interleaved, so a shared machine's load falls on all alike; the best run counts;
- `--xlsx N` (default 10,000): the first N cases as an Excel workbook, read by
  `trustdose batch BOOK.xlsx`, its time as a ratio to the CSV of the same N rows;
- peak RSS of `trustdose batch` at SMALL and at LARGE cases (defaults 10,000 and
  1,000,000; target: LARGE within 1.2x of SMALL): the largest of the main process and
  its worker processes (a large file is shared out to one worker per core);
- `--instructions N`: the instructions a case costs in each install (valgrind's callgrind,
  between N/5 and N cases, one process): the same figure however loaded the machine is.
Each install has its own rules cache, warmed before it is timed.
Usage: python benchmarks/batch.py [-n N] [--runs R] [--baseline PYTHON] [--small N]
       [--large N] [--format jsonl|csv] [--xlsx N] [--instructions N]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NAMES = ["Mette", "Jonas", "Sara", "Ahmed", "Ingrid", "Lars", "Noor", "Omar", "Eva", "Kim",
         "Team Nord", "Nattevagten", "Dagholdet", "Søren", "Åsa", "Bjørn"]
TASKS = ["Plan the shift rota", "Answer citizens' questions", "Run the parents' meeting",
         "Order supplies within budget", "Decide on home-care hours", "Write the quality report"]
SCORES = ["1", "1,5", "2", "2,5", "3", "3,5", "4", "4,5", "5", "?"]

FLOOR = """
import csv, json, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as handle:
    reader = csv.DictReader(handle, delimiter=";")
    write = sys.stdout.write
    for row in reader:
        write(json.dumps(row, ensure_ascii=False) + "\\n")
"""

RSS = """
import resource, sys
sys.argv = ["trustdose", "batch", sys.argv[1], "--format", sys.argv[2]]
from trustdose.cli.app import main
try:
    main()
except SystemExit:
    pass
finally:
    print(max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
              resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss), file=sys.stderr)
"""


def generate(path: Path, n: int) -> None:
    rng = random.Random(4)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("id;subject;kind;task;tags;competence;intention;resources;risk;planned_level\n")
        for i in range(n):
            name = rng.choice(NAMES)
            kind = "team" if name.startswith(("Team", "Natte", "Dag")) else "person"
            out.write(";".join([f"c{i}", name, kind, rng.choice(TASKS),
                                rng.choice(["", "", "budget", "citizen-decision"]),
                                *(rng.choice(SCORES) for _ in range(4)),
                                rng.choice(["", "", "4", "delegate", "consult"])]) + "\n")


def workbook(csv_path: Path, book: Path, n: int) -> Path:
    """The first `n` rows of `csv_path` (and its header) as a workbook, cells typed as
    Excel types them (numbers as numbers); and the same rows as CSV, beside it."""
    import openpyxl
    made = openpyxl.Workbook(write_only=True)
    sheet = made.create_sheet("Cases")
    lines = csv_path.read_text(encoding="utf-8").splitlines()[:n + 1]
    for line in lines:
        sheet.append([float(c.replace(",", ".")) if c[:1].isdigit() else c
                      for c in line.split(";")])
    made.save(book)
    same = book.with_suffix(".csv")
    same.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return same


def wall(argv: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env=env)
    return time.perf_counter() - start


def cache_of(tmp: str, name: str) -> dict:
    """An install's own rules cache (warmed before it is timed): on a shared machine
    another install's runs would otherwise push its cached rules out, and it would read
    its rule files again, which a user's second run never does."""
    folder = Path(tmp) / f"cache-{name}"
    folder.mkdir()
    return {**os.environ, "TRUSTDOSE_CACHE_DIR": str(folder)}


def instructions(python: str, csv_path: Path, env: dict) -> int | None:
    """The instructions one process spends on `csv_path` in one process (valgrind's
    callgrind: the same count however loaded the machine is), or None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    with tempfile.NamedTemporaryFile() as out:
        done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out.name}",
                               python, "-m", "trustdose", "batch", str(csv_path), "-o",
                               os.devnull], env={**env, "TRUSTDOSE_WORKERS": "0"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    return int(found.group(1)) if found else None


def per_case(python: str, small: Path, large: Path, env: dict, between: int) -> str:
    """Instructions a case costs (the slope between two sizes, so start-up is left out)."""
    low, high = instructions(python, small, env), instructions(python, large, env)
    if low is None or high is None:
        return "valgrind not found"
    return f"{(high - low) / between:,.0f} instructions a case"


def peak_rss(csv_path: Path, fmt: str) -> int:
    done = subprocess.run([sys.executable, "-c", RSS, str(csv_path), fmt],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(done.stderr.strip().splitlines()[-1])  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", metavar="PYTHON",
                        help="the interpreter of another trustdose install to compare with")
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--format", default="jsonl", choices=["jsonl", "csv"])
    parser.add_argument("--xlsx", type=int, default=10_000, metavar="N")
    parser.add_argument("--instructions", type=int, default=0, metavar="N",
                        help="also count the instructions a case costs, between N/5 and N "
                             "cases (valgrind; slow, but the same on a loaded machine)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cases = Path(tmp) / "cases.csv"
        generate(cases, args.n)
        floor_script = Path(tmp) / "floor.py"
        floor_script.write_text(FLOOR)
        runs = {"I/O floor (stdlib csv → json lines)": [sys.executable, str(floor_script),
                                                        str(cases)],
                "trustdose batch (this install)": [sys.executable, "-m", "trustdose", "batch",
                                                   str(cases), "--format", args.format]}
        if args.baseline:
            runs["trustdose batch (baseline)"] = [args.baseline, "-m", "trustdose", "batch",
                                                  str(cases), "--format", args.format]
        envs = {name: cache_of(tmp, str(n)) for n, name in enumerate(runs)}
        for name, argv in runs.items():  # each install's rules cache made, untimed
            wall(argv, envs[name])
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(args.runs):
            for name, argv in runs.items():
                times[name].append(wall(argv, envs[name]))
        from trustdose.batch.parallel import workers
        print(f"{args.n:,} cases, CSV → {args.format}, {workers() or 'no'} worker processes, "
              f"best of {args.runs} interleaved runs")
        floor = min(times["I/O floor (stdlib csv → json lines)"])
        for name, samples in times.items():
            best = min(samples)
            print(f"  {name:<38} {best:7.2f} s {args.n / best:>10,.0f} cases/s  "
                  f"{best / floor:5.2f}× the floor")
        if args.baseline:
            ratio = min(times["trustdose batch (baseline)"]) / min(
                times["trustdose batch (this install)"])
            print(f"  this install is {ratio:.2f}× as fast as the baseline")
        if args.instructions:
            small, large = Path(tmp) / "i-small.csv", Path(tmp) / "i-large.csv"
            generate(small, args.instructions // 5)
            generate(large, args.instructions)
            between = args.instructions - args.instructions // 5
            for name, argv in runs.items():
                if name.startswith("trustdose"):
                    print(f"  {name:<38} {per_case(argv[0], small, large, envs[name], between)}")
        book = Path(tmp) / "book.xlsx"
        same = workbook(cases, book, args.xlsx)
        read = {str(p): min(wall([sys.executable, "-m", "trustdose", "batch", str(p),
                                  "--format", args.format]) for _ in range(args.runs))
                for p in (book, same)}
        print(f"  {args.xlsx:,} cases from .xlsx: {read[str(book)]:.2f} s; from CSV "
              f"{read[str(same)]:.2f} s; {read[str(book)] / read[str(same)]:.2f}× the CSV")
        small, large = Path(tmp) / "small.csv", Path(tmp) / "large.csv"
        generate(small, args.small)
        generate(large, args.large)
        rss_small, rss_large = peak_rss(small, args.format), peak_rss(large, args.format)
        print(f"  peak RSS at {args.small:,} cases: {rss_small / 1024:.1f} MiB; "
              f"at {args.large:,}: {rss_large / 1024:.1f} MiB; ratio {rss_large / rss_small:.2f} "
              f"({'met' if rss_large / rss_small <= 1.2 else 'NOT met'}: <= 1.2)")


if __name__ == "__main__":
    main()

"""Batch throughput and memory (issue 4), measured in one run.

- generates N realistic cases (default 100,000) as CSV: names, tasks, tags, a mix of
  direct scores, decimal commas and planned levels, like examples/batch/workshop.csv;
- the I/O floor: a bare stdlib script that reads the same CSV rows and writes each as a
  JSON line, nothing else;
- `trustdose batch CSV` to JSONL (stdout to /dev/null), as cases per second and as a ratio
  to the floor (targets: >= 50,000 cases/s, <= 5x the floor);
- peak RSS of `trustdose batch` at SMALL and at LARGE cases (defaults 10,000 and
  1,000,000; target: LARGE within 1.2x of SMALL): the largest of the main process and
  its worker processes (a large file is shared out to one worker per core).
Usage: python benchmarks/batch.py [-n N] [--small N] [--large N] [--format jsonl|csv]
"""

from __future__ import annotations

import argparse
import random
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
from trustdose.cli import main
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


def wall(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def peak_rss(csv_path: Path, fmt: str) -> int:
    done = subprocess.run([sys.executable, "-c", RSS, str(csv_path), fmt],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(done.stderr.strip().splitlines()[-1])  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--format", default="jsonl", choices=["jsonl", "csv"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cases = Path(tmp) / "cases.csv"
        generate(cases, args.n)
        floor_script = Path(tmp) / "floor.py"
        floor_script.write_text(FLOOR)
        floor = wall([sys.executable, str(floor_script), str(cases)])
        batch = wall([sys.executable, "-m", "trustdose", "batch", str(cases),
                      "--format", args.format])
        from trustdose._parallel import workers
        print(f"{args.n:,} cases, CSV → {args.format}, {workers() or 'no'} worker processes")
        print(f"  I/O floor (stdlib csv → json lines): {floor:8.2f} s  "
              f"{args.n / floor:>10,.0f} cases/s  1.00")
        print(f"  trustdose batch:                     {batch:8.2f} s  "
              f"{args.n / batch:>10,.0f} cases/s  {batch / floor:.2f}")
        print(f"  targets: >= 50,000 cases/s: {'met' if args.n / batch >= 50_000 else 'NOT met'}; "
              f"<= 5x the floor: {'met' if batch / floor <= 5 else 'NOT met'}")
        small, large = Path(tmp) / "small.csv", Path(tmp) / "large.csv"
        generate(small, args.small)
        generate(large, args.large)
        rss_small, rss_large = peak_rss(small, args.format), peak_rss(large, args.format)
        print(f"  peak RSS at {args.small:,} cases: {rss_small / 1024:.1f} MiB; "
              f"at {args.large:,}: {rss_large / 1024:.1f} MiB; ratio {rss_large / rss_small:.2f} "
              f"({'met' if rss_large / rss_small <= 1.2 else 'NOT met'}: <= 1.2)")


if __name__ == "__main__":
    main()

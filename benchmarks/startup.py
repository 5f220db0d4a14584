"""Start-up cost of the trustdose command, as ratios to a bare typer app (issue 2).

Measured in one run, interleaved so a noisy shared machine affects both sides alike:
- baseline: a typer app of the installed typer version that runs one trivial command;
- `trustdose assess <example> --format json` with a YAML and with a JSON case (JSON cases
  skip importing PyYAML), the YAML case in Danish (the gettext catalogue is read),
  `trustdose --help`, `trustdose --version`.
Run it from a regular (non-editable) install: an editable one under
PYTHONDONTWRITEBYTECODE recompiles trustdose on every start and measures that instead.
Prints the median wall time of each and its ratio to the baseline (target for assess:
<= 1.25). With `--baseline PYTHON` the assess commands also run on another install (say,
an earlier commit built in a temporary venv), interleaved with the rest.
Usage: python benchmarks/startup.py [--runs N] [--baseline PYTHON]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "new-employee.yaml"
JSON_EXAMPLE = ROOT / "examples" / "uncertain-answers.json"
BARE = '''
import typer
app = typer.Typer()
@app.command()
def run(name: str = "x"):
    print(name)
@app.command()
def other():
    pass
app()
'''


def command(python: str = sys.executable) -> list[str]:
    """The installed console script next to `python`, as a user runs it."""
    script = Path(python).parent / "trustdose"
    found = str(script) if script.exists() else shutil.which("trustdose")
    return [found] if found else [sys.executable, "-m", "trustdose"]


def wall(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--baseline", metavar="PYTHON",
                        help="another install's python to compare assess with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE)
        cases = {
            "bare typer app (baseline)": [sys.executable, str(bare), "run"],
            "trustdose assess <example> --format json": command() + [
                "assess", str(EXAMPLE), "--format", "json"],
            "trustdose assess <example.json> --format json": command() + [
                "assess", str(JSON_EXAMPLE), "--format", "json"],
            "trustdose assess <example> --lang da (json)": command() + [
                "assess", str(EXAMPLE), "--format", "json", "--lang", "da"],
            "trustdose --help": command() + ["--help"],
            "trustdose --version": command() + ["--version"],
        }
        if args.baseline:
            other = command(args.baseline)
            cases["baseline: assess <example> --format json"] = other + [
                "assess", str(EXAMPLE), "--format", "json"]
            cases["baseline: assess <example.json> --format json"] = other + [
                "assess", str(JSON_EXAMPLE), "--format", "json"]
        for argv in cases.values():  # warm the file cache and .pyc files
            wall(argv)
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(args.runs):
            for name, argv in cases.items():
                times[name].append(wall(argv))
    base = statistics.median(times["bare typer app (baseline)"])
    print(f"{'command':<44} {'median ms':>10} {'ratio':>7}   ({args.runs} runs each, interleaved)")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"{name:<44} {median * 1000:>10.1f} {median / base:>7.2f}")


if __name__ == "__main__":
    main()

"""Speed of a delegation board (issue 23: "a board of 50 areas assesses in well under a
second").

Measured in one run, so a noisy shared machine affects every row alike:
- baseline: the 50 areas as 50 cases, each assessed through the public API
  (`trustdose.assess` on a dict, the engine compiled once), as a script would do it;
- `assess_board` of the board of 50 areas (the same cases, split from one file);
- the board drawn as the leader reads it (text, with each area's why) and as JSON;
- the whole command `trustdose board FILE` as a user runs it (wall time, a subprocess),
  beside `trustdose assess` of one case (the start-up both pay).
Prints the median of each, and its ratio to the baseline.
Usage: python benchmarks/board.py [--runs N] [--areas N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

import trustdose
from trustdose.board.assess import assess_board
from trustdose.board.file import areas
from trustdose.io.source import parse_text
from trustdose.report.board import render_text

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def board_of(n: int) -> dict:
    """A board of `n` areas: the shipped home-care board's areas, with the risk varied so
    that the areas are not all alike."""
    board = yaml.safe_load((EXAMPLES / "boards" / "hjemmepleje-weekendteam.yaml").read_text(
        encoding="utf-8"))
    given = board["areas"]
    board["areas"] = []
    for i in range(n):
        area = dict(given[i % len(given)])
        area["title"] = f"{area['title']} ({i + 1})"
        area["risk"] = {k: 1 + (v + i) % 5 for k, v in area["risk"].items()}
        board["areas"].append(area)
    return board


def timed(runs: int, make) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        make()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--areas", type=int, default=50)
    args = parser.parse_args()
    rules = trustdose.load_rules(user=False)
    text = yaml.safe_dump(board_of(args.areas), allow_unicode=True, sort_keys=False)
    cases = [area.doc.data for area in areas(parse_text(text, "board.yaml"))[0]]

    def one_by_one():
        for case in cases:
            trustdose.assess(json.loads(json.dumps(case, default=str)), rules)

    def board():
        return assess_board(parse_text(text, "board.yaml"), rules)

    made = board()
    base = timed(args.runs, one_by_one)
    rows = [("baseline: the areas as cases, one by one", base),
            (f"assess_board, {args.areas} areas", timed(args.runs, board)),
            ("the board as text (each area's why)", timed(args.runs,
                                                        lambda: render_text(made, 100))),
            ("the board as JSON", timed(args.runs, lambda: json.dumps(made.to_json())))]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "board.yaml"
        path.write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "trustdose"]
        rows.append(("`trustdose board FILE` (a process)", timed(
            args.runs, lambda: subprocess.run([*command, "board", str(path)], check=True,
                                              capture_output=True))))
        rows.append(("`trustdose assess CASE` (a process, one case)", timed(
            args.runs, lambda: subprocess.run(
                [*command, "assess", str(EXAMPLES / "new-employee.yaml")], check=True,
                capture_output=True))))
    print(f"board of {args.areas} areas, median of {args.runs} runs")
    for name, seconds in rows:
        print(f"  {name:<48} {seconds * 1000:8.1f} ms  {seconds / base:5.2f}x the baseline")


if __name__ == "__main__":
    main()

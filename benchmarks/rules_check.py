"""Speed of `trustdose rules check` and `rules diff` (issue 3: "well under a second").

Measured in one run, so a noisy shared machine affects every row alike:
- baseline: assessing each of the 6,561 grid cases once through the public API
  (`trustdose.assess` on a dict), the obvious way to look at the whole grid;
- `check(rules)` on the default rules and on examples/org-overlay (which adds a tag and a
  task fact: 28 contexts instead of 14, each of the 6,561 score combinations), and
  `diff(default, org-overlay)`;
- `check` and `diff` of an overlay whose red lines name 2,000 tags: any of 2,000, all of
  2,000 others, and a task fact in a list of 2,000 values (issue 20: minutes before; the
  grid grows with the classes the rules tell apart, not with the tags);
- `check` of 50 red lines, each on a task fact of its own (issue 20: it grew with the
  square of the rules; each context is now decided with the rules that can hold in it);
- `check` of a red line that leaves a rule decided after the level unreachable (a review
  rule for high competence, held at Sell by it): the search for a case where that rule
  fires walks the whole grid in every variant before it says "never fires";
- the whole command `trustdose rules check` as a user runs it (wall time, a subprocess).
Prints the median of each and its ratio to the baseline.
Usage: python benchmarks/rules_check.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import trustdose
from trustdose.model.vocabulary import HALF_POINTS as GRID
from trustdose.proofs.check import check
from trustdose.proofs.diff import diff

ROOT = Path(__file__).resolve().parents[1]
ORG = ROOT / "examples" / "org-overlay"


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def many_tags(folder: Path, n: int = 2000) -> Path:
    """An overlay on any of n tags, all of n others and a fact in a list of n values."""
    def listed(prefix: str) -> str:
        return ", ".join(f"{{field: tags, op: contains, value: {prefix}{k}}}" for k in range(n))
    values = ", ".join(f"v{k}" for k in range(n))
    lines = [("any-tag", f"{{any: [{listed('a')}]}}", 3),
             ("all-tags", f"{{all: [{listed('b')}]}}", 2),
             ("kind", f"{{field: facts.kind, op: in, value: [{values}]}}", 4)]
    (folder / "r.yaml").write_text("red_lines:\n" + "".join(
        f"  - id: {name}\n    when: {when}\n    level: {level}\n    reason: {{en: r}}\n"
        for name, when, level in lines), encoding="utf-8")
    return folder


def many_facts(folder: Path, n: int = 50) -> Path:
    """An overlay of n red lines, each on a task fact of its own (issue 20: the check grew
    with the square of n)."""
    (folder / "r.yaml").write_text("red_lines:\n" + "".join(
        f"  - id: r{k}\n    when: {{field: facts.f{k}, op: '>=', value: {k + 1}}}\n"
        f"    level: 3\n    reason: {{en: r}}\n" for k in range(n)), encoding="utf-8")
    return folder


def unreachable(folder: Path) -> Path:
    """An overlay holding high competence at Sell: a later rule that needs both never fires."""
    (folder / "r.yaml").write_text(
        "red_lines:\n  - id: org-line\n    when: {field: competence, op: '>=', value: 4.5}\n"
        "    level: 2\n    reason: {en: r}\n", encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rules = trustdose.load_rules(user=False)
    org = trustdose.load_rules([ORG], user=False)
    tags = trustdose.load_rules([many_tags(Path(tempfile.mkdtemp()))], user=False)
    facts = trustdose.load_rules([many_facts(Path(tempfile.mkdtemp()))], user=False)
    stuck = trustdose.load_rules([unreachable(Path(tempfile.mkdtemp()))], user=False)
    cases = [{"subject": {"name": "K"}, "task": {"title": "T"}, "competence": c,
              "intention": i, "resources": r, "risk": k}
             for c in GRID for i in GRID for r in GRID for k in GRID]
    command = [sys.executable, "-m", "trustdose", "rules", "check"]
    rows = {
        "assess 6,561 grid cases one by one (baseline)":
            lambda: [trustdose.assess(case, rules) for case in cases],
        "check(default rules)": lambda: check(rules),
        "check(default + org-overlay)": lambda: check(org),
        "diff(default, org-overlay)": lambda: diff(rules, org),
        "check(2,000 tags, 2,000 values)": lambda: check(tags),
        "diff(default, 2,000 tags, 2,000 values)": lambda: diff(rules, tags),
        "check(50 red lines, each on its own fact)": lambda: check(facts),
        "check(a later rule never fires)": lambda: check(stuck),
        "trustdose rules check (whole command)":
            lambda: subprocess.run(command, capture_output=True, check=True),
    }
    times: dict[str, list[float]] = {name: [] for name in rows}
    for _ in range(args.runs):
        for name, fn in rows.items():
            times[name].append(timed(fn))
    base = statistics.median(times["assess 6,561 grid cases one by one (baseline)"])
    print(f"{'what':<46} {'median ms':>10} {'ratio':>7}   ({args.runs} runs each, interleaved)")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"{name:<46} {median * 1000:>10.1f} {median / base:>7.2f}")


if __name__ == "__main__":
    main()

"""Write the README's tour again from the installed tool: each ```console block whose
first line is `$ .venv/bin/trustdose …` (as a newcomer runs it right after the set-up
command, with no environment active) gets that command's output (run from the repository,
at 100 columns), so the examples shown are the tool's own. Run after changing a text."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```console\n\$ (\.venv/bin/trustdose [^\n]+)\n.*?```", re.S)


def output(command: str) -> str:
    args = shlex.split(command)[1:]
    done = subprocess.run([sys.executable, "-m", "trustdose", *args], cwd=ROOT, text=True,
                          capture_output=True, env={**os.environ, "COLUMNS": "100"})
    return done.stdout.rstrip("\n")


def main() -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    readme.write_text(BLOCK.sub(lambda m: f"```console\n$ {m.group(1)}\n{output(m.group(1))}\n```",
                                text), encoding="utf-8")


if __name__ == "__main__":
    main()

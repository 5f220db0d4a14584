"""The console script's entry point: it imports the command line inside a guard, so a
Ctrl-C that comes while Python is still importing typer, rich and the commands ends as
one that comes later does, with exit 130 and no traceback (a SIGTERM that early ends
the process by the signal's default, which writes nothing either)."""

import signal
import sys


def main() -> None:
    try:
        from .app import main as run
    except KeyboardInterrupt:
        sys.exit(128 + signal.SIGINT)  # 130, as an interrupted command exits
    run()

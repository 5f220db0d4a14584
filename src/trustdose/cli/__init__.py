"""The `trustdose` command: the only part that imports typer and talks to a terminal."""

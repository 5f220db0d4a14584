"""`python -m trustdose` runs the command line."""

from trustdose.cli import main

main()

"""`python -m trustdose` runs the command line."""

from trustdose.cli.app import main

main()

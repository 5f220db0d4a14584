"""`python -m trustdose` runs the command line."""

from trustdose.cli.start import main

main()

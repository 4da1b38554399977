"""``python -m phbs`` runs the command-line interface."""

from phbs.cli import main

main()

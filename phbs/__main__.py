"""``python -m phbs`` runs the command-line interface."""

from phbs.console import run

run()

"""The ``phbs`` command's entry point: loads the command-line interface, so that Ctrl-C
while it is still loading (the first fraction of a second) ends like Ctrl-C at any other
moment, "Dibatalkan / cancelled" and exit 130, without a Python traceback."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point (see :func:`phbs.cli.root.main`)."""
    try:
        from phbs.cli.root import main as run
    except KeyboardInterrupt:
        sys.stderr.write("Dibatalkan / cancelled\n")
        raise SystemExit(130) from None
    run(argv)

"""The ``phbs`` command's entry point: loads the command-line interface, so that Ctrl-C
while it is still loading (the first fraction of a second) ends like Ctrl-C at any other
moment, "Dibatalkan / cancelled" and exit 130, without a Python traceback.

:func:`run` (the console script and ``python -m phbs``) also ends the process without
tearing the interpreter down: once the command has finished, its threads have been joined
and every exit handler has run (temporary folders removed), the standard streams are flushed
and the process exits with the command's code. Freeing every module and object one by one
would add about a sixth to a small file's run and change nothing on disk: every output is
written and closed before the command returns.
"""

from __future__ import annotations

import atexit
import os
import sys
from collections.abc import Sequence

#: The exit code of the command :func:`run` ran (empty until it has ended by ``SystemExit``).
_ENDED: list[int] = []


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point (see :func:`phbs.cli.root.main`)."""
    try:
        from phbs.cli.root import main as run_cli
    except KeyboardInterrupt:
        sys.stderr.write("Dibatalkan / cancelled\n")
        raise SystemExit(130) from None
    run_cli(argv)


def run() -> None:
    """The ``phbs`` command: :func:`main` with the process's arguments, ended by
    :func:`_leave` once Python's own exit has run every handler (only when this process was
    started as ``phbs`` or ``python -m phbs``, never inside another program)."""
    # Registered first, so run last: after every handler registered while the command ran.
    # A handler registered before the command started (by sitecustomize or a .pth file: a
    # coverage measurement) would run after it and be skipped, so then Python exits as usual.
    if _started_as_phbs(sys.orig_argv) and not atexit._ncallbacks():
        atexit.register(_leave)
    try:
        main()
    except SystemExit as ended:
        code = ended.code
        _ENDED.append(code if isinstance(code, int) else 0 if code is None else 1)
        raise


def _started_as_phbs(command: Sequence[str]) -> bool:
    """Whether the interpreter's own command line started ``phbs``: its console script, or
    ``python [options] -m phbs``.

    >>> _started_as_phbs(["/venv/bin/python", "/venv/bin/phbs", "score", "a.csv"])
    True
    >>> _started_as_phbs(["python", "-X", "importtime", "-m", "phbs", "--version"])
    True
    >>> _started_as_phbs(["python", "-m", "pytest", "tests"])
    False
    >>> _started_as_phbs(["/venv/bin/python", "/venv/bin/phbs", "map", "a.csv", "-m", "x"])
    True
    """
    rest = list(command[1:])
    if rest and os.path.basename(rest[0]) in ("phbs", "phbs.exe", "phbs-script.py"):
        return True
    # The interpreter's options come before its -m (the command's own follow the module).
    at = rest.index("-m") if "-m" in rest else len(rest)
    return rest[at + 1 : at + 2] == ["phbs"]


def _leave() -> None:
    """Flush the standard streams and end the process with the command's code, skipping the
    interpreter's teardown; anything else (an exception that escaped the command, a stream
    that cannot be flushed) leaves Python's own exit to finish."""
    if not _ENDED:
        return
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None: started with that stream closed
                stream.flush()
    except (OSError, ValueError):
        return
    os._exit(_ENDED[0])

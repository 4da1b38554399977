"""The command line: the ``phbs`` group (``root``) and one module per command. Each parses
its options, makes the library calls and prints; no rule lives here."""

from phbs._moved import forwarder

__getattr__ = forwarder(__name__)

"""The command line: the ``phbs`` group and the ``score`` and ``validate`` commands
(``root``), and one module per other command. Each parses its options, makes the library
calls and prints; no rule lives here."""

from phbs._moved import forwarder

__getattr__ = forwarder(__name__)

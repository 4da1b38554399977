"""The bundled sample: its survey files (``data``), its contest (``contest``) and the demo run
(``sample``)."""

from phbs._moved import forwarder

__getattr__ = forwarder(__name__)

"""The bundled sample: its survey files (``data``), its contest (``contest``), its earlier
round compared with it (``rounds``) and the demo run (``sample``)."""

from phbs._moved import forwarder

__getattr__ = forwarder(__name__)

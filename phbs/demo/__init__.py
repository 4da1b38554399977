"""The bundled sample: survey files (``sample``) and the contest built on them (``contest``)."""

from phbs._moved import forwarder

__getattr__ = forwarder(__name__)

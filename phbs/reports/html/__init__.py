"""The HTML report (``page``) and its parts (``view``, ``contest``, ``funnel``)."""

from phbs._moved import forwarder

__getattr__ = forwarder(__name__)

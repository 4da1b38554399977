"""The Excel report (``workbook``) and its sheets (``tables``, ``recap``, ``ranking``), written
with xlsxwriter through ``sheet``."""

from phbs._moved import forwarder

__getattr__ = forwarder(__name__)

"""Survey forms: the form model (``model``) and its loading (``loading``), the checks a form
author runs (``check``) and the field layout shared by the readers and the field-form
generators (``fields``). Rules: docs/aturan.md §1–§2, §4."""

from phbs._moved import forwarder

__getattr__ = forwarder(__name__)

"""Find bundled data both in a source checkout and in an installed wheel.

``survey_forms/`` and ``reports/`` live at the repository root, where a health office finds
and edits them; the wheel carries them as ``phbs/_resources/...``. The region table and the
sample survey live inside the package (``phbs/data``) in both cases.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the folder holding the bundled ``survey_forms`` or ``reports``.

    >>> resource_dir("survey_forms").name
    'survey_forms'
    """
    installed = _PACKAGE_DIR / "_resources" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"bundled resource folder {name!r} not found")


def data_path(*parts: str) -> Path:
    """Return a path inside the package's own ``data`` folder.

    >>> data_path("contoh").name
    'contoh'
    """
    return _PACKAGE_DIR.joinpath("data", *parts)

"""Exceptions for states where work cannot continue.

Bad *data* is never an exception: it becomes an issue record (see :mod:`phbs.issues`).
An exception means the job itself cannot go on — a file that does not exist or cannot be
read at all, a broken form definition, an output that cannot be written. The CLI turns
each into a one-line message and an exit code; the library lets them propagate.
"""

from __future__ import annotations


class PhbsError(Exception):
    """Base class: work cannot continue.

    ``message_id`` is shown to Indonesian users (the default), ``message_en`` with
    ``--lang en``. ``str(error)`` is the Indonesian text.

    >>> str(PhbsError("berkas tidak ada", "file not found"))
    'berkas tidak ada'
    """

    exit_code = 2

    def __init__(self, message_id: str, message_en: str | None = None) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.message_en = message_en if message_en is not None else message_id

    def message(self, lang: str = "id") -> str:
        """The message in ``lang`` (``id`` or ``en``)."""
        return self.message_en if lang == "en" else self.message_id


class InputFileError(PhbsError):
    """An input file is missing, unreadable or not a table at all."""


class FormError(PhbsError):
    """A form definition is missing or invalid."""


class SettingsError(PhbsError):
    """A setting or option has a value the toolkit cannot use."""


class OutputError(PhbsError):
    """An output cannot be written where it was asked for."""


class MapError(PhbsError):
    """A mapping file (``phbs map``) is missing, invalid, still asks a question, or does not
    fit the file it is used with."""


class RubricError(PhbsError):
    """A contest rubric (or a pairwise comparison matrix for it) is missing or invalid."""


class UnusableFileError(PhbsError):
    """A data file cannot be used as it is (a required column is missing, say): nothing
    that looks like a result is written; the message says what to do (exit code 1)."""

    exit_code = 1


class SurveyError(UnusableFileError):
    """A survey file cannot be scored as it is: a required column is missing, the data is on
    another sheet, its answers could be read two ways, or no row could be scored."""

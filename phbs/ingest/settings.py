"""How survey files are to be read, beyond the form: the choices a user makes when a file
could be read more than one way (docs/aturan.md, *Membaca berkas*).

Every choice has a safe default; where the default cannot be safe (a bare ``N`` that could
mean *Tidak* or *tidak berlaku*), reading refuses and names the option that settles it.

>>> ReadSettings().answers, ReadSettings().blank
(<AnswerScheme.AUTO: 'auto'>, <BlankMeaning.AUTO: 'auto'>)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class AnswerScheme(StrEnum):
    """What a bare ``N`` in an indicator cell means (docs/aturan.md §6.2)."""

    #: Decided per file from the spellings present; a file that cannot tell is refused.
    AUTO = "auto"
    #: PIS-PK's Y/T/N coding: ``N`` is *tidak berlaku* (not applicable).
    YTN = "ytn"
    #: A plain Y/N file: ``N`` is *Tidak* (No).
    YN = "yn"


class BlankMeaning(StrEnum):
    """What a blank indicator cell means (docs/aturan.md §6.3)."""

    #: Not yet answered, unless the file could mean *tidak berlaku* by it: blanks where an
    #: indicator may be not applicable, in a file that never writes a not-applicable mark
    #: and has no column that decides applicability. Such a file is refused.
    AUTO = "auto"
    #: Not yet answered: a household with a blank is *belum lengkap*.
    MISSING = "missing"
    #: Not applicable, for exports of apps that store *tidak berlaku* as an empty value.
    NA = "na"
    #: *Tidak* (not met), for check-mark sheets: a tick where the practice is done, nothing
    #: where it is not. Where the youngest child's age says an indicator does not apply, it
    #: does not apply, as always.
    NO = "tidak"


@dataclass(frozen=True)
class ReadSettings:
    """Choices for reading survey files; each one is recorded in every output.

    ``not_collected`` names indicators the survey really did not collect: they are left out
    of scoring instead of stopping it (docs/aturan.md, *Membaca berkas*). ``keep_rejected`` scores
    submissions a supervisor rejected in KoBoToolbox or ODK Central (set aside by default).
    ``region_scope`` is a dotted Kemendagri code prefix (``63.10`` or ``63.10.01``) within
    which village *names* are matched to codes when a file has names instead of codes.
    ``village`` is the dotted code of the one village every row of a file without a village
    column belongs to (``--desa KODE``, for a survey of one file), ``file_villages`` the same
    per file (``--desa BERKAS=KODE``: resolved path, code); :mod:`phbs.ingest.one_village`.
    """

    answers: AnswerScheme = AnswerScheme.AUTO
    blank: BlankMeaning = BlankMeaning.AUTO
    not_collected: frozenset[str] = frozenset()
    keep_rejected: bool = False
    region_scope: str | None = None
    village: str | None = None
    file_villages: tuple[tuple[Path, str], ...] = ()

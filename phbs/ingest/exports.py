"""Exports of the XLSForm from KoBoToolbox and ODK Central, read without a column mapping.

docs/aturan.md §10.5. A file is recognised by its signature columns: ``_uuid`` or
``_submission_time`` → KoBoToolbox (CSV with ``;`` or XLSX, headers as XML names or labels,
with or without group paths ``identitas/kode_desa``); ``SubmissionDate`` with ``KEY`` → ODK
Central (group paths joined by ``-``). For such a file:

- system and metadata columns (``_id``, ``_uuid``, ``__version__``, ``meta/rootUuid``,
  ``start``, ``SubmitterName``, …) are ignored, reported once as one info issue;
- the submission identity (KoBo ``meta/rootUuid``, else ``_uuid``; Central
  ``meta-instanceID``, else ``KEY``) finds a submission exported twice (``kiriman-ganda``),
  and stands in for the household id when the form had no ``id_rumah_tangga`` question;
- a second header row of ``#hxl`` tags (KoBo) is a header, not a household;
- the supervisor's review (KoBo ``_validation_status``: ``validation_status_not_approved``
  or its label *Not Approved*; Central ``ReviewState``: ``rejected``) sets a rejected
  submission aside (``kiriman-ditolak``) unless ``--keep-rejected``; *On Hold* / ``hasIssues``
  are scored and counted once per file (``kiriman-ditahan``).

Group paths are resolved by :func:`phbs.ingest.columns.match_columns` (the last segment after
``/`` or ``-`` when a header has no exact match; two columns ending alike are ambiguous).

>>> layout = detect_export(["start", "identitas/kode_desa", "meta/rootUuid", "_uuid", "_id"])
>>> layout.dialect.value, sorted(layout.ignored), layout.instance_column
('kobotoolbox', [0, 2, 3, 4], 2)
>>> kobo = detect_export(["kode_desa", "_uuid", "_validation_status"])
>>> kobo.review_column, kobo.review(["63.10.01.2005", "7f0c", "Not Approved"]).value
(2, 'rejected')
>>> detect_export(["id_rumah_tangga", "kode_desa"]).dialect.value
'biasa'
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from phbs.forms.fields import KECAMATAN_FIELD


class Dialect(StrEnum):
    """Where a survey file comes from."""

    PLAIN = "biasa"
    KOBO = "kobotoolbox"
    CENTRAL = "odk-central"


class Review(StrEnum):
    """What a supervisor's review says of one submission."""

    #: Not reviewed: blank (KoBo), blank or ``received`` (Central), or a value not known.
    NONE = "none"
    APPROVED = "approved"
    #: Central ``edited``: changed after it was received, not (yet) reviewed again.
    EDITED = "edited"
    #: Still open: KoBo *On Hold*, Central ``hasIssues``. Scored, counted per file.
    ON_HOLD = "on-hold"
    #: KoBo *Not Approved*, Central ``rejected``. Set aside unless kept on purpose.
    REJECTED = "rejected"


# Review values as exported, folded by _fold_review: KoBo writes the status uid in an
# export with XML names and its label (always English, e.g. "Not Approved") in one with
# labels (formpack ValidationStatusCopyField); Central writes the review state as stored.
_KOBO_REVIEWS = {
    "validationstatusapproved": Review.APPROVED,
    "approved": Review.APPROVED,
    "validationstatusnotapproved": Review.REJECTED,
    "notapproved": Review.REJECTED,
    "validationstatusonhold": Review.ON_HOLD,
    "onhold": Review.ON_HOLD,
}
_CENTRAL_REVIEWS = {
    "received": Review.NONE,
    "approved": Review.APPROVED,
    "edited": Review.EDITED,
    "hasissues": Review.ON_HOLD,
    "rejected": Review.REJECTED,
}


# Metadata question types of an XLSForm and the device fields; never household data.
_FORM_METADATA = frozenset(
    {
        "start",
        "end",
        "today",
        "deviceid",
        "username",
        "phonenumber",
        "simserial",
        "subscriberid",
        "audit",
        "instanceid",
        "instancename",
        KECAMATAN_FIELD.casefold(),
        "kecamatan",  # its labels, in an export with label headers
        "district (kecamatan)",
    }
)
_KOBO_SYSTEM_PREFIXES = ("meta/", "formhub/", "meta.", "formhub.", "meta:", "formhub:")
_CENTRAL_SYSTEM = frozenset(
    {
        "SubmissionDate",
        "KEY",
        "SubmitterID",
        "SubmitterName",
        "AttachmentsPresent",
        "AttachmentsExpected",
        "Status",
        "ReviewState",
        "DeviceID",
        "Edits",
        "FormVersion",
    }
)


@dataclass(frozen=True)
class ExportLayout:
    """What the header says about a file: its dialect and the columns that are not data."""

    dialect: Dialect
    ignored: frozenset[int]
    instance_column: int | None
    #: The supervisor's review: KoBo ``_validation_status``, Central ``ReviewState``.
    review_column: int | None = None

    @property
    def row_by_row(self) -> bool:
        """Whether rows must be read one by one: submission ids or reviews to look at."""
        return self.instance_column is not None or self.review_column is not None

    @property
    def on_hold_label(self) -> str:
        """How the export names a review still open, for messages."""
        return "hasIssues" if self.dialect is Dialect.CENTRAL else "On Hold"

    def review(self, cells: Sequence[str]) -> Review:
        """The review of the submission in ``cells`` (case, spaces and ``_`` ignored).

        >>> central = detect_export(["SubmissionDate", "KEY", "ReviewState"])
        >>> [central.review(["", "", v]).value for v in ("rejected", "hasIssues", "")]
        ['rejected', 'on-hold', 'none']
        """
        if self.review_column is None or self.review_column >= len(cells):
            return Review.NONE
        known = _CENTRAL_REVIEWS if self.dialect is Dialect.CENTRAL else _KOBO_REVIEWS
        return known.get(_fold_review(cells[self.review_column]), Review.NONE)

    @property
    def label(self) -> str:
        """A name for messages, e.g. ``KoBoToolbox``."""
        return {
            Dialect.PLAIN: "CSV/Excel",
            Dialect.KOBO: "KoBoToolbox",
            Dialect.CENTRAL: "ODK Central",
        }[self.dialect]


def _fold_review(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _last_segment(header: str, separators: str) -> str:
    """The last part of a group path, split at any of ``separators``.

    >>> _last_segment("identitas.kode_kecamatan", "/.:"), _last_segment("a-Start", "-")
    ('kode_kecamatan', 'start')
    """
    return re.split(f"[{re.escape(separators)}]", header)[-1].casefold()


def detect_export(header: list[str]) -> ExportLayout:
    """Recognise a KoBoToolbox or ODK Central export by its signature columns."""
    names = [h.strip() for h in header]
    present = set(names)
    if "_uuid" in present or "_submission_time" in present:
        ignored = {
            i
            for i, name in enumerate(names)
            if name.startswith("_")
            or name.startswith(_KOBO_SYSTEM_PREFIXES)
            or _last_segment(name, "/.:") in _FORM_METADATA
        }
        instance = _first(names, ("meta/rootUuid", "_uuid", "meta/instanceID"))
        review = _first(names, ("_validation_status",))
        return ExportLayout(Dialect.KOBO, frozenset(ignored), instance, review)
    if "SubmissionDate" in present and "KEY" in present:
        ignored = {
            i
            for i, name in enumerate(names)
            if name in _CENTRAL_SYSTEM
            or name.startswith("meta-")
            or _last_segment(name, "-") in _FORM_METADATA
        }
        instance = _first(names, ("meta-instanceID", "KEY"))
        review = _first(names, ("ReviewState",))
        return ExportLayout(Dialect.CENTRAL, frozenset(ignored), instance, review)
    return ExportLayout(Dialect.PLAIN, frozenset(), None)


def _first(names: list[str], wanted: tuple[str, ...]) -> int | None:
    for name in wanted:
        if name in names:
            return names.index(name)
    return None


def is_hxl_row(cells: list[str]) -> bool:
    """A row of HXL hashtags under the header (``#date+start``), as KoBo may export.

    >>> is_hxl_row(["#date+start", "", "#adm1+code"]), is_hxl_row(["#1", "Ya"])
    (True, False)
    """
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and all(c.startswith("#") for c in filled)


def skip_hxl_row(
    rows: Iterator[tuple[int, list[str]]],
) -> Iterator[tuple[int, list[str]]]:
    """Drop a first row of HXL hashtags: it belongs to the header."""
    first = next(rows, None)
    if first is None:
        return
    if not is_hxl_row(first[1]):
        yield first
    yield from rows


def instance_key(text: str) -> str:
    """A submission identity without its ``uuid:`` prefix (KoBo writes both forms).

    >>> instance_key("uuid:7f0c"), instance_key(" 7f0c ")
    ('7f0c', '7f0c')
    """
    value = text.strip()
    return value[5:] if value.casefold().startswith("uuid:") else value

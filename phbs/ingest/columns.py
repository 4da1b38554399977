"""Header matching: which column of a file holds which field of the form.

Headers are compared after folding case, punctuation and spacing, and after dropping a
leading item number (``"1. Persalinan ditolong..."``). A field is matched by its code, its
Indonesian or English name, or an alias declared in the form. A header with no exact match
is tried by its last segment after ``/`` or ``-`` (the group paths of KoBoToolbox and ODK
Central exports, docs/aturan.md §6.4). Two columns matching the same field — the same question name
in two groups included — is an issue, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from phbs.errors import FormError
from phbs.forms.model import Form
from phbs.issues import Issue, make_issue

#: A survey's header row has at least this many filled cells (household id, village,
#: indicators): rows with fewer above it are a title block.
HEADER_CELLS = 3

#: What :func:`alias_map` gives for a header of the form's ``ignore_headers``.
IGNORED = ""

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_ITEM_NUMBER = re.compile(r"^\s*\d{1,2}\s*[.)]\s*")


@dataclass(frozen=True)
class StandardField:
    """A household column every form shares (identity, place, survey facts)."""

    code: str
    required: bool
    aliases: tuple[str, ...]
    personal: bool = False


STANDARD_FIELDS: tuple[StandardField, ...] = (
    StandardField(
        "id_rumah_tangga",
        True,
        (
            "id",
            "id rumah tangga",
            "no rumah tangga",
            "nomor rumah tangga",
            "kode rumah tangga",
            "no kk",
            "nomor kk",
            "nomer kk",
            "no kartu keluarga",
            "nomor kartu keluarga",
            "household id",
            "household",
        ),
    ),
    StandardField(
        "kode_desa",
        True,
        ("kode desa", "kode desa kelurahan", "kode kelurahan", "kode wilayah", "village code"),
    ),
    StandardField(
        "nama_desa",
        False,
        (
            "nama desa",
            "desa",
            "kelurahan",
            "desa kelurahan",
            "desa kel",
            "nama desa kelurahan",
            "village",
            "village name",
        ),
    ),
    StandardField("dusun", False, ("dusun", "lingkungan", "nama dusun", "sub village")),
    StandardField("rw", False, ("rw", "rukun warga")),
    StandardField("rt", False, ("rt", "rukun tetangga", "rt lingkungan")),
    StandardField(
        "tanggal_survei",
        False,
        ("tanggal", "tanggal survei", "tgl survei", "tanggal pendataan", "survey date", "date"),
    ),
    StandardField(
        "petugas", False, ("petugas", "kader", "pendata", "surveyor", "enumerator", "nama kader")
    ),
    StandardField(
        "nama_kepala_rt",
        False,
        (
            "nama kepala rumah tangga",
            "kepala rumah tangga",
            "nama kepala keluarga",
            "nama kk",
            "head of household",
            "household head",
        ),
        personal=True,
    ),
)

PERSONAL_FIELDS = frozenset(f.code for f in STANDARD_FIELDS if f.personal)


def fold_header(text: str) -> str:
    """Fold a header for matching.

    >>> fold_header(" 1. Persalinan_Ditolong  (Nakes) ")
    'persalinan ditolong nakes'
    >>> fold_header("10.")  # a number alone is the header itself, not an item number
    '10'
    """
    folded = _NON_ALNUM.sub(" ", _ITEM_NUMBER.sub("", text).casefold()).strip()
    return folded or _NON_ALNUM.sub(" ", text.casefold()).strip()


def fold_given_header(text: str) -> str:
    """Fold a header given in full (a mapping's ``columns`` and ``ignore``, a form's
    ``headers``): case, punctuation and spacing, but a leading number stays, so ``1. x`` and
    ``2. x`` are two headers.

    >>> fold_given_header("1. x"), fold_header("1. x")
    ('1 x', 'x')
    >>> fold_given_header("% RT Ber-PHBS") == fold_given_header("RT Ber-PHBS")  # two columns
    False
    """
    return _NON_ALNUM.sub(" ", text.casefold().replace("%", " persen ")).strip()


def alias_map(form: Form) -> dict[str, str]:
    """Folded header spelling → field code, for the standard fields and the form's own.

    Raises :class:`~phbs.errors.FormError` when the form gives one spelling to two fields.
    """
    mapping: dict[str, str] = {}

    def add(spelling: str, code: str) -> None:
        key = fold_header(spelling)
        if not key:
            return
        if mapping.get(key, code) != code:
            raise FormError(
                f"Formulir {form.id}: nama kolom '{spelling}' dipakai untuk '{mapping[key]}' "
                f"dan '{code}'",
                f"Form {form.id}: header spelling '{spelling}' is used for both "
                f"'{mapping[key]}' and '{code}'",
            )
        mapping[key] = code

    for std in STANDARD_FIELDS:
        add(std.code, std.code)
        for alias in std.aliases:
            add(alias, std.code)
    for ctx in form.context:
        for spelling in (ctx.code, ctx.name, ctx.name_en, *ctx.aliases):
            add(spelling, ctx.code)
    for ind in form.indicators:
        for spelling in (ind.code, ind.name, ind.name_en, *ind.aliases):
            add(spelling, ind.code)
    # The form's own identity questions (its XLSForm's, docs/aturan.md §10.2): a standard
    # field under its label (a school's "NPSN / ID sekolah" is id_rumah_tangga), the others
    # known and not read.
    standard = {std.code for std in STANDARD_FIELDS}
    for field in form.identity.fields if form.identity else []:
        code = field.code if field.code in standard else IGNORED
        for spelling in (field.code, field.name, field.name_en):
            if fold_header(spelling) not in mapping:
                add(spelling, code)
    return _with_headers(form, mapping)


def _with_headers(form: Form, aliases: dict[str, str]) -> dict[str, str]:
    """``aliases`` with the form's own ``headers`` in place of the aliases of their fields
    and its ``ignore_headers`` matching nothing (:data:`IGNORED`)."""
    if not form.headers and not form.ignore_headers:
        return aliases
    known = {f.code for f in STANDARD_FIELDS} | {c.code for c in form.context} | set(form.codes)
    unknown = sorted(set(form.headers) - known)
    if unknown:
        raise FormError(
            f"Formulir {form.id}: headers menyebut isian yang tidak ada: {', '.join(unknown)}",
            f"Form {form.id}: headers names fields that do not exist: {', '.join(unknown)}",
        )
    chosen = {code: fold_given_header(text) for code, text in form.headers.items()}
    given: dict[str, str] = {}
    for code, key in chosen.items():
        if key in given:
            raise FormError(
                f"Formulir {form.id}: judul kolom '{form.headers[code]}' diberikan untuk "
                f"'{given[key]}' dan '{code}'",
                f"Form {form.id}: header '{form.headers[code]}' is given for both "
                f"'{given[key]}' and '{code}'",
            )
        given[key] = code
    # A field given its header is matched by that header only: its aliases go.
    kept = {key: code for key, code in aliases.items() if code not in chosen}
    kept.update(given)
    for text in form.ignore_headers:
        kept[fold_given_header(text)] = IGNORED
    return kept


@dataclass(frozen=True)
class ColumnMap:
    """Where each field is in one file: field code → column index."""

    index: dict[str, int]
    issues: list[Issue]

    def has(self, code: str) -> bool:
        """Whether the file has a usable column for ``code``."""
        return code in self.index


def lookup_header(title: str, aliases: dict[str, str]) -> str | None:
    """The field of a header: its spelling in full (a header given by a mapping), then
    without a leading item number, then its last path segment."""
    code = aliases.get(fold_given_header(title))
    if code is None:
        code = aliases.get(fold_header(title))
    if code is not None:
        return code
    # Group paths: KoBoToolbox joins with "/" by default (or the separator chosen at export,
    # often "." or ":"), ODK Central with "-".
    for separator in ("/", "-", ".", ":"):
        if separator in title:
            code = aliases.get(fold_header(title.rsplit(separator, 1)[-1]))
            if code is not None:
                return code
    return None


def match_columns(
    header: list[str],
    form: Form,
    *,
    file: str,
    header_row: int = 1,
    ignore: Collection[int] = (),
) -> ColumnMap:
    """Match a file's header row to the form's fields; columns in ``ignore`` are skipped.

    >>> from phbs.forms.loading import load_form
    >>> form = load_form("kemenkes-rt-10").form
    >>> m = match_columns(["ID", "Kode Desa", "Air Bersih"], form, file="a.csv")
    >>> m.index["air_bersih"], sorted({i.code for i in m.issues})
    (2, ['kolom-wajib-tidak-ada'])
    >>> match_columns(["a/umur_anak_termuda_bulan", "b-umur_anak_termuda_bulan"], form,
    ...               file="b.csv").issues[0].code
    'kolom-ambigu'
    """
    aliases = alias_map(form)
    found: dict[str, list[int]] = {}
    issues: list[Issue] = []
    for position, title in enumerate(header):
        if position in ignore or not fold_header(title):
            continue
        code = lookup_header(title, aliases)
        if code == IGNORED:
            continue
        if code is None:
            issues.append(
                make_issue(
                    "kolom-tidak-dikenal", file=file, row=header_row, column=title, value=title
                )
            )
            continue
        found.setdefault(code, []).append(position)
    index: dict[str, int] = {}
    for code, positions in found.items():
        if len(positions) == 1:
            index[code] = positions[0]
        else:
            columns = ", ".join(f"'{header[p]}'" for p in positions)
            issues.append(
                make_issue(
                    "kolom-ambigu",
                    file=file,
                    row=header_row,
                    column=code,
                    field=code,
                    columns=columns,
                )
            )
    required = [f.code for f in STANDARD_FIELDS if f.required] + form.codes
    for code in required:
        if code not in index and code not in found:
            issues.append(
                make_issue(
                    "kolom-wajib-tidak-ada", file=file, row=header_row, column=code, field=code
                )
            )
    return ColumnMap(index=index, issues=issues)

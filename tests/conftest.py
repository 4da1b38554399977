"""Shared helpers for the ingest, scoring and results tests.

Fixture files are written inside each test (to ``tmp_path``) so the bytes under test are in
the test itself: :func:`write_csv` controls encoding, separator, BOM and line endings, and
:func:`write_xlsx` writes typed cells with xlsxwriter. :func:`read` reads a survey and checks
the reconciliation invariant of docs/aturan.md §8.3 (every row read is scored or set aside) on every
fixture. Tests import these helpers with ``from conftest import ...``.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from phbs.forms.loading import LoadedForm, load_form
from phbs.ingest.settings import ReadSettings
from phbs.ingest.validate import IdScope, Survey, read_survey
from phbs.issues import Issue
from phbs.states import MISSING, NA, NO, YES

INDICATORS: tuple[str, ...] = (
    "persalinan_nakes",
    "asi_eksklusif",
    "timbang_balita",
    "air_bersih",
    "cuci_tangan",
    "jamban_sehat",
    "berantas_jentik",
    "buah_sayur",
    "aktivitas_fisik",
    "tidak_merokok",
)
AGE = "umur_anak_termuda_bulan"
HEADER: list[str] = ["id_rumah_tangga", "kode_desa", AGE, *INDICATORS]
HEADER_NO_AGE: list[str] = ["id_rumah_tangga", "kode_desa", *INDICATORS]


@functools.cache
def shape_samples_tool() -> ModuleType:
    """``tools/make_shape_samples.py``, which makes the bundled files of other shapes (and the
    same households in the standard shape, to compare the readings)."""
    tool = Path(__file__).resolve().parents[1] / "tools" / "make_shape_samples.py"
    spec = importlib.util.spec_from_file_location("make_shape_samples", tool)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Real codes of Kabupaten Tanah Bumbu (docs/aturan.md §9.2).
BATULICIN = "63.10.01.1007"  # Kelurahan Batulicin, Kecamatan Batu Licin
SEGUMBANG = "63.10.01.2005"  # Desa Segumbang, Kecamatan Batu Licin
KERSIK_PUTIH = "63.10.01.2006"  # Desa Kersik Putih, Kecamatan Batu Licin
KOTA_PAGATAN = "63.10.02.1001"  # Kelurahan Kota Pagatan, Kecamatan Kusan Hilir
KAMPUNG_BARU = "63.10.02.2008"  # Desa Kampung Baru, Kecamatan Kusan Hilir

# One letter per indicator in :func:`answers`: the cell text it stands for.
_SPELL = {"Y": "Ya", "T": "Tidak", "-": "-", ".": ""}
# One letter per indicator in :func:`states`: the validated state it stands for.
_STATE_LETTER = {YES: "Y", NO: "T", NA: "-", MISSING: "."}


def answers(spec: str) -> list[str]:
    """Cells from a one-letter-per-indicator spec: ``Y`` Ya, ``T`` Tidak, ``-`` NA, ``.`` blank.

    Spaces are ignored, so ``"YYY YYYY YYY"`` groups indicators 1-3, 4-7 and 8-10.
    """
    letters = spec.replace(" ", "")
    return [_SPELL[c] for c in letters]


def household(
    household_id: str, kode: str = SEGUMBANG, age: str | None = "", spec: str = "---YYYYYYY"
) -> list[str]:
    """One row for :data:`HEADER` (or :data:`HEADER_NO_AGE` when ``age`` is ``None``)."""
    cells = answers(spec)
    assert len(cells) == len(INDICATORS), spec
    if age is None:
        return [household_id, kode, *cells]
    return [household_id, kode, age, *cells]


def states(survey: Survey) -> list[str]:
    """Validated states per scored household, in :func:`answers` letters."""
    return ["".join(_STATE_LETTER[int(s)] for s in row) for row in survey.households.states]


def write_csv(
    path: Path,
    rows: Sequence[Sequence[str]],
    *,
    encoding: str = "utf-8",
    sep: str = ",",
    bom: bool = False,
    newline: str = "\n",
    quote_all: bool = False,
) -> Path:
    """Write ``rows`` as a CSV file exactly as asked (no csv module: the bytes are explicit).

    A cell is quoted when ``quote_all`` or when it holds the separator, a quote or a newline.
    """

    def cell(text: str) -> str:
        if quote_all or any(ch in text for ch in (sep, '"', "\n", "\r")):
            return '"' + text.replace('"', '""') + '"'
        return text

    text = "".join(sep.join(cell(c) for c in row) + newline for row in rows)
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return path


Cell = str | int | float | bool | dt.date | dt.datetime | None


def write_xlsx(path: Path, sheets: Mapping[str, Sequence[Sequence[Cell]]]) -> Path:
    """Write a workbook with one sheet per entry; cells keep their Python type.

    ``None`` leaves a cell empty; strings are written as strings (never as formulas).
    """
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    datetime_format = workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    for name, rows in sheets.items():
        sheet = workbook.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, bool):
                    sheet.write_boolean(r, c, value)
                elif isinstance(value, int | float):
                    sheet.write_number(r, c, value)
                elif isinstance(value, dt.datetime):
                    sheet.write_datetime(r, c, value, datetime_format)
                elif isinstance(value, dt.date):
                    sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_format)
                else:
                    sheet.write_string(r, c, value)
    workbook.close()
    return path


def assert_reconciled(survey: Survey) -> None:
    """docs/aturan.md §8.3: every row read ends in exactly one place, scored or set aside."""
    assert survey.rows_read == survey.rows_scored + survey.rows_set_aside
    for source in survey.files:
        assert source.rows_read == source.rows_scored + source.rows_set_aside
    assert sum(f.rows_scored for f in survey.files) == survey.rows_scored
    assert sum(f.rows_set_aside for f in survey.files) == survey.rows_set_aside
    assert all(row.reasons for row in survey.set_aside)
    households = survey.households
    assert households.states.shape == (len(households), len(households.indicator_codes))
    seen = {(households.file_index[i], households.row_number[i]) for i in range(len(households))}
    assert len(seen) == len(households)
    names = [f.name for f in survey.files]
    aside = {(names.index(r.file), r.row) for r in survey.set_aside}
    assert not seen & aside, "a row was both scored and set aside"


def read(
    paths: Path | Sequence[Path],
    form: str | Path | LoadedForm = "kemenkes-rt-10",
    *,
    sheet: str | None = None,
    id_scope: IdScope = IdScope.SURVEI,
    settings: ReadSettings | None = None,
) -> Survey:
    """``read_survey`` plus the reconciliation check."""
    listed = [paths] if isinstance(paths, Path) else list(paths)
    survey = read_survey(listed, form, sheet=sheet, id_scope=id_scope, settings=settings)
    assert_reconciled(survey)
    return survey


def read_rows(
    tmp_path: Path,
    rows: Sequence[Sequence[str]],
    header: Sequence[str] = HEADER,
    form: str | Path | LoadedForm = "kemenkes-rt-10",
    *,
    name: str = "survei.csv",
    id_scope: IdScope = IdScope.SURVEI,
) -> Survey:
    """Write ``header`` and ``rows`` as a plain UTF-8 CSV and read it."""
    path = write_csv(tmp_path / name, [list(header), *rows])
    return read(path, form, id_scope=id_scope)


def codes(survey: Survey) -> Counter[str]:
    """How many issues of each code."""
    return Counter(i.code for i in survey.issues)


def found(survey: Survey, code: str) -> list[tuple[int | None, str]]:
    """``(row, column)`` of every issue with ``code``, in order."""
    return [(i.row, i.column) for i in survey.issues if i.code == code]


def issues_of(survey: Survey, code: str) -> list[Issue]:
    """Every issue with ``code``."""
    return [i for i in survey.issues if i.code == code]


def aside(survey: Survey) -> list[tuple[int, tuple[str, ...]]]:
    """``(row, reasons)`` of every set-aside row."""
    return [(r.row, r.reasons) for r in survey.set_aside]


@pytest.fixture(scope="session")
def form10() -> LoadedForm:
    """The bundled ``kemenkes-rt-10`` form."""
    return load_form("kemenkes-rt-10")


@pytest.fixture(scope="session")
def form16() -> LoadedForm:
    """The bundled ``jateng-rt-16`` form."""
    return load_form("jateng-rt-16")


# The `phbs web` tests' shared fixtures (tests/web/): a live server for the test module, one
# headless Chromium for it, and a page that records console messages and requests. Imported
# inside, so the rest of the suite does not load the web stack. A module may define its own
# `web` (tests/web/test_web_security.py starts its server with a small upload limit).


@pytest.fixture(scope="module")
def web() -> Iterator[Any]:
    from web_helpers import live_server

    with live_server() as running:
        yield running


@pytest.fixture(scope="module")
def context() -> Iterator[Any]:
    from browser import launch

    with launch() as opened:
        yield opened


@pytest.fixture
def page(context: Any, web: Any) -> Iterator[Any]:
    """A page of the server that says nothing on the console and asks only the server."""
    from web_helpers import base

    opened = context.new_page()
    console: list[str] = []
    requests: list[str] = []
    opened.on("console", lambda m: console.append(m.text))
    opened.on("pageerror", lambda e: console.append(str(e)))
    opened.on("request", lambda r: requests.append(r.url))
    yield opened
    opened.close()
    assert console == []
    assert all(url.startswith(base(web) + "/") for url in requests), requests

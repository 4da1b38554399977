"""PIS-PK Keluarga Sehat, `pispk-12` (docs/aturan.md §4.2).

Family index IKS = Ya / (12 − N); classes sehat > 0.800, pra-sehat 0.500–0.800 (0.800 itself
pra-sehat), tidak sehat < 0.500; the area IKS is the share of sehat families (450 of 1,000 →
0.45), never the mean family index (Permenkes 39/2016).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import AGE, KAMPUNG_BARU, SEGUMBANG, read, write_csv
from pydantic import ValidationError
from pyxform import xls2xform  # type: ignore[import-untyped]

from phbs.cli.root import cli
from phbs.forms.classes import ClassScheme
from phbs.forms.loading import LoadedForm, load_form
from phbs.reports.fieldforms.xlsform import write_xlsform
from phbs.reports.tables import IKS_COLUMNS
from phbs.scoring.household import household_outcomes
from phbs.scoring.results import score
from phbs.scoring.summary import summarise
from phbs.states import NA, NO, YES

PISPK = [
    "ikut_kb",
    "persalinan_faskes",
    "imunisasi_dasar_lengkap",
    "asi_eksklusif",
    "pemantauan_pertumbuhan",
    "tb_berobat",
    "hipertensi_berobat",
    "gangguan_jiwa_diobati",
    "tidak_merokok",
    "anggota_jkn",
    "air_bersih",
    "jamban_sehat",
]


@pytest.fixture(scope="module")
def pispk() -> LoadedForm:
    return load_form("pispk-12")


def family(ya: int, tidak: int, na: int = 0) -> list[int]:
    return [YES] * ya + [NO] * tidak + [NA] * na


def class_of(pispk: LoadedForm, *families: list[int]) -> list[str | None]:
    """Class codes of hand-made families (state rows of equal width)."""
    scheme = pispk.form.classes
    assert scheme is not None
    out = household_outcomes(np.array(families, dtype=np.int8), classes=scheme)
    return [scheme.classes[int(i)].code if i >= 0 else None for i in out.class_index]


def test_form_loads(pispk: LoadedForm) -> None:
    """docs/aturan.md §4.2: twelve indicators, unit = family, IKS with N excluded."""
    form = pispk.form
    assert form.codes == PISPK
    assert form.setting == "keluarga"
    assert form.na_policy.value == "exclude"
    assert form.classes is not None
    assert form.classes.basis == "index"
    assert [c.code for c in form.classes.classes] == ["tidak_sehat", "pra_sehat", "sehat"]
    assert [c.code for c in form.classes.classes if c.healthy] == ["sehat"]
    windows = {
        i.code: (i.applies_to.minimum, i.applies_to.maximum)
        for i in form.indicators
        if i.applies_to.context == AGE
    }
    # persalinan 0–11, imunisasi 12–23, ASI 7–23, pemantauan pertumbuhan 2–59 months.
    assert windows == {
        "persalinan_faskes": (0, 11),
        "imunisasi_dasar_lengkap": (12, 23),
        "asi_eksklusif": (7, 23),
        "pemantauan_pertumbuhan": (2, 59),
    }
    marks = {i.code for i in form.indicators if i.na_mark_allowed}
    assert {"ikut_kb", "tb_berobat", "hipertensi_berobat", "gangguan_jiwa_diobati"} <= marks
    assert not marks & {"tidak_merokok", "anggota_jkn", "air_bersih", "jamban_sehat"}


@pytest.mark.parametrize(
    ("ya", "width", "expected"),
    [
        (800, 1000, "pra_sehat"),  # 0.800 itself is pra-sehat
        (801, 1000, "sehat"),  # > 0.800
        (500, 1000, "pra_sehat"),  # 0.500 is pra-sehat
        (499, 1000, "tidak_sehat"),  # < 0.500
        (1000, 1000, "sehat"),
        (0, 1000, "tidak_sehat"),
    ],
)
def test_iks_boundaries(pispk: LoadedForm, ya: int, width: int, expected: str) -> None:
    """docs/aturan.md §4.2: sehat > 0.800, pra-sehat 0.500–0.800 (0.800 itself
    pra-sehat), tidak sehat < 0.500, on hand-made families wide enough to reach 0.801."""
    assert class_of(pispk, family(ya, width - ya)) == [expected]


def test_iks_twelve_indicators_exact(pispk: LoadedForm) -> None:
    """docs/aturan.md §4.2 IKS = Ya / (12 − N): 8 of 10 (N = 2) is exactly 0.800, pra-sehat, not
    sehat by a floating-point error; 9/11 and 10/12 are sehat; 6/12 pra-sehat; 5/11
    tidak sehat."""
    assert class_of(
        pispk,
        family(8, 2, 2),
        family(9, 2, 1),
        family(10, 2),
        family(6, 6),
        family(5, 6, 1),
        family(4, 4, 4),  # 4/8 = 0.5
    ) == ["pra_sehat", "sehat", "sehat", "pra_sehat", "tidak_sehat", "pra_sehat"]
    out = household_outcomes(np.array([family(8, 2, 2)], dtype=np.int8))
    assert out.index.tolist() == [0.8]


def test_incomplete_family_has_no_class(pispk: LoadedForm) -> None:
    """docs/aturan.md §3.3: the index exists only for households (families) with nothing missing."""
    assert class_of(pispk, [*family(10, 0, 1), -1]) == [None]


def _write_families(path: Path, rows: list[tuple[str, str, str, list[str]]]) -> Path:
    header = ["id_rumah_tangga", "kode_desa", AGE, *PISPK]
    return write_csv(path, [header, *[[i, k, a, *cells] for i, k, a, cells in rows]])


# Answers for a family without children under five: KB, 4 child indicators and
# TB/hipertensi/ODGJ not applicable → IKS = Ya / 4 over rokok, JKN, air, jamban.
_NO_CHILD = ["-"] * 8


def test_area_iks_is_share_of_sehat_families(tmp_path: Path) -> None:
    """docs/aturan.md §4.2: the area IKS is the share of sehat families, 450 of 1,000 →
    0.45; families with a missing answer have no index and are shown beside it."""
    rows: list[tuple[str, str, str, list[str]]] = []
    for n in range(1000):
        if n < 450:  # 4/4 = 1.000 → sehat
            answers = [*_NO_CHILD, "Ya", "Ya", "Ya", "Ya"]
        elif n < 750:  # 2/4 = 0.500 → pra-sehat
            answers = [*_NO_CHILD, "Tidak", "Tidak", "Ya", "Ya"]
        else:  # 1/4 → tidak sehat
            answers = [*_NO_CHILD, "Tidak", "Tidak", "Tidak", "Ya"]
        rows.append((f"K{n}", SEGUMBANG, "", answers))
    for n in range(7):  # incomplete: jamban blank
        rows.append((f"X{n}", SEGUMBANG, "", [*_NO_CHILD, "Ya", "Ya", "Ya", ""]))
    survey = read(_write_families(tmp_path / "keluarga.csv", rows), "pispk-12")
    area = summarise(score(survey)).wilayah[0]
    assert area.kelas == {"tidak_sehat": 250, "pra_sehat": 300, "sehat": 450}
    assert (area.keluarga_sehat, area.keluarga_berindeks) == (450, 1000)
    assert area.keluarga_tanpa_indeks == 7
    assert area.iks_wilayah == 0.45
    # The mean family index would be (450 + 300 × 0.5 + 250 × 0.25) / 1000 = 0.6625.
    assert area.iks_wilayah != pytest.approx(0.6625)


def test_area_iks_rolls_up_by_summing(tmp_path: Path) -> None:
    """docs/aturan.md §5.5: a roll-up sums the counts and recomputes the share."""
    sehat = [*_NO_CHILD, "Ya", "Ya", "Ya", "Ya"]
    tidak = [*_NO_CHILD, "Tidak", "Tidak", "Tidak", "Ya"]
    rows = [
        ("1", SEGUMBANG, "", sehat),
        ("2", SEGUMBANG, "", tidak),
        ("3", KAMPUNG_BARU, "", sehat),
        ("4", KAMPUNG_BARU, "", sehat),
        ("5", KAMPUNG_BARU, "", sehat),
    ]
    survey = read(_write_families(tmp_path / "k.csv", rows), "pispk-12")
    result = score(survey)
    assert [a.iks_wilayah for a in summarise(result).wilayah] == [0.5, 1.0]
    kabupaten = summarise(result, by="kabupaten").wilayah[0]
    assert (kabupaten.keluarga_sehat, kabupaten.keluarga_berindeks) == (4, 5)
    assert kabupaten.iks_wilayah == 0.8


def test_child_age_decides_indicators_2_to_5(tmp_path: Path) -> None:
    """docs/aturan.md §4.2: persalinan 0–11, imunisasi 12–23, ASI 7–23, pemantauan
    2–59 months, decided by the youngest child's age when the column is present."""
    all_ya = ["-", *["Ya"] * 4, "-", "-", "-", *["Ya"] * 4]
    rows = [("1", SEGUMBANG, "1", all_ya), ("2", SEGUMBANG, "15", all_ya)]
    result = score(read(_write_families(tmp_path / "k.csv", rows), "pispk-12"))
    applies = [
        [code for code, state in h.jawaban.items() if state != "tidak_berlaku"]
        for h in result.households()
    ]
    common = ["tidak_merokok", "anggota_jkn", "air_bersih", "jamban_sehat"]
    assert applies == [
        ["persalinan_faskes", *common],
        ["imunisasi_dasar_lengkap", "asi_eksklusif", "pemantauan_pertumbuhan", *common],
    ]


def test_forms_show() -> None:
    """`phbs forms show pispk-12` prints the index classes with their bounds."""
    result = CliRunner().invoke(cli, ["forms", "show", "pispk-12"])
    assert result.exit_code == 0, result.output
    assert "ikut_kb" in result.output
    # Bounds written as Indonesian writes decimals.
    assert "sehat: Keluarga Sehat (hijau) 0,800 < indeks ≤ 1,000" in result.output
    assert "pra_sehat: Keluarga Pra-Sehat (kuning) 0,500 ≤ indeks ≤ 0,800" in result.output
    assert "tidak_sehat: Keluarga Tidak Sehat (merah) 0,000 ≤ indeks < 0,500" in result.output
    listed = CliRunner().invoke(cli, ["forms", "list"])
    assert "pispk-12" in listed.output


def test_xlsform_converts_with_pyxform(tmp_path: Path) -> None:
    """docs/aturan.md §10.2: `phbs forms xlsform pispk-12` gives a workbook pyxform accepts."""
    out = tmp_path / "pispk.xlsx"
    result = CliRunner().invoke(cli, ["forms", "xlsform", "pispk-12", "-o", str(out)])
    assert result.exit_code == 0, result.output
    warnings: list[str] = []
    converted = xls2xform.convert(xlsform=str(out), warnings=warnings, validate=False)
    assert warnings == []
    assert "imunisasi_dasar_lengkap" in str(converted.xform)
    direct = write_xlsform(load_form("pispk-12").form, tmp_path / "b.xlsx", kabupaten="63.10")
    xls2xform.convert(xlsform=str(direct), warnings=warnings, validate=False)
    assert warnings == []


def test_score_cli_writes_area_iks(tmp_path: Path) -> None:
    """`phbs score --form pispk-12`: the area CSV ends with keluarga_sehat,
    keluarga_berindeks, keluarga_tanpa_indeks, iks_wilayah; the JSON carries them too."""
    rows = [
        ("1", SEGUMBANG, "", [*_NO_CHILD, "Ya", "Ya", "Ya", "Ya"]),  # 4/4 sehat
        ("2", SEGUMBANG, "30", ["Ya", "-", "-", "-", "Ya", "-", "Ya", "-", *["Ya"] * 4]),
        ("3", SEGUMBANG, "", [*_NO_CHILD, "Tidak", "Ya", "Ya", "Ya"]),  # 3/4 pra-sehat
        ("4", SEGUMBANG, "", [*_NO_CHILD, "Ya", "Ya", "", "Ya"]),  # no index
    ]
    path = _write_families(tmp_path / "keluarga.csv", rows)
    out = tmp_path / "rekap.csv"
    result = CliRunner().invoke(cli, ["score", str(path), "--form", "pispk-12", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        table = list(reader)
        columns = reader.fieldnames or []
    assert columns[-6:-2] == IKS_COLUMNS
    # Then the denominators the file was computed with (docs/aturan.md §5.1, §4.2).
    assert columns[-2:] == ["penyebut_persen_ber_phbs", "penyebut_iks_wilayah"]
    assert {"kelas_sehat", "kelas_pra_sehat", "kelas_tidak_sehat"} <= set(columns)
    row = table[0]
    assert (row["kelas_sehat"], row["kelas_pra_sehat"], row["kelas_tidak_sehat"]) == ("2", "1", "0")
    assert (row["keluarga_sehat"], row["keluarga_berindeks"]) == ("2", "3")
    assert row["keluarga_tanpa_indeks"] == "1"
    assert float(row["iks_wilayah"]) == pytest.approx(2 / 3)
    as_json = tmp_path / "rekap.json"
    CliRunner().invoke(cli, ["score", str(path), "--form", "pispk-12", "-o", str(as_json)])
    area = json.loads(as_json.read_text(encoding="utf-8"))["wilayah"][0]
    assert area["iks_wilayah"] == pytest.approx(2 / 3)
    assert "rerata_indeks_keluarga" not in area


def test_other_forms_have_no_iks_columns(tmp_path: Path) -> None:
    """The IKS columns are added only for a form with index classes."""
    from conftest import HEADER, household

    path = write_csv(tmp_path / "rt.csv", [HEADER, household("1")])
    out = tmp_path / "rekap.json"
    result = CliRunner().invoke(cli, ["score", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    area = json.loads(out.read_text(encoding="utf-8"))["wilayah"][0]
    assert not set(IKS_COLUMNS) & set(area)


def _scheme(*classes: dict[str, object]) -> dict[str, object]:
    return {"basis": "index", "official": False, "source": "uji", "classes": list(classes)}


def _klass(code: str, **bounds: object) -> dict[str, object]:
    return {"code": code, "name": code, "name_en": code, "colour": "x", **bounds}


@pytest.mark.parametrize(
    ("classes", "problem"),
    [
        (  # 0.5 in both
            [_klass("a", min_index=0, max_index=0.5), _klass("b", min_index=0.5, max_index=1)],
            "without gap or overlap",
        ),
        (  # 0.5 in neither
            [
                _klass("a", min_index=0, max_index=0.5, max_inclusive=False),
                _klass("b", min_index=0.5, min_inclusive=False, max_index=1),
            ],
            "without gap or overlap",
        ),
        (  # 0.4–0.5 in none
            [
                _klass("a", min_index=0, max_index=0.4),
                _klass("b", min_index=0.5, max_index=1),
            ],
            "without gap or overlap",
        ),
        ([_klass("a", min_index=0.1, max_index=1)], "start at 0"),
        ([_klass("a", min_index=0, max_index=1, max_inclusive=False)], "end at 1"),
        ([_klass("a", min_index=0, max_index=1, min_met=0)], "not *_met"),
        ([_klass("a", min_index=0)], "needs min_index and max_index"),
    ],
)
def test_index_scheme_must_cover_zero_to_one(
    classes: list[dict[str, object]], problem: str
) -> None:
    """An index class scheme covers 0–1 exactly once: no gaps, no overlaps."""
    with pytest.raises(ValidationError, match=problem.replace("*", r"\*")):
        ClassScheme.model_validate(_scheme(*classes))


def test_met_count_scheme_refuses_index_bounds() -> None:
    """A met_count scheme keeps min_met/max_met; index bounds there are an error."""
    scheme = {
        "basis": "met_count",
        "official": False,
        "source": "uji",
        "classes": [_klass("a", min_met=0, max_met=3, min_index=0)],
    }
    with pytest.raises(ValidationError, match="not \\*_index"):
        ClassScheme.model_validate(scheme)

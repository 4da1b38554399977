"""Household outcomes and the household index (docs/aturan.md §3)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from conftest import AGE, SEGUMBANG, read_rows, states
from numpy.typing import NDArray

from phbs.forms.loading import LoadedForm
from phbs.forms.model import NaPolicy
from phbs.scoring.household import Status, count_by_group, household_outcomes
from phbs.scoring.results import score
from phbs.states import MISSING, NA, NO, YES

_LETTER = {"Y": YES, "T": NO, "-": NA, ".": MISSING}


def matrix(*specs: str) -> NDArray[np.int8]:
    """A state matrix from one-letter specs: Y Ya, T Tidak, - not applicable, . missing."""
    rows = [[_LETTER[c] for c in spec.replace(" ", "")] for spec in specs]
    return np.array(rows, dtype=np.int8)


# The worked example, ten indicators (1-3 balita, 4-7 always, 8-10 members aged 10+):
WORKED = matrix(
    "--- YYYY YYY",  # H1 no child under five, all 7 applicable Ya
    "YYY YYYY YYY",  # H2 baby 0-6 months, all 10 Ya
    "Y-Y YYYT YYY",  # H3 one Tidak (berantas_jentik)
    "--- YY.Y YYY",  # H4 jamban_sehat missing, nothing Tidak
    "--- T.YY YYY",  # H5 a Tidak and a missing
    "Y-Y YYYY Y-Y",  # H6 child 7-59 months, no member aged 10+ for buah_sayur
)
BER, TIDAK, BELUM = Status.BER_PHBS, Status.TIDAK_BER_PHBS, Status.BELUM_LENGKAP


def labels(values: NDArray[np.int8]) -> list[str]:
    return [Status(int(v)).label for v in values]


def indices(values: NDArray[np.float64]) -> list[float | None]:
    return [None if math.isnan(v) else round(float(v), 6) for v in values]


def test_counts_per_household() -> None:
    """docs/aturan.md §3.1: applicable, ya, tidak, missing counts."""
    out = household_outcomes(WORKED)
    assert out.berlaku.tolist() == [7, 10, 9, 7, 7, 8]
    assert out.ya.tolist() == [7, 10, 8, 6, 5, 8]
    assert out.tidak.tolist() == [0, 0, 1, 0, 1, 0]
    assert out.kosong.tolist() == [0, 0, 0, 1, 1, 0]
    assert out.tidak_berlaku.tolist() == [3, 0, 1, 3, 3, 2]


def test_status_table() -> None:
    """docs/aturan.md §3.1: ber_phbs = no Tidak and nothing missing;
    tidak_ber_phbs = at least one Tidak whatever else is missing; belum_lengkap = no Tidak but
    something missing."""
    out = household_outcomes(WORKED)
    assert labels(out.status) == [
        "ber_phbs",
        "ber_phbs",
        "tidak_ber_phbs",
        "belum_lengkap",
        "tidak_ber_phbs",
        "ber_phbs",
    ]


def test_index_exclude() -> None:
    """docs/aturan.md §3.2 na_policy exclude (default): not applicable leaves the denominator;
    index = ya / applicable, only for households with nothing missing."""
    out = household_outcomes(WORKED, NaPolicy.EXCLUDE)
    assert out.na_policy is NaPolicy.EXCLUDE
    assert indices(out.index) == [1.0, 1.0, round(8 / 9, 6), None, None, 1.0]
    assert out.met.tolist() == [7, 10, 8, -1, -1, 8]


def test_index_as_met() -> None:
    """docs/aturan.md §3.2 na_policy as_met: not applicable counts as met: same status as exclude,
    index (ya + na) / 10."""
    out = household_outcomes(WORKED, NaPolicy.AS_MET)
    assert labels(out.status) == labels(household_outcomes(WORKED).status)
    assert indices(out.index) == [1.0, 1.0, 0.9, None, None, 1.0]
    assert out.met.tolist() == [10, 10, 9, -1, -1, 10]


def test_index_as_unmet() -> None:
    """docs/aturan.md §3.2 na_policy as_unmet: not applicable counts as not met, so all 10 must be
    Ya; index ya / 10."""
    out = household_outcomes(WORKED, NaPolicy.AS_UNMET)
    assert labels(out.status) == [
        "tidak_ber_phbs",  # H1: 3 not applicable
        "ber_phbs",  # H2: the only household with all 10 Ya
        "tidak_ber_phbs",
        "tidak_ber_phbs",  # H4: not applicable counts as unmet, whatever is missing
        "tidak_ber_phbs",
        "tidak_ber_phbs",
    ]
    assert indices(out.index) == [0.7, 1.0, 0.8, None, None, 0.8]


def test_empty_matrix() -> None:
    """docs/aturan.md §3.1: a survey with no scored household has no outcomes, not an error."""
    out = household_outcomes(np.zeros((0, 10), dtype=np.int8))
    assert len(out) == 0


def test_count_by_group_sums_per_key() -> None:
    """docs/aturan.md §5.2: per area the recap columns jumlah rumah ada indikator (applicable and
    answered), jumlah jawaban ya, and the outcome counts."""
    out = household_outcomes(WORKED)
    counts = count_by_group(["B", "A", "B", "A", "A", "B"], WORKED, out, 0)
    assert counts.keys == ["A", "B"]
    assert counts.surveyed.tolist() == [3, 3]
    # A: H2 ber, H5 tidak, H4 belum; B: H1 and H6 ber, H3 tidak
    assert counts.status.tolist() == [[1, 1, 1], [2, 1, 0]]
    # air_bersih (4th): A: H2 Y, H4 Y, H5 T -> ya 2 of 3; B: all Y
    assert counts.ya[:, 3].tolist() == [2, 3]
    assert counts.answered[:, 3].tolist() == [3, 3]
    # jamban_sehat (6th): A: H2 Y, H4 missing, H5 Y
    assert counts.answered[:, 5].tolist() == [2, 3]
    assert counts.missing[:, 5].tolist() == [1, 0]
    # persalinan_nakes (1st): B: H1 not applicable, H3 Y, H6 Y
    assert counts.answered[:, 0].tolist() == [1, 2]


# --- jateng-rt-16 strata ----------------------------------------------------------------------


def sixteen(ya: int, na: int = 0, missing: int = 0) -> str:
    """A 16-indicator household: ``ya`` Ya, ``na`` not applicable, ``missing`` blank, rest Tidak."""
    tidak = 16 - ya - na - missing
    return "-" * na + "Y" * ya + "." * missing + "T" * tidak


@pytest.mark.parametrize(
    ("ya", "na", "as_met", "exclude"),
    [
        (0, 0, "sehat_pratama", "sehat_pratama"),
        (5, 0, "sehat_pratama", "sehat_pratama"),
        (6, 0, "sehat_madya", "sehat_madya"),
        (10, 0, "sehat_madya", "sehat_madya"),
        (11, 0, "sehat_utama", "sehat_utama"),
        (15, 0, "sehat_utama", "sehat_utama"),
        (16, 0, "sehat_paripurna", "sehat_paripurna"),
        (4, 2, "sehat_madya", "sehat_pratama"),  # met 6 under as_met, 4 under exclude
        (9, 2, "sehat_utama", "sehat_madya"),  # 11 / 9
        (14, 2, "sehat_paripurna", "sehat_utama"),  # 16 / 14
        (13, 2, "sehat_utama", "sehat_utama"),  # 15 / 13
        (8, 2, "sehat_madya", "sehat_madya"),  # 10 / 8
    ],
)
def test_jateng_strata(form16: LoadedForm, ya: int, na: int, as_met: str, exclude: str) -> None:
    """docs/aturan.md §4.1: Sehat Pratama 0-5, Madya 6-10, Utama 11-15, Paripurna 16 met;
    under the form's default as_met a not-applicable indicator counts as met, under exclude
    only Ya counts."""
    scheme = form16.form.classes
    assert scheme is not None
    codes = [c.code for c in scheme.classes]
    states_ = matrix(sixteen(ya, na))
    for policy, expected in ((NaPolicy.AS_MET, as_met), (NaPolicy.EXCLUDE, exclude)):
        out = household_outcomes(states_, policy, scheme)
        assert codes[int(out.class_index[0])] == expected, policy


def test_jateng_incomplete_household_has_no_class(form16: LoadedForm) -> None:
    """docs/aturan.md §3.3: a household with a missing answer has no met count, hence no class."""
    out = household_outcomes(matrix(sixteen(12, 0, 1)), NaPolicy.AS_MET, form16.form.classes)
    assert int(out.class_index[0]) == -1
    assert labels(out.status) == ["tidak_ber_phbs"]


def test_jateng_through_a_file(tmp_path: Path, form16: LoadedForm) -> None:
    """docs/aturan.md §4.1: read with its form file, scored under its default as_met,
    and under exclude when asked; a household without a child under five reaches Paripurna
    only under as_met."""
    header = ["id_rumah_tangga", "kode_desa", AGE, *form16.form.codes]
    no_child = ["1", SEGUMBANG, "", "-", "-", "-", "-", *["Ya"] * 12]
    baby = ["2", SEGUMBANG, "3", *["Ya"] * 10, *["Tidak"] * 6]
    survey = read_rows(tmp_path, [no_child, baby], header=header, form=form16)
    assert states(survey) == ["----" + "Y" * 12, "Y" * 10 + "T" * 6]
    default = score(survey)
    assert default.na_policy is NaPolicy.AS_MET
    assert [h.kelas for h in default.households()] == ["sehat_paripurna", "sehat_madya"]
    exclude = score(survey, NaPolicy.EXCLUDE)
    assert [h.kelas for h in exclude.households()] == ["sehat_utama", "sehat_madya"]
    assert [h.status for h in exclude.households()] == ["ber_phbs", "tidak_ber_phbs"]


def test_household_results(tmp_path: Path) -> None:
    """docs/aturan.md §3: each scored household carries its counts, status and index."""
    survey = read_rows(
        tmp_path,
        [
            ["1", SEGUMBANG, "", "-", "-", "-", "ya", "ya", "ya", "ya", "ya", "ya", "ya"],
            ["2", SEGUMBANG, "30", "ya", "", "ya", "ya", "ya", "", "ya", "ya", "ya", "ya"],
        ],
    )
    results = list(score(survey).households())
    assert [(h.id_rumah_tangga, h.status, h.berlaku, h.ya, h.kosong) for h in results] == [
        ("1", "ber_phbs", 7, 7, 0),
        ("2", "belum_lengkap", 9, 8, 1),
    ]
    assert results[0].indeks == 1.0
    assert results[1].indeks is None
    assert results[1].jawaban["asi_eksklusif"] == "tidak_berlaku"
    assert results[1].jawaban["jamban_sehat"] == "kosong"
    assert results[0].nama_desa == "Segumbang"
    assert results[1].baris == 3

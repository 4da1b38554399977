"""The two official variants of the household outcome, as form files: PHBS as a score
(Riskesdas 2013, ``riskesdas-2013``, docs/aturan.md §3.3, §4.6) and the Central Java card with
housing density (``jateng-rt-16-hunian``, docs/aturan.md §4.5), and the village % rumah tangga
sehat their healthy classes give (docs/aturan.md §5.1).

Every expected class, count and percentage below is worked out by hand in the comments from the
rules of docs/aturan.md; the confidence bounds come from scipy (an independent library).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
import yaml
from click.testing import CliRunner
from conftest import AGE, KERSIK_PUTIH, SEGUMBANG, answers, read_rows, write_csv
from numpy.typing import NDArray
from pydantic import ValidationError
from scipy.stats import binomtest

from phbs.cli.root import cli
from phbs.errors import SettingsError
from phbs.forms.classes import ClassScheme
from phbs.forms.loading import load_form
from phbs.forms.model import Form, NaPolicy
from phbs.scoring.household import household_outcomes
from phbs.scoring.results import score
from phbs.scoring.summary import summarise
from phbs.states import MISSING, NA, NO, YES

_STATE = {"Y": YES, "T": NO, "-": NA, ".": MISSING}


def matrix(*specs: str) -> NDArray[np.int8]:
    """States from one-letter specs (``Y`` Ya, ``T`` Tidak, ``-`` not applicable, ``.`` blank)."""
    return np.array([[_STATE[c] for c in s.replace(" ", "")] for s in specs], dtype=np.int8)


def row(household: str, village: str, age: str, spec: str) -> list[str]:
    return [household, village, age, *answers(spec)]


# --- riskesdas-2013 ---------------------------------------------------------------------------

# Indicator order of riskesdas-2013 (docs/aturan.md §4.6): 1 persalinan, 2 timbang, 3 ASI | 4 air,
# 5 cuci tangan, 6 jentik, 7 jamban | 8 buah sayur, 9 aktivitas fisik, 10 tidak merokok.
RISKESDAS_VILLAGE_A = [
    # age 12: all 10 apply; Ya = 3 + 3 = 6 ≥ 6 → PHBS baik (status tidak_ber_phbs: a Tidak)
    row("1", SEGUMBANG, "12", "YYY YYYT TTT"),
    # age 30: 10 apply; Ya = 2 + 2 + 1 = 5 < 6 → PHBS kurang
    row("2", SEGUMBANG, "30", "YYT YYTT TYT"),
    # no child under five: 1-3 not applicable, 7 apply; Ya = 4 + 1 = 5 ≥ 5 → PHBS baik
    row("3", SEGUMBANG, "", "--- YYYY YTT"),
    # no child: 7 apply; Ya = 4 < 5 → PHBS kurang
    row("4", SEGUMBANG, "", "--- YYYY TTT"),
    # age 48: 10 apply; Ya = 10 → PHBS baik (and ber_phbs)
    row("5", SEGUMBANG, "48", "YYY YYYY YYY"),
    # no child, tidak_merokok blank: belum_lengkap, no class, outside the denominator
    row("6", SEGUMBANG, "", "--- YYYY YY."),
    # no child: 7 apply; Ya = 7 → PHBS baik (and ber_phbs)
    row("7", SEGUMBANG, "", "--- YYYY YYY"),
]
RISKESDAS_VILLAGE_B = [
    # age 20: 10 apply; Ya = 9 → PHBS baik
    row("8", KERSIK_PUTIH, "20", "YYY YYYY YYT"),
    # no child: 7 apply; Ya = 0 → PHBS kurang
    row("9", KERSIK_PUTIH, "", "--- TTTT TTT"),
]


def test_riskesdas_hand_computed_villages(tmp_path: Path) -> None:
    """docs/aturan.md §4.6, §5.1: households classed by Ya of applicable indicators, the
    village % PHBS baik = PHBS baik / households with a class.

    Village A (Segumbang): PHBS baik = households 1, 3, 5, 7 → 4; PHBS kurang = 2, 4 → 2;
    household 6 has no class. % = 4 / 6 × 100 = 66,67 %. Village B (Kersik Putih): 1 of 2 =
    50 %. Kecamatan Batu Licin sums the counts: 5 of 8 = 62,5 % (§5.5).
    """
    form = load_form("riskesdas-2013")
    header = ["id_rumah_tangga", "kode_desa", AGE, *form.form.codes]
    survey = read_rows(tmp_path, [*RISKESDAS_VILLAGE_A, *RISKESDAS_VILLAGE_B], header, form)
    result = score(survey)
    households = list(result.households())
    kelas = [h.kelas for h in households]
    assert kelas == [
        "phbs_baik",
        "phbs_kurang",
        "phbs_baik",
        "phbs_kurang",
        "phbs_baik",
        None,
        "phbs_baik",
        "phbs_baik",
        "phbs_kurang",
    ]
    # applicable / Ya per household, as the comments above count them
    assert [(h.berlaku, h.ya) for h in households] == [
        (10, 6), (10, 5), (7, 5), (7, 4), (10, 10), (7, 6), (7, 7), (10, 9), (7, 0)
    ]  # fmt: skip
    village_a, village_b = summarise(result).wilayah
    assert (village_a.rumah_tangga_sehat, village_a.rumah_tangga_berkelas) == (4, 6)
    assert village_a.rumah_tangga_tanpa_kelas == 1
    assert village_a.persen_rumah_tangga_sehat == pytest.approx(400 / 6)
    assert village_a.kelas == {"phbs_kurang": 2, "phbs_baik": 4}
    # status beside it (§3.1): ber_phbs 5 and 7; belum_lengkap 6; the other four tidak
    assert (village_a.ber_phbs, village_a.tidak_ber_phbs, village_a.belum_lengkap) == (2, 4, 1)
    assert (village_b.rumah_tangga_sehat, village_b.rumah_tangga_berkelas) == (1, 2)
    assert village_b.persen_rumah_tangga_sehat == 50.0
    # Wilson 95 % interval of 4 of 6, by scipy (§5.4: no finite population correction here)
    wilson = binomtest(4, 6).proportion_ci(0.95, method="wilson")
    assert village_a.persen_rumah_tangga_sehat_bawah == pytest.approx(wilson.low * 100)
    assert village_a.persen_rumah_tangga_sehat_atas == pytest.approx(wilson.high * 100)
    (kecamatan,) = summarise(result, by="kecamatan").wilayah
    assert (kecamatan.rumah_tangga_sehat, kecamatan.rumah_tangga_berkelas) == (5, 8)
    assert kecamatan.persen_rumah_tangga_sehat == 62.5


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("YYY YYYT TTT", "phbs_baik"),  # 10 apply, 6 Ya
        ("YYY YYTT TTT", "phbs_kurang"),  # 10 apply, 5 Ya
        ("-YY YYYY TTT", "phbs_baik"),  # 9 apply, 6 Ya: the balita threshold 6 (ASUMSI, §4.6)
        ("-YY YYYT TTT", "phbs_kurang"),  # 9 apply, 5 Ya: 5 < 6
        ("--Y YYYY YTT", "phbs_baik"),  # 8 apply, 6 Ya
        ("--Y YYYY TTT", "phbs_kurang"),  # 8 apply, 5 Ya
        ("--- YYYY YTT", "phbs_baik"),  # 7 apply, 5 Ya
        ("--- YYYY TTT", "phbs_kurang"),  # 7 apply, 4 Ya
    ],
)
def test_riskesdas_threshold_follows_applicable_count(spec: str, expected: str) -> None:
    """docs/aturan.md §3.3, §4.6: the fewest Ya depends on how many indicators apply, and the
    class is the same under every na_policy (the rule counts Ya of applicable)."""
    scheme = load_form("riskesdas-2013").form.classes
    assert scheme is not None
    codes = [c.code for c in scheme.classes]
    for policy in NaPolicy:
        out = household_outcomes(matrix(spec), policy, scheme)
        assert codes[int(out.class_index[0])] == expected, policy


def test_riskesdas_household_with_nothing_applicable_has_no_class() -> None:
    """docs/aturan.md §3.3: with no indicator applicable there is nothing to class."""
    scheme = ClassScheme.model_validate(_scheme({2: 1}))
    out = household_outcomes(matrix("--"), NaPolicy.EXCLUDE, scheme)
    assert int(out.class_index[0]) == -1


def test_riskesdas_cli_outputs_the_measure(tmp_path: Path) -> None:
    """`phbs score --form riskesdas-2013`: the area CSV ends with the % rumah tangga sehat
    columns and the JSON carries them (docs/aturan.md §5.1, §10.6); 4 of 6 in village A."""
    form = load_form("riskesdas-2013").form
    header = ["id_rumah_tangga", "kode_desa", AGE, *form.codes]
    path = write_csv(tmp_path / "rt.csv", [header, *RISKESDAS_VILLAGE_A])
    out_csv, out_json = tmp_path / "rekap.csv", tmp_path / "rekap.json"
    for out in (out_csv, out_json):
        args = ["score", str(path), "--form", "riskesdas-2013", "-o", str(out)]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
    assert "% RT sehat (sehat/berkelas)" in result.output
    assert "66,7 (4/6)" in result.output
    with out_csv.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns, (line,) = reader.fieldnames or [], list(reader)
    assert columns[-7:-1] == [
        "rumah_tangga_sehat",
        "rumah_tangga_berkelas",
        "rumah_tangga_tanpa_kelas",
        "persen_rumah_tangga_sehat",
        "persen_rumah_tangga_sehat_bawah",
        "persen_rumah_tangga_sehat_atas",
    ]
    assert columns[-1] == "penyebut_persen_ber_phbs"  # then the denominator used, §5.1
    assert (line["rumah_tangga_sehat"], line["rumah_tangga_berkelas"]) == ("4", "6")
    assert float(line["persen_rumah_tangga_sehat"]) == pytest.approx(400 / 6)
    area = json.loads(out_json.read_text(encoding="utf-8"))["wilayah"][0]
    assert (area["rumah_tangga_sehat"], area["rumah_tangga_tanpa_kelas"]) == (4, 1)
    assert "iks_wilayah" not in area


def test_riskesdas_refuses_not_collected() -> None:
    """docs/aturan.md §6.1: classes that count indicators cannot drop some of them."""
    with pytest.raises(SettingsError):
        load_form("riskesdas-2013").form.without(["jamban_sehat"])


# --- the class rule's validation -----------------------------------------------------------


def _klass(code: str, **bounds: object) -> dict[str, object]:
    return {"code": code, "name": code, "name_en": code, "colour": "x", **bounds}


def _scheme(*thresholds: dict[int, int]) -> dict[str, object]:
    classes = [_klass("a")]
    classes += [_klass(f"k{n}", min_met_by_applicable=t) for n, t in enumerate(thresholds)]
    return {"basis": "met_of_applicable", "official": False, "source": "uji", "classes": classes}


@pytest.mark.parametrize(
    ("scheme", "problem"),
    [
        (_scheme(), "at least two classes"),
        (_scheme({10: 6}, {7: 7}), "every class gives the same numbers"),
        (_scheme({10: 6}, {10: 6}), "more than 6 \\(the class below\\)"),
        (_scheme({10: 11}), "at most 10, not 11"),
        (_scheme({10: 0}), "more than 0"),
        (_scheme({0: 1}), "at least 1"),
        (
            {**_scheme({10: 6}), "classes": [_klass("a", min_met_by_applicable={10: 1})]},
            "the lowest class starts at 0",
        ),
        (
            {**_scheme({10: 6}), "classes": [_klass("a"), _klass("b", min_met=0, max_met=3)]},
            "uses min_met_by_applicable, not \\*_met",
        ),
        (
            {
                **_scheme({10: 6}),
                "basis": "met_count",
                "classes": [_klass("a", min_met=0, max_met=3, min_met_by_applicable={3: 1})],
            },
            "uses min_met/max_met, not min_met_by_applicable",
        ),
    ],
)
def test_class_rule_is_validated(scheme: dict[str, object], problem: str) -> None:
    """docs/aturan.md §3.3: thresholds rise from class to class and stay within the count."""
    with pytest.raises(ValidationError, match=problem):
        ClassScheme.model_validate(scheme)


def test_form_must_give_every_possible_applicable_count(tmp_path: Path) -> None:
    """docs/aturan.md §3.3, §4.4: riskesdas-2013 has 3 indicators that may not apply, so
    7..10 applicable all need a threshold; leaving out 8 and 9 fails with the file and the
    key path, and so does a count that cannot occur."""
    source = Path(load_form("riskesdas-2013").path)
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["classes"]["classes"][1]["min_met_by_applicable"] = {10: 6, 7: 5}
    path = tmp_path / "kurang.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(cli, ["forms", "check", str(path)])
    assert result.exit_code == 1
    assert "classes" in result.output
    assert "7..10 (missing 8, 9)" in result.output
    data["classes"]["classes"][1]["min_met_by_applicable"] = {11: 6, 10: 6, 9: 6, 8: 6, 7: 5}
    with pytest.raises(ValidationError, match="11 cannot occur"):
        Form.model_validate(data)


# --- jateng-rt-16-hunian ----------------------------------------------------------------------

# Indicator order (docs/aturan.md §4.5): 1 persalinan, 2 ASI, 3 timbang, 4 gizi | 5 air, 6 jamban,
# 7 sampah, 8 kepadatan hunian, 9 lantai | 10 aktivitas, 11 rokok, 12 cuci tangan, 13 gigi,
# 14 miras | 15 JPK, 16 PSN. na_policy as_met: a not-applicable indicator counts as met.
JATENG_VILLAGE = [
    # no child: 1-3 not applicable (3 met) + 13 Ya = 16 → Sehat Paripurna (healthy)
    row("1", SEGUMBANG, "", "---Y YYYYY YYYYY YY"),
    # age 3: all 16 apply; 11 Ya → Sehat Utama (healthy)
    row("2", SEGUMBANG, "3", "YYYY YYYYY YYTTT TT"),
    # age 24: ASI (0-6 months) not applicable (1 met) + 9 Ya = 10 → Sehat Madya
    row("3", SEGUMBANG, "24", "Y-YY YYYYT TTTTT YT"),
    # no child: 3 met + 2 Ya = 5 → Sehat Pratama
    row("4", SEGUMBANG, "", "---Y YTTTT TTTTT TT"),
    # age 10: ASI not applicable (1 met) + 14 Ya (kepadatan hunian Tidak) = 15 → Sehat Utama
    row("5", SEGUMBANG, "10", "Y-YY YYYTY YYYYY YY"),
    # no child, kepadatan hunian blank: belum_lengkap, no class
    row("6", SEGUMBANG, "", "---Y YYY.Y YYYYY YY"),
]


def test_jateng_hunian_hand_computed_village(tmp_path: Path) -> None:
    """docs/aturan.md §4.5, §5.1: rumah tangga sehat = Sehat Utama + Sehat Paripurna.

    Classes: Paripurna 1 (household 1), Utama 2 (2, 5), Madya 1 (3), Pratama 1 (4); household 6
    has none. Rumah tangga sehat = 1 + 2 = 3 of 5 with a class = 60 %.
    """
    form = load_form("jateng-rt-16-hunian")
    assert form.form.codes[7] == "kepadatan_hunian"
    assert "periksa_hamil" not in form.form.codes
    header = ["id_rumah_tangga", "kode_desa", AGE, *form.form.codes]
    result = score(read_rows(tmp_path, JATENG_VILLAGE, header, form))
    assert result.na_policy is NaPolicy.AS_MET
    assert [h.kelas for h in result.households()] == [
        "sehat_paripurna",
        "sehat_utama",
        "sehat_madya",
        "sehat_pratama",
        "sehat_utama",
        None,
    ]
    (village,) = summarise(result).wilayah
    assert village.kelas == {
        "sehat_pratama": 1,
        "sehat_madya": 1,
        "sehat_utama": 2,
        "sehat_paripurna": 1,
    }
    assert (village.rumah_tangga_sehat, village.rumah_tangga_berkelas) == (3, 5)
    assert village.rumah_tangga_tanpa_kelas == 1
    assert village.persen_rumah_tangga_sehat == 60.0
    wilson = binomtest(3, 5).proportion_ci(0.95, method="wilson")
    assert village.persen_rumah_tangga_sehat_bawah == pytest.approx(wilson.low * 100)


def test_forms_without_healthy_count_classes_have_no_measure(tmp_path: Path) -> None:
    """docs/aturan.md §5.1: kemenkes-rt-10 has no classes, pispk-12 has the area IKS instead."""
    from conftest import HEADER, household

    result = score(read_rows(tmp_path, [household("1")], HEADER))
    (village,) = summarise(result).wilayah
    assert village.rumah_tangga_berkelas is None
    assert village.persen_rumah_tangga_sehat is None


def test_forms_show_and_paper_form_state_the_class_rule() -> None:
    """`phbs forms show` and the paper form's legend state each class's span per number of
    applicable indicators (docs/aturan.md §4.6): PHBS kurang holds 0–5 of 10 and 0–4 of 7,
    PHBS baik 6–10 of 10 and 5–7 of 7."""
    from phbs.reports.fieldforms.paper_form import render_paper_form

    result = CliRunner().invoke(cli, ["forms", "show", "riskesdas-2013", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "phbs_kurang: Poor PHBS (red) 0–5 of 10; 0–5 of 9; 0–5 of 8; 0–4 of 7" in (result.output)
    assert "phbs_baik: Good PHBS (green) 6–10 of 10; 6–9 of 9; 6–8 of 8; 5–7 of 7 — healthy" in (
        result.output
    )
    html = render_paper_form(load_form("riskesdas-2013").form)
    assert "PHBS baik: 6–10 dari 10; 6–9 dari 9; 6–8 dari 8; 5–7 dari 7" in html
    html = render_paper_form(load_form("jateng-rt-16-hunian").form)
    assert "Sehat Utama: 11–15 · Sehat Paripurna: 16–16" in html

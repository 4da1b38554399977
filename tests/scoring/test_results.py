"""Village measures and roll-ups (docs/aturan.md §5), the sample survey, and a property test."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest
from conftest import (
    AGE,
    BATULICIN,
    INDICATORS,
    KAMPUNG_BARU,
    KERSIK_PUTIH,
    SEGUMBANG,
    answers,
    household,
    read,
    read_rows,
    write_csv,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phbs.forms.loading import LoadedForm
from phbs.forms.model import NaPolicy
from phbs.ingest.settings import BlankMeaning, ReadSettings
from phbs.ingest.validate import Survey
from phbs.ingest.villages import VillageTotals, read_villages
from phbs.resources import data_path
from phbs.scoring.results import score
from phbs.scoring.summary import AreaReport, AreaSummary, summarise

DUSUN_HEADER = ["id_rumah_tangga", "kode_desa", "dusun", AGE, *INDICATORS]


def dusun_row(household_id: str, kode: str, dusun: str, age: str, spec: str) -> list[str]:
    return [household_id, kode, dusun, age, *answers(spec)]


# The worked example (hand-computed in the tests below):
#   Batulicin     B1 ber                                   -> 1 ber, 0 tidak, 0 belum (100 %)
#   Segumbang     S1 ber; S2-S5 Tidak on air_bersih; S6-S9 Tidak on tidak_merokok; S10 jamban
#                 missing                                   -> 1 ber, 8 tidak, 1 belum (1/9)
#   Kampung Baru  K1 ber, K2 Tidak on buah_sayur            -> 1 ber, 1 tidak (50 %)
WORKED_ROWS = [
    dusun_row("B1", BATULICIN, "", "3", "YYY YYYY YYY"),
    dusun_row("S1", SEGUMBANG, "Dusun I", "", "--- YYYY YYY"),
    dusun_row("S2", SEGUMBANG, "dusun  i", "", "--- TYYY YYY"),
    dusun_row("S3", SEGUMBANG, " DUSUN I ", "", "--- TYYY YYY"),
    dusun_row("S4", SEGUMBANG, "Dusun I", "", "--- TYYY YYY"),
    dusun_row("S5", SEGUMBANG, "Dusun I", "", "--- TYYY YYY"),
    dusun_row("S6", SEGUMBANG, "Dusun II", "", "--- YYYY YYT"),
    dusun_row("S7", SEGUMBANG, "Dusun II", "", "--- YYYY YYT"),
    dusun_row("S8", SEGUMBANG, "Dusun II", "", "--- YYYY YYT"),
    dusun_row("S9", SEGUMBANG, "Dusun II", "", "--- YYYY YYT"),
    dusun_row("S10", SEGUMBANG, "", "", "--- YY.Y YYY"),
    dusun_row("K1", KAMPUNG_BARU, "", "", "--- YYYY YYY"),
    dusun_row("K2", KAMPUNG_BARU, "", "", "--- YYYY TYY"),
]


@pytest.fixture
def worked(tmp_path: Path) -> Survey:
    return read_rows(tmp_path, WORKED_ROWS, header=DUSUN_HEADER)


def by_code(report: AreaReport) -> dict[str, AreaSummary]:
    return {a.kode: a for a in report.wilayah}


def outcome(area: AreaSummary) -> tuple[int, int, int, int]:
    return (area.rumah_tangga_disurvei, area.ber_phbs, area.tidak_ber_phbs, area.belum_lengkap)


def test_village_measures(worked: Survey) -> None:
    """docs/aturan.md §5.1: surveyed, ber_phbs, tidak_ber_phbs, belum_lengkap, and
    persen_ber_phbs = ber / (ber + tidak) × 100 with the incomplete count beside it."""
    report = summarise(score(worked))
    areas = by_code(report)
    assert list(areas) == [BATULICIN, SEGUMBANG, KAMPUNG_BARU]
    assert outcome(areas[BATULICIN]) == (1, 1, 0, 0)
    assert outcome(areas[SEGUMBANG]) == (10, 1, 8, 1)
    assert outcome(areas[KAMPUNG_BARU]) == (2, 1, 1, 0)
    assert areas[BATULICIN].persen_ber_phbs == pytest.approx(100.0)
    assert areas[SEGUMBANG].persen_ber_phbs == pytest.approx(100 / 9)  # not 1/10: belum aside
    assert areas[KAMPUNG_BARU].persen_ber_phbs == pytest.approx(50.0)
    assert areas[SEGUMBANG].nama == "Segumbang"
    assert report.na_policy is NaPolicy.EXCLUDE
    assert report.formulir == "kemenkes-rt-10"


def test_indicator_coverage(worked: Survey) -> None:
    """docs/aturan.md §5.2: per indicator ya, berlaku (applicable and answered) and
    cakupan = ya / berlaku × 100 — the recap's jumlah rumah ada indikator / jawaban ya."""
    segumbang = by_code(summarise(score(worked)))[SEGUMBANG].indikator
    air = segumbang["air_bersih"]
    assert (air.ya, air.berlaku, air.kosong) == (6, 10, 0)
    assert air.cakupan == pytest.approx(60.0)
    jamban = segumbang["jamban_sehat"]
    assert (jamban.ya, jamban.berlaku, jamban.kosong) == (9, 9, 1)
    assert jamban.cakupan == pytest.approx(100.0)
    rokok = segumbang["tidak_merokok"]
    assert (rokok.ya, rokok.berlaku) == (6, 10)
    persalinan = segumbang["persalinan_nakes"]  # no child under five in Segumbang
    assert (persalinan.ya, persalinan.berlaku, persalinan.cakupan) == (0, 0, None)


def test_roll_up_sums_counts_and_recomputes(worked: Survey) -> None:
    """docs/aturan.md §5.5: roll-up to kecamatan, kabupaten and provinsi sums the counts and
    recomputes; it never averages village percentages. Batu Licin: Batulicin 1/1 (100 %) and
    Segumbang 1/9 (11.1 %) average 55.6 %, but the kecamatan is 2 of 10 = 20 %."""
    result = score(worked)
    kecamatan = by_code(summarise(result, by="kecamatan"))
    assert list(kecamatan) == ["63.10.01", "63.10.02"]
    batu_licin = kecamatan["63.10.01"]
    assert outcome(batu_licin) == (11, 2, 8, 1)
    assert batu_licin.persen_ber_phbs == pytest.approx(20.0)
    assert batu_licin.persen_ber_phbs != pytest.approx((100 + 100 / 9) / 2)
    assert batu_licin.nama == "Batu Licin"
    assert batu_licin.jumlah_desa == 2
    air = batu_licin.indikator["air_bersih"]
    assert (air.ya, air.berlaku) == (7, 11)
    assert air.cakupan == pytest.approx(700 / 11)
    persalinan = batu_licin.indikator["persalinan_nakes"]
    assert (persalinan.ya, persalinan.berlaku) == (1, 1)

    kabupaten = summarise(result, by="kabupaten").wilayah
    assert [(a.kode, a.nama) for a in kabupaten] == [("63.10", "Kabupaten Tanah Bumbu")]
    assert outcome(kabupaten[0]) == (13, 3, 9, 1)
    # 3 of 12, not the mean of the kecamatan (20 % and 50 %) nor of the villages
    assert kabupaten[0].persen_ber_phbs == pytest.approx(25.0)
    assert kabupaten[0].jumlah_desa == 3

    provinsi = summarise(result, by="provinsi").wilayah
    assert [(a.kode, a.nama) for a in provinsi] == [("63", "Kalimantan Selatan")]
    assert outcome(provinsi[0]) == (13, 3, 9, 1)
    assert provinsi[0].persen_ber_phbs == pytest.approx(25.0)


def test_na_policy_changes_area_counts(worked: Survey) -> None:
    """docs/aturan.md §3.2 na_policy as_unmet, reported per area: only households with all 10 Ya are
    ber-PHBS (Batulicin's B1), and the report states the setting."""
    report = summarise(score(worked, NaPolicy.AS_UNMET))
    assert report.na_policy is NaPolicy.AS_UNMET
    areas = by_code(report)
    assert outcome(areas[BATULICIN]) == (1, 1, 0, 0)
    assert outcome(areas[SEGUMBANG]) == (10, 0, 10, 0)
    assert outcome(areas[KAMPUNG_BARU]) == (2, 0, 2, 0)


def test_dusun_level(worked: Survey) -> None:
    """docs/aturan.md §5.5 (the familiar recap per dusun): dusun names are grouped within
    their village without case or extra spaces; a blank dusun is its own group."""
    report = summarise(score(worked), by="dusun")
    rows = {(a.kode, a.dusun): outcome(a) for a in report.wilayah}
    assert rows == {
        (BATULICIN, "(tanpa dusun)"): (1, 1, 0, 0),
        (SEGUMBANG, "(tanpa dusun)"): (1, 0, 0, 1),
        (SEGUMBANG, "Dusun I"): (5, 1, 4, 0),
        (SEGUMBANG, "Dusun II"): (4, 0, 4, 0),
        (KAMPUNG_BARU, "(tanpa dusun)"): (2, 1, 1, 0),
    }
    dusun_i = next(a for a in report.wilayah if a.dusun == "Dusun I")
    assert dusun_i.persen_ber_phbs == pytest.approx(20.0)
    assert dusun_i.nama == "Segumbang"


def test_same_dusun_name_in_two_villages_is_two_groups(tmp_path: Path) -> None:
    """aturan.md §9.1 (names repeat): a dusun belongs to its village; "Dusun I" of two villages
    are two groups."""
    rows = [
        dusun_row("1", SEGUMBANG, "Dusun I", "", "--- YYYY YYY"),
        dusun_row("2", KERSIK_PUTIH, "Dusun I", "", "--- TYYY YYY"),
    ]
    report = summarise(score(read_rows(tmp_path, rows, header=DUSUN_HEADER)), by="dusun")
    assert [(a.kode, a.dusun, a.ber_phbs) for a in report.wilayah] == [
        (SEGUMBANG, "Dusun I", 1),
        (KERSIK_PUTIH, "Dusun I", 0),
    ]


# --- dipantau ---------------------------------------------------------------------------------


@pytest.fixture
def totals(tmp_path: Path) -> VillageTotals:
    """Batulicin fully covered (1 of 1), Segumbang 10 of 500, Kampung Baru 2 surveyed of 1 listed,
    Kersik Putih listed (40) but not surveyed."""
    path = write_csv(
        tmp_path / "desa.csv",
        [
            ["kode_desa", "jumlah_rumah_tangga"],
            [BATULICIN, "1"],
            [SEGUMBANG, "500"],
            [KAMPUNG_BARU, "1"],
            [KERSIK_PUTIH, "40"],
        ],
    )
    return read_villages(path)


def test_dipantau(worked: Survey, totals: VillageTotals) -> None:
    """docs/aturan.md §5.3: surveyed / total × 100 when the villages file gives the total;
    a listed village that was not surveyed appears with 0; below 210 and not fully covered is
    flagged (`sampel-kurang`); more surveyed than listed is `disurvei-melebihi-total` and no
    percentage."""
    report = summarise(score(worked), villages=totals)
    areas = by_code(report)
    assert list(areas) == [BATULICIN, SEGUMBANG, KERSIK_PUTIH, KAMPUNG_BARU]

    assert areas[BATULICIN].jumlah_rumah_tangga == 1
    assert areas[BATULICIN].persen_dipantau == pytest.approx(100.0)
    assert areas[BATULICIN].sampel_kurang is False  # 1 < 210 but every household surveyed

    assert areas[SEGUMBANG].jumlah_rumah_tangga == 500
    assert areas[SEGUMBANG].persen_dipantau == pytest.approx(2.0)
    assert areas[SEGUMBANG].sampel_kurang is True

    kersik = areas[KERSIK_PUTIH]
    assert outcome(kersik) == (0, 0, 0, 0)
    assert kersik.nama == "Kersik Putih"
    assert kersik.persen_ber_phbs is None
    assert kersik.persen_dipantau == pytest.approx(0.0)
    assert kersik.sampel_kurang is True
    assert kersik.indikator["air_bersih"].cakupan is None

    assert areas[KAMPUNG_BARU].persen_dipantau is None
    assert areas[KAMPUNG_BARU].sampel_kurang is None

    flagged = [(i.code, i.value) for i in report.masalah]
    assert sorted(flagged) == [
        ("disurvei-melebihi-total", KAMPUNG_BARU),
        ("sampel-kurang", SEGUMBANG),
        ("sampel-kurang", KERSIK_PUTIH),
    ]


def test_dipantau_rolled_up(worked: Survey, totals: VillageTotals) -> None:
    """docs/aturan.md §5.3: dipantau of a kecamatan sums surveyed and totals of its villages (Batu
    Licin: 1 + 10 + 0 of 1 + 500 + 40 = 11 of 541); a village with more surveyed than listed
    has no usable total."""
    areas = by_code(summarise(score(worked), by="kecamatan", villages=totals))
    batu_licin = areas["63.10.01"]
    assert batu_licin.jumlah_desa == 3
    assert batu_licin.jumlah_rumah_tangga == 541
    assert batu_licin.persen_dipantau == pytest.approx(1100 / 541)
    assert batu_licin.rumah_tangga_disurvei == 11
    assert areas["63.10.02"].jumlah_rumah_tangga is None
    assert areas["63.10.02"].persen_dipantau is None


def test_sample_of_210_is_enough(tmp_path: Path) -> None:
    """docs/aturan.md §5.3: at least 210 households ("C survey") is not flagged, even when
    the village is not fully covered; 209 is."""
    rows = [household(f"S{i}", kode=SEGUMBANG) for i in range(210)]
    rows += [household(f"K{i}", kode=KERSIK_PUTIH) for i in range(209)]
    villages = read_villages(
        write_csv(
            tmp_path / "desa.csv",
            [["kode_desa", "jumlah_rumah_tangga"], [SEGUMBANG, "1.000"], [KERSIK_PUTIH, "1000"]],
            sep=";",
        )
    )
    report = summarise(score(read_rows(tmp_path, rows)), villages=villages)
    areas = by_code(report)
    assert areas[SEGUMBANG].persen_dipantau == pytest.approx(21.0)
    assert areas[SEGUMBANG].sampel_kurang is False
    assert areas[KERSIK_PUTIH].persen_dipantau == pytest.approx(20.9)
    assert areas[KERSIK_PUTIH].sampel_kurang is True
    assert [(i.code, i.value) for i in report.masalah] == [("sampel-kurang", KERSIK_PUTIH)]


def test_unknown_village_code_is_summarised_with_file_name(tmp_path: Path) -> None:
    """aturan.md §8.2, §9.1: a kept row with a code not in the table is summarised under its code,
    named as in the file, and rolled up by its code's kecamatan."""
    header = ["id_rumah_tangga", "kode_desa", "nama_desa", *INDICATORS]
    rows = [["1", "63.10.01.2999", "Desa Baru", *answers("---YYYYYYY")]]
    result = score(read_rows(tmp_path, rows, header=header))
    village = summarise(result).wilayah
    assert [(a.kode, a.nama, a.ber_phbs) for a in village] == [("63.10.01.2999", "Desa Baru", 1)]
    assert [a.kode for a in summarise(result, by="kecamatan").wilayah] == ["63.10.01"]


def test_empty_survey(tmp_path: Path) -> None:
    """docs/aturan.md §5.3, §8.3: a survey with no scored household summarises to no areas at every
    level, and a listed village still appears with 0 surveyed (dipantau 0 %)."""
    result = score(read_rows(tmp_path, []))
    for level in ("dusun", "desa", "kecamatan", "kabupaten", "provinsi"):
        assert summarise(result, by=level).wilayah == []
    villages = read_villages(
        write_csv(tmp_path / "desa.csv", [["kode_desa", "jumlah_rumah_tangga"], [SEGUMBANG, "40"]])
    )
    areas = summarise(result, by="kecamatan", villages=villages).wilayah
    assert [(a.kode, a.rumah_tangga_disurvei, a.persen_dipantau) for a in areas] == [
        ("63.10.01", 0, 0.0)
    ]


# --- the bundled sample -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> Survey:
    files = sorted(data_path("contoh").glob("survei-*.csv"))
    return read(files)


def test_sample_reconciliation(sample: Survey) -> None:
    """docs/aturan.md §8.3: 3,019 rows read = 3,011 scored + 8 set aside (2 without id, 2 malformed
    codes, 4 repeated ids; the well-formed unknown code is a warning and its row is kept)."""
    assert (sample.rows_read, sample.rows_scored, sample.rows_set_aside) == (3019, 3011, 8)
    assert [(f.rows_read, f.rows_scored, f.rows_set_aside) for f in sample.files] == [
        (1347, 1343, 4),
        (1672, 1668, 4),
    ]
    reasons = Counter(r for row in sample.set_aside for r in row.reasons)
    assert reasons == {"id-kosong": 2, "kode-desa-salah": 2, "id-ganda": 2, "baris-ganda": 2}
    batulicin_file = [(r.row, r.reasons) for r in sample.set_aside if "batulicin" in r.file]
    assert batulicin_file == [
        (265, ("baris-ganda",)),
        (602, ("id-ganda",)),
        (767, ("id-kosong",)),
        (816, ("kode-desa-salah",)),
    ]


def test_sample_cell_issues(sample: Survey) -> None:
    """docs/aturan.md §2, §8.1: the sample's documented cell problems are found, at their rows."""
    counts = Counter(i.code for i in sample.issues)
    assert counts["jawaban-kosong"] == 11
    assert counts["tidak-berlaku-tidak-boleh"] == 5
    assert counts["jawaban-tidak-dikenal"] == 5
    assert counts["jawaban-tidak-berlaku"] == 6
    assert counts["nama-desa-berbeda"] == 5
    assert counts["kode-desa-tidak-dikenal"] == 1
    unknown = next(i for i in sample.issues if i.code == "kode-desa-tidak-dikenal")
    assert (unknown.row, unknown.value) == (1167, "63.10.01.2999")


def test_sample_villages(sample: Survey) -> None:
    """docs/aturan.md §5 on the sample, cross-checked independently: Batulicin 372 surveyed, 227
    ber-PHBS, 142 not, 3 incomplete; Kampung Baru 148 / 17 / 131 / 0."""
    villages = read_villages(data_path("contoh", "desa-tanah-bumbu.csv"))
    report = summarise(score(sample), villages=villages)
    areas = by_code(report)
    assert outcome(areas["63.10.01.1007"]) == (372, 227, 142, 3)
    assert areas["63.10.01.1007"].nama == "Batulicin"
    assert areas["63.10.01.1007"].persen_ber_phbs == pytest.approx(22700 / 369)
    assert areas["63.10.01.1007"].persen_dipantau == pytest.approx(37200 / 3184)
    assert outcome(areas["63.10.02.2008"]) == (148, 17, 131, 0)
    assert areas["63.10.02.2008"].sampel_kurang is True
    assert sum(a.rumah_tangga_disurvei for a in report.wilayah) == sample.rows_scored
    assert not villages.issues


# --- property: every row is accounted for and counted once --------------------------------------

SPELLINGS = {
    "Y": ["ya", "Y", "1", " YA ", "yes", "TRUE", "✓"],
    "T": ["tidak", "T", "0", "No", "false"],
    "-": ["-", "–", "tb", "N/A", "Tidak Berlaku"],
    ".": [""],
    "?": ["yy", "2", "?", "ok"],
}
# Indicators on which the surveyor may write '-' in kemenkes-rt-10: 1-3 and 8-10.
MARK_ALLOWED = {0, 1, 2, 7, 8, 9}
VILLAGE_CELLS = {
    BATULICIN: BATULICIN,
    SEGUMBANG: SEGUMBANG,
    "6310012005": SEGUMBANG,
    KAMPUNG_BARU: KAMPUNG_BARU,
}
EXTRA_COLUMNS = ["catatan", "keterangan lain", "x1", "foto"]

# Ages as typed, and what each means for indicators 1-3: a number of months, None (no child
# under five: blank, '-', or above 59 months), or "marks" (unreadable: the '-' marks decide).
AGES: dict[str, int | str | None] = {
    "": None,
    "-": None,
    "0": 0,
    "6": 6,
    "7": 7,
    "59": 59,
    "60": None,
    "dua": "marks",
}
AGE_RANGES = {0: (0, 59), 1: (0, 6), 2: (0, 59)}

Row = tuple[str, str, str, list[tuple[str, int]], list[str]]

cell_kind = st.sampled_from(list(SPELLINGS))
survey_row = st.tuples(
    st.one_of(st.just(""), st.integers(1, 12).map(str)),
    st.sampled_from(list(VILLAGE_CELLS)),
    st.sampled_from(list(AGES)),
    st.lists(st.tuples(cell_kind, st.integers(0, 6)), min_size=10, max_size=10),
    st.lists(st.text(alphabet="ab ,;", max_size=4), min_size=4, max_size=4),
)


def reference(rows: list[Row], with_age: bool) -> dict[str, list[int]]:
    """Per village: [surveyed, ber, tidak, belum, ya per indicator..., answered per indicator...],
    computed straight from docs/aturan.md §2–§3 and §8.2 without the package."""
    seen: set[str] = set()
    out: dict[str, list[int]] = defaultdict(lambda: [0] * 24)
    for household_id, village_cell, age_text, cells, _ in rows:
        if not household_id or household_id in seen:
            continue  # no id, or a later duplicate: set aside
        seen.add(household_id)
        age = AGES[age_text] if with_age else "marks"
        letters = []
        for position, (kind, _) in enumerate(cells):
            letter = "." if kind == "?" else kind
            if position in AGE_RANGES and age != "marks":
                low, high = AGE_RANGES[position]
                applies = isinstance(age, int) and low <= age <= high
                if not applies:
                    letter = "-"  # the age decides: whatever was written is ignored
                elif letter == "-":
                    letter = "."  # '-' where the age says it applies: missing
            elif letter == "-" and position not in MARK_ALLOWED:
                letter = "."  # '-' on an always-applicable indicator: missing
            letters.append(letter)
        counts = out[VILLAGE_CELLS[village_cell]]
        counts[0] += 1
        if "T" in letters:
            counts[2] += 1
        elif "." in letters:
            counts[3] += 1
        else:
            counts[1] += 1
        for position, letter in enumerate(letters):
            counts[4 + position] += letter == "Y"
            counts[14 + position] += letter in "YT"
    return dict(out)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(survey_row, max_size=25),
    with_age=st.booleans(),
    extra=st.lists(st.sampled_from(EXTRA_COLUMNS), unique=True, max_size=3),
    order=st.permutations(range(13)),
)
def test_property_reconciliation_and_village_counts(
    tmp_path_factory: pytest.TempPathFactory,
    form10: LoadedForm,
    rows: list[Row],
    with_age: bool,
    extra: list[str],
    order: list[int],
) -> None:
    """aturan.md §8.3 (every row in exactly one place) and §2–§5 (applicability, outcome, village
    counts): random answer spellings, blanks and garbage, ages or no age column, duplicate and
    missing ids, extra columns and any column order give rows_read = scored + set aside and
    the counts of a plain reference computation."""
    base = ["id_rumah_tangga", "kode_desa", AGE, *INDICATORS]
    columns = [i for i in order if with_age or i != 2]
    header = [base[i] for i in columns] + extra
    table = []
    for household_id, village_cell, age_text, cells, notes in rows:
        spelled = [SPELLINGS[kind][pick % len(SPELLINGS[kind])] for kind, pick in cells]
        full = [household_id, village_cell, age_text, *spelled]
        table.append([full[i] for i in columns] + notes[: len(extra)])
    path = write_csv(tmp_path_factory.mktemp("sifat") / "survei.csv", [header, *table])
    # Blanks mean "not yet answered" here, as the hand-worked counts below assume
    # (without the age column such a file is otherwise refused as ambiguous).
    survey = read(path, form10, settings=ReadSettings(blank=BlankMeaning.MISSING))
    assert survey.rows_read == len(rows)
    expected = reference(rows, with_age)
    report = summarise(score(survey))
    got = {
        a.kode: [
            a.rumah_tangga_disurvei,
            a.ber_phbs,
            a.tidak_ber_phbs,
            a.belum_lengkap,
            *(a.indikator[c].ya for c in INDICATORS),
            *(a.indikator[c].berlaku for c in INDICATORS),
        ]
        for a in report.wilayah
    }
    assert got == expected

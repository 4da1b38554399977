"""Uncertainty of village results: intervals on the area model, sample adequacy and
implausible results (DOMAIN.md §2 "a confidence interval where the village was sampled",
§2 "Dipantau", §4 "implausible 100 % villages")."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BATULICIN, HEADER, SEGUMBANG, read, write_csv
from scipy.stats import binomtest

import phbs
from phbs.demo import sample_data
from phbs.ingest.villages import read_villages
from phbs.plausibility import ALL_MET_MIN, SURVEYOR_MIN
from phbs.results import AreaReport
from phbs.stats import proportion_interval

ALL_YES = ["", *["Ya"] * 7, "-", "-", "-"]


@pytest.fixture(scope="module")
def sample_report() -> AreaReport:
    sample = sample_data()
    result = phbs.score(phbs.read_survey(sample.survey_files))
    return phbs.summarise(result, villages=read_villages(sample.villages_file))


def test_village_interval_is_wilson_with_fpc(sample_report: AreaReport) -> None:
    """% ber-PHBS interval: Wilson; a village surveyed in full gets the point (DOMAIN.md §2)."""
    for area in sample_report.areas:
        n = area.ber_phbs + area.tidak_ber_phbs
        if n == 0:
            assert area.persen_ber_phbs_bawah is None
            continue
        assert area.persen_ber_phbs_bawah is not None
        assert area.persen_ber_phbs_atas is not None
        assert area.persen_ber_phbs is not None
        assert area.persen_ber_phbs_bawah <= area.persen_ber_phbs <= area.persen_ber_phbs_atas
        if area.jumlah_rumah_tangga == area.rumah_tangga_disurvei:
            assert area.persen_ber_phbs_bawah == pytest.approx(area.persen_ber_phbs)
            assert area.persen_ber_phbs_atas == pytest.approx(area.persen_ber_phbs)
        elif area.jumlah_rumah_tangga is None:
            ref = binomtest(area.ber_phbs, n).proportion_ci(method="wilson")
            assert area.persen_ber_phbs_bawah == pytest.approx(ref.low * 100)


def test_fpc_uses_the_village_sampling_fraction(sample_report: AreaReport) -> None:
    """With N known, the % ber-PHBS denominator's population is (ber + tidak) · N / surveyed."""
    area = next(a for a in sample_report.areas if a.kode == SEGUMBANG)
    n = area.ber_phbs + area.tidak_ber_phbs
    assert area.jumlah_rumah_tangga is not None
    population = n * area.jumlah_rumah_tangga / area.rumah_tangga_disurvei
    lo, hi = proportion_interval([area.ber_phbs], [n], population=[population])
    assert area.persen_ber_phbs_bawah == pytest.approx(lo[0] * 100)
    assert area.persen_ber_phbs_atas == pytest.approx(hi[0] * 100)


def test_indicator_coverage_intervals(sample_report: AreaReport) -> None:
    """Each indicator's cakupan has bounds around it, or none when nobody answered."""
    for area in sample_report.areas:
        for coverage in area.indikator.values():
            if coverage.cakupan is None:
                assert coverage.cakupan_bawah is None
            else:
                assert coverage.cakupan_bawah is not None
                assert coverage.cakupan_atas is not None
                assert coverage.cakupan_bawah <= coverage.cakupan <= coverage.cakupan_atas


def test_method_and_confidence_are_recorded() -> None:
    """The report says which setting produced its intervals; wider at 99 %."""
    result = phbs.score(phbs.read_survey(sample_data().survey_files))
    narrow = phbs.summarise(result, by="kecamatan")
    wide = phbs.summarise(result, by="kecamatan", ci_method="jeffreys", confidence=0.99)
    assert (wide.metode_ci.value, wide.tingkat_kepercayaan) == ("jeffreys", 0.99)
    for a, b in zip(narrow.areas, wide.areas, strict=True):
        assert a.persen_ber_phbs_bawah is not None
        assert b.persen_ber_phbs_bawah is not None
        assert b.persen_ber_phbs_bawah < a.persen_ber_phbs_bawah


def _rows(count: int, kode: str, petugas: str, spec: list[str], tag: str = "") -> list[list[str]]:
    return [[f"{kode}-{petugas}-{tag}{i}", kode, *spec, petugas] for i in range(count)]


def test_hundred_percent_with_many_households_is_flagged(tmp_path: Path) -> None:
    """DOMAIN.md §4: a 100 % village with ≥ 30 complete households is a warning; 29 is not."""
    rows = _rows(ALL_MET_MIN, BATULICIN, "", ALL_YES)
    rows += _rows(ALL_MET_MIN - 1, SEGUMBANG, "", ALL_YES)
    rows = [r[:-1] for r in rows]  # no surveyor column
    path = write_csv(tmp_path / "s.csv", [HEADER, *rows])
    issues = phbs.plausibility_issues(phbs.score(read(path)))
    assert [(i.code, i.value) for i in issues] == [("hasil-100-persen", BATULICIN)]


def test_surveyor_with_identical_rows_is_flagged(tmp_path: Path) -> None:
    """One petugas whose rows are ≥ 80 % one identical answer pattern (≥ 20 rows)."""
    varied = [["", *(["Ya"] * (7 - k)), *(["Tidak"] * k), "-", "-", "-"] for k in range(4)]
    rows = _rows(SURVEYOR_MIN - 2, BATULICIN, "Bu Ani", ALL_YES)
    rows += _rows(2, BATULICIN, "Bu Ani", varied[1], "v")
    for k, spec in enumerate(varied * 6):
        rows.append([f"b{k}", SEGUMBANG, *spec, "Pak Budi"])
    path = write_csv(tmp_path / "s.csv", [[*HEADER, "petugas"], *rows])
    issues = phbs.plausibility_issues(phbs.score(read(path)))
    assert [(i.code, i.column, i.value) for i in issues] == [
        ("petugas-jawaban-seragam", "petugas", "Bu Ani")
    ]

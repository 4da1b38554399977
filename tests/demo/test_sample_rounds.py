"""The bundled sample's two rounds compared (docs/aturan.md §5.8): the verdicts are those the
synthetic truth was designed to give (tools/sample_round_2024.py, phbs/data/contoh/README.md),
and ``phbs demo`` writes and prints them in both languages.

The counts the verdicts rest on are worked out here from the files with the stdlib ``csv``
module (a household is ber-PHBS when every indicator that applies to it is Ya, docs/aturan.md
§2.2 and §3.2; % ber-PHBS is over the complete households, §5.1), not taken from the library.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import INDICATORS

from phbs.cli.root import cli
from phbs.demo.data import SampleData, sample_data
from phbs.demo.rounds import most_improved, sample_trends
from phbs.ingest.validate import read_survey
from phbs.ingest.villages import read_villages
from phbs.scoring.results import score
from phbs.scoring.summary import summarise
from phbs.trends.compare import compare_rounds
from phbs.trends.models import Reason, Trends, Verdict
from phbs.trends.reading import read_round

BATULICIN, PEJALA, KAMPUNG_BARU = "63.10.01.1007", "63.10.02.2005", "63.10.02.2008"
#: What the synthetic truth says; every other village surveyed in both rounds did not change.
DESIGNED = {BATULICIN: Verdict.NAIK, PEJALA: Verdict.NAIK, KAMPUNG_BARU: Verdict.TURUN}
#: Pulau Salak was not surveyed in 2024; 63.10.01.2999 is the 2025 file's unknown code.
ONLY_2025 = {"63.10.02.2012", "63.10.01.2999"}


@pytest.fixture(scope="module")
def sample() -> SampleData:
    return sample_data()


@pytest.fixture(scope="module")
def trends(sample: SampleData) -> Trends:
    """Both rounds read from their files, as ``phbs compare --round … --villages …``."""
    villages = read_villages(sample.villages_file)
    rounds = [
        read_round(label, files, villages=villages)[0]
        for label, files in (
            (sample.baseline_label, sample.baseline_files),
            (sample.label, sample.survey_files),
        )
    ]
    return compare_rounds(rounds)


def households(files: list[Path], code: str) -> dict[str, str]:
    """``{id: "ber" | "tidak" | "belum"}`` for one village, read with the stdlib only. The
    2024 files have no broken rows; in the 2025 files a row without an id is set aside and a
    repeated id counts once (the first, docs/aturan.md §8)."""
    found: dict[str, str] = {}
    for path in files:
        text = path.read_bytes().decode("utf-8-sig")
        sep = ";" if text.splitlines()[0].count(";") > 5 else ","
        for row in csv.DictReader(text.splitlines(), delimiter=sep):
            kode = row["kode_desa"].strip()
            if "." not in kode:
                kode = f"{kode[:2]}.{kode[2:4]}.{kode[4:6]}.{kode[6:]}"
            if kode != code or row["id_rumah_tangga"] in found or not row["id_rumah_tangga"]:
                continue
            age = row["umur_anak_termuda_bulan"].strip()
            applying = [
                i
                for i in INDICATORS
                if i not in INDICATORS[:3] or (age and (i != "asi_eksklusif" or int(age) <= 6))
            ]
            answers = [row[i].strip().lower() for i in applying]
            outcome = "ber" if all(a in ("ya", "y", "1") for a in answers) else "belum"
            if any(a in ("tidak", "t", "0") for a in answers):
                outcome = "tidak"
            found[row["id_rumah_tangga"]] = outcome
    return found


def test_verdicts_are_the_designed_truth(trends: Trends) -> None:
    """Batulicin and Pejala naik, Kampung Baru turun, every other village surveyed in both
    rounds tidak berubah bermakna, Pulau Salak (and the unknown code) in 2025 only; the
    re-surveyed households say the same."""
    found = {
        a.kode: (a.persen_ber_phbs.perubahan[0].putusan, a.persen_ber_phbs.perubahan[0].alasan)
        for a in trends.wilayah
    }
    expected = {
        code: (None, Reason.TIDAK_ADA_DI_PUTARAN)
        if code in ONLY_2025
        else (DESIGNED.get(code, Verdict.TIDAK_BERUBAH), None)
        for code in found
    }
    assert found == expected
    assert len(found) == 15
    paired = {a.kode: a.transisi[0].putusan for a in trends.wilayah if a.kode not in ONLY_2025}
    assert paired == {code: DESIGNED.get(code, Verdict.TIDAK_BERUBAH) for code in paired}


def test_designed_changes_are_15_to_20_points(trends: Trends, sample: SampleData) -> None:
    """The three real changes, worked out from the files' counts: ber-PHBS over the complete
    households of each round, 15 to 20 points apart; about half of each 2024 village are
    households of 2025 (same id), all of them in the paired table."""
    for area in trends.wilayah:
        if area.kode not in DESIGNED:
            continue
        before = households(sample.baseline_files, area.kode)
        after = households(sample.survey_files, area.kode)
        shares = []
        for outcomes, value in zip((before, after), area.persen_ber_phbs.nilai, strict=True):
            ber = sum(o == "ber" for o in outcomes.values())
            complete = sum(o != "belum" for o in outcomes.values())
            assert (value.x, value.n) == (ber, complete), area.nama
            shares.append(ber / complete * 100)
        change = shares[1] - shares[0]
        assert 15 <= abs(change) <= 20, (area.nama, change)
        assert area.persen_ber_phbs.perubahan[0].perubahan == pytest.approx(change)
        both = before.keys() & after.keys()
        assert len(both) == len(before) // 2
        moved = area.transisi[0]
        complete_both = [i for i in both if "belum" not in (before[i], after[i])]
        assert moved.berpasangan == len(complete_both)
        became = sum(before[i] == "tidak" and after[i] == "ber" for i in complete_both)
        assert moved.menjadi_ber_phbs == became


def test_demo_compares_as_the_files_do(trends: Trends, sample: SampleData) -> None:
    """The demo's current round comes from its own scoring; its comparison is the one read
    from the files."""
    villages = read_villages(sample.villages_file)
    result = score(read_survey(sample.survey_files))
    demo = sample_trends(result, summarise(result, by="desa", villages=villages), villages)
    assert demo.wilayah == trends.wilayah
    best = most_improved(demo)
    assert best is not None
    assert best.kode == BATULICIN


@pytest.mark.parametrize(
    ("lang", "counts", "best"),
    [
        (
            "id",
            "2024 → 2025: 2 naik, 1 turun, 10 tidak berubah bermakna, 2 tanpa putusan "
            "(dari 15 desa/kelurahan)",
            "Paling membaik (naik bermakna): Batulicin (63.10.01.1007), {before} % → {after} %: "
            "+{change} poin (IK 95 % +",
        ),
        (
            "en",
            "2024 → 2025: 2 up, 1 down, 10 no significant change, 2 without a verdict (of 15 ",
            "Most improved (up, significant): Batulicin (63.10.01.1007), {before}% → {after}%: "
            "+{change} points (95% CI +",
        ),
    ],
)
def test_demo_writes_and_prints_the_change(
    tmp_path: Path, sample: SampleData, lang: str, counts: str, best: str
) -> None:
    """``phbs demo`` writes perubahan.csv and perubahan.json and prints how many villages
    went up, down or did not change, and the most improved one, in the run's language; the
    2024 files are copied beside the outputs for the README's ``phbs compare``."""
    out = tmp_path / "contoh"
    result = CliRunner().invoke(cli, ["demo", "--out", str(out), "--lang", lang])
    assert result.exit_code == 0, result.output
    before = households(sample.baseline_files, BATULICIN)
    after = households(sample.survey_files, BATULICIN)
    shares = [
        sum(o == "ber" for o in h.values()) / sum(o != "belum" for o in h.values()) * 100
        for h in (before, after)
    ]
    decimal = "," if lang == "id" else "."
    numbers = {
        "before": f"{shares[0]:.1f}",
        "after": f"{shares[1]:.1f}",
        "change": f"{shares[1] - shares[0]:.1f}",
    }
    shown = best.format(**{k: v.replace(".", decimal) for k, v in numbers.items()})
    assert counts in result.output
    assert shown in result.output
    with (out / "perubahan.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["kode"]: row for row in csv.DictReader(handle)}
    assert rows[BATULICIN]["putusan"] == "naik"
    assert rows[KAMPUNG_BARU]["putusan"] == "turun"
    assert rows["63.10.02.2012"]["alasan"] == "tidak_ada_di_putaran"
    document = json.loads((out / "perubahan.json").read_text(encoding="utf-8"))
    assert document["perbandingan"] == [["2024", "2025"]]
    assert [r["label"] for r in document["putaran"]] == ["2024", "2025"]
    for path in sample.baseline_files:
        assert (out / path.name).read_bytes() == path.read_bytes()

"""`phbs rank --baseline`: a rubric criterion scoring the change in % ber-PHBS from an earlier
round (docs/aturan.md §5.8 change between rounds, §7.2 rubric sources).

Two rounds built from the bundled sample: the current round is the sample survey (Puskesmas
Batulicin and Kusan Hilir); the baseline is a copy of the Batulicin file in which every
household of Segumbang answers "0" to *tidak merokok*. By hand: in the baseline no household
of Segumbang is ber-PHBS (the indicator applies to every household and is not met), so its
change is its current % ber-PHBS minus 0; every other Batulicin village has the same rows in
both rounds, a change of exactly 0; the Kusan Hilir villages are not in the baseline and
have no change.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from phbs.cli.root import cli
from phbs.contest.rubric_loading import bundled_rubrics
from phbs.demo.contest import contest_sample
from phbs.demo.data import sample_data

SURVEY = ["survei-puskesmas-batulicin.csv", "survei-puskesmas-kusan-hilir.csv"]
CONTEST = ["--judges", "juri-lomba.csv", "--attributes", "atribut-desa.csv"]
SEGUMBANG, BATULICIN, KOTA_PAGATAN = "63.10.01.2005", "63.10.01.1007", "63.10.02.1001"
#: The change, mapped linearly −10 → 0, +20 → 100 (docs/aturan.md §7.2).
CHANGE = {
    "id": "peningkatan_ber_phbs",
    "name": "Peningkatan % ber-PHBS",
    "name_en": "Improvement in % PHBS",
    "reference": "ASUMSI: uji",
    "source": {
        "type": "survey",
        "measure": "perubahan_persen_ber_phbs",
        "mapping": {"type": "linear", "low": -10, "high": 20},
    },
}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample survey and contest files, the baseline and a rubric with the change."""
    sample, contest = sample_data(), contest_sample()
    for path in [*sample.survey_files, contest.judges_file, contest.attributes_file]:
        shutil.copy(path, tmp_path / path.name)
    lines = (tmp_path / SURVEY[0]).read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(";")
    smoking, code = header.index("tidak_merokok"), header.index("kode_desa")
    rows = [line.split(";") for line in lines[1:]]
    for row in rows:
        if row[code] == SEGUMBANG:
            row[smoking] = "0"
    text = "\n".join([lines[0], *(";".join(row) for row in rows)]) + "\n"
    (tmp_path / "dasar-batulicin.csv").write_text(text, encoding="utf-8")
    rubric = yaml.safe_load(bundled_rubrics()["lomba-desa-ber-phbs"].read_text(encoding="utf-8"))
    rubric["id"] = "uji-peningkatan"
    next(g for g in rubric["groups"] if g["id"] == "keluaran")["criteria"].append(CHANGE)
    (tmp_path / "rubrik.yaml").write_text(yaml.safe_dump(rubric, allow_unicode=True), "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def rank(*more: str) -> Result:
    return run("rank", "--survey", *SURVEY, "--rubric", "rubrik.yaml", *CONTEST, *more)


def rows_of(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["kode_desa"]: row for row in csv.DictReader(handle)}


def test_rank_scores_the_change_from_the_baseline(folder: Path) -> None:
    result = rank("--baseline", "2024=dasar-batulicin.csv", "-o", "peringkat.csv")
    # Villages without a change are not ranked: an error of the data, exit 1 (the ranking
    # is still written), as for any missing survey measure (§7.3).
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    said = (
        "Kriteria “Peningkatan % ber-PHBS” memakai perubahan % ber-PHBS dari putaran 2024 ke "
        "putaran terkini (poin persen)."
    )
    assert said in result.output
    assert "desa tidak disurvei di putaran 2024" in result.output
    rows = rows_of(folder / "peringkat.csv")
    segumbang, batulicin = rows[SEGUMBANG], rows[BATULICIN]
    # Segumbang: baseline 0 %, so the change is its current % ber-PHBS (the as-is criterion).
    assert float(segumbang["perubahan_persen_ber_phbs"]) == pytest.approx(
        float(segumbang["persen_ber_phbs"])
    )
    # Above +20 the linear mapping gives 100 (34 pp > 20).
    assert float(segumbang["peningkatan_ber_phbs"]) == 100.0
    # Batulicin: the same rows in both rounds, change 0, score (0 + 10)/30 × 100 = 33.33…
    assert float(batulicin["perubahan_persen_ber_phbs"]) == 0.0
    assert float(batulicin["peningkatan_ber_phbs"]) == pytest.approx(100 / 3)
    assert batulicin["perubahan_putaran"] == "2024 → terkini"
    # Kota Pagatan (Kusan Hilir) is not in the baseline: no change, not ranked, a note why.
    pagatan = rows[KOTA_PAGATAN]
    assert pagatan["peringkat"] == ""
    assert pagatan["perubahan_persen_ber_phbs"] == ""
    assert "tidak disurvei di putaran 2024" in pagatan["catatan"]


def test_rank_json_names_the_rounds_and_the_baseline_files(folder: Path) -> None:
    result = rank(
        "--baseline", "2024=dasar-batulicin.csv", "--label", "2025", "-o", "peringkat.json"
    )
    assert result.exit_code == 1, result.output
    document = json.loads((folder / "peringkat.json").read_text(encoding="utf-8"))
    change = document["pengaturan"]["perubahan"]
    assert (change["dari"], change["ke"]) == ("2024", "2025")
    assert change["kriteria"] == ["peningkatan_ber_phbs"]
    roles = {r["berkas"]: r["peran"] for r in document["berkas_masukan"]}
    assert roles["dasar-batulicin.csv"] == "putaran_dasar"


def test_rank_incomplete_ranks_the_villages_without_a_change(folder: Path) -> None:
    result = rank(
        "--baseline",
        "2024=dasar-batulicin.csv",
        "--rank-incomplete",
        "-o",
        "p.csv",
        "--lang",
        "en",
    )
    assert "from round 2024 to round current" in result.output
    rows = rows_of(folder / "p.csv")
    assert rows[KOTA_PAGATAN]["peringkat"] != ""
    assert "counted as 0" in rows[KOTA_PAGATAN]["catatan"]


def test_a_baseline_summary_json_is_a_round_on_its_own(folder: Path) -> None:
    """The baseline as the village summary of an earlier ``phbs score -o``: the same changes
    as from its survey file."""
    scored = run("score", "dasar-batulicin.csv", "--by", "desa", "-o", "dasar.json")
    assert scored.exit_code in (0, 1), scored.output
    from_json = rank("--baseline", "2024=dasar.json", "-o", "dari-json.csv")
    from_csv = rank("--baseline", "2024=dasar-batulicin.csv", "-o", "dari-csv.csv")
    assert from_json.exit_code == from_csv.exit_code == 1
    json_rows, csv_rows = rows_of(folder / "dari-json.csv"), rows_of(folder / "dari-csv.csv")
    for code in (SEGUMBANG, BATULICIN, KOTA_PAGATAN):
        assert (
            json_rows[code]["perubahan_persen_ber_phbs"]
            == (csv_rows[code]["perubahan_persen_ber_phbs"])
        )


def test_the_change_without_a_baseline_is_refused_in_one_line(folder: Path) -> None:
    result = rank()
    assert result.exit_code == 2, result.output
    message = [line for line in result.output.splitlines() if "perubahan_persen_ber_phbs" in line]
    assert len(message) == 1
    assert "--baseline LABEL=BERKAS" in message[0]


@pytest.mark.parametrize(
    ("more", "said"),
    [
        (["--label", "2025"], "hanya bersama --baseline"),
        (["--code-changes", "kode.csv"], "hanya bersama --baseline"),
        (["--baseline", "dasar-batulicin.csv"], "tulis LABEL=BERKAS"),
        (
            ["--baseline", "2023=dasar-batulicin.csv", "--baseline", "2024=dasar-batulicin.csv"],
            "satu putaran dasar saja",
        ),
    ],
)
def test_baseline_options_used_wrongly_are_refused(
    folder: Path, more: list[str], said: str
) -> None:
    result = rank(*more)
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert "Traceback" not in result.output


def test_code_changes_line_a_renamed_village_up(folder: Path) -> None:
    """Segumbang surveyed under another code in the baseline (63.10.01.2030, a real code of
    the same kecamatan, §9.2): without the code-change file it has no change; with the row
    63.10.01.2030 → 63.10.01.2005 it has the same change as under its own code."""
    old = "63.10.01.2030"
    text = (folder / "dasar-batulicin.csv").read_text(encoding="utf-8")
    (folder / "dasar-kode-lama.csv").write_text(text.replace(SEGUMBANG, old), encoding="utf-8")
    (folder / "kode.csv").write_text(f"kode_lama,kode_baru\n{old},{SEGUMBANG}\n", "utf-8")
    same_code = rank("--baseline", "2024=dasar-batulicin.csv", "-o", "sama.csv")
    unjoined = rank("--baseline", "2024=dasar-kode-lama.csv", "-o", "lepas.csv")
    joined = rank(
        "--baseline", "2024=dasar-kode-lama.csv", "--code-changes", "kode.csv", "-o", "gabung.csv"
    )
    assert same_code.exit_code == unjoined.exit_code == joined.exit_code == 1
    assert rows_of(folder / "lepas.csv")[SEGUMBANG]["perubahan_persen_ber_phbs"] == ""
    assert (
        rows_of(folder / "gabung.csv")[SEGUMBANG]["perubahan_persen_ber_phbs"]
        == (rows_of(folder / "sama.csv")[SEGUMBANG]["perubahan_persen_ber_phbs"])
    )

"""A file of one village without a village column, read with ``--desa`` or the mapping key
``desa`` (docs/aturan.md §9.4).

The survey of every test is four households of Desa Segumbang (63.10.01.2005) typed without
a village column. Worked by hand from their answers: H1 and H4 answer Ya wherever the
indicator applies (ber-PHBS), H2 has a Tidak (tidak ber-PHBS), H3 a blank cell (belum
lengkap); 4 surveyed, 2 ber-PHBS, 1 tidak, 1 belum lengkap, % ber-PHBS = 2 / 3 = 66.7.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import HEADER, SEGUMBANG, household, write_csv, write_xlsx

from phbs.cli.root import cli
from phbs.errors import SettingsError
from phbs.forms.loading import load_form
from phbs.i18n import t
from phbs.ingest.map_text import map_text
from phbs.ingest.mapping import load_map
from phbs.ingest.propose import propose
from phbs.ingest.settings import ReadSettings
from phbs.ingest.validate import read_survey
from phbs.regions import village_option
from phbs.web.answers import answered, questions, typed_ok
from phbs.web.hints import option_hints

SPECS = {"H1": "---YYYYYYY", "H2": "---YYYTYYY", "H3": "---YYYY.YY", "H4": "---YYYYYYY"}
#: (surveyed, ber-PHBS, tidak, belum lengkap, % ber-PHBS) worked by hand above.
WORKED = (4, 2, 1, 1, 66.7)
NO_VILLAGE = [c for c in HEADER if c != "kode_desa"]


def rows(village: bool = False) -> list[list[str]]:
    made = [household(h, SEGUMBANG, "", spec) for h, spec in SPECS.items()]
    if village:
        return [HEADER, *made]
    return [NO_VILLAGE, *[[r[0], *r[2:]] for r in made]]


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def scored(path: Path, *options: str | Path) -> Any:
    out = path.with_suffix(".json")
    done = invoke("score", path, "-o", out, *options)
    assert done.exit_code == 0, done.output
    return json.loads(out.read_text(encoding="utf-8"))


def worked(report: Any) -> tuple[object, ...]:
    (area,) = report["wilayah"]
    keys = ("rumah_tangga_disurvei", "ber_phbs", "tidak_ber_phbs", "belum_lengkap")
    return (*(area[k] for k in keys), round(area["persen_ber_phbs"], 1))


@pytest.mark.parametrize("code", [SEGUMBANG, "6310012005", "63 10 01 2005"])
def test_every_row_is_the_village_given(tmp_path: Path, code: str) -> None:
    """§9.4: the numbers worked by hand, the village named in the file's reading, and the
    file's columns listed without a kode_desa column it does not have."""
    survey = write_csv(tmp_path / "satu-desa.csv", rows())
    report = scored(survey, "--desa", code)
    assert worked(report) == WORKED
    (area,) = report["wilayah"]
    assert (area["kode"], area["nama"]) == (SEGUMBANG, "Segumbang")
    (source,) = report["berkas_masukan"]
    reading = source["cara_baca"]
    assert reading["desa_setiap_baris"] == SEGUMBANG
    assert "kode_desa" not in reading["kolom"]
    shown = invoke("score", survey, "--desa", code)
    assert "desa diberikan: setiap baris 63.10.01.2005 Desa Segumbang" in shown.output
    assert "--desa 63.10.01.2005" in shown.output  # the validate command it suggests


def test_the_same_as_the_file_with_the_column(tmp_path: Path) -> None:
    """§9.4: read as if the file had a kode_desa column holding the code in every row."""
    alone = write_csv(tmp_path / "tanpa.csv", rows())
    full = write_csv(tmp_path / "dengan.csv", rows(village=True))
    assert worked(scored(alone, "--desa", SEGUMBANG)) == worked(scored(full)) == WORKED


def test_a_workbook_and_a_duplicate_row(tmp_path: Path) -> None:
    """§9.4 and §8.2: a workbook reads the same; a row typed twice is found (the second
    reading of the file, for duplicates, adds the village too) and set aside."""
    data = rows()
    book = write_xlsx(tmp_path / "satu-desa.xlsx", {"Data": [*data, data[1]]})
    report = scored(book, "--desa", SEGUMBANG)
    assert worked(report) == WORKED
    assert [i["kode"] for i in report["masalah"] if i["kode"] == "baris-ganda"] == ["baris-ganda"]


def test_a_village_column_of_the_file_is_filled_never_overwritten(tmp_path: Path) -> None:
    """§9.4: a file with its own village column is read with the village given where a cell
    is blank (a kader who typed the code in the first row only) or holds that village; a row
    naming another village stops the run (the option never overrules the file)."""
    full = rows(village=True)
    once = [full[0], full[1], *[[r[0], "", *r[2:]] for r in full[2:]]]
    survey = write_csv(tmp_path / "sekali.csv", once)
    report = scored(survey, "--desa", SEGUMBANG)
    assert worked(report) == WORKED
    (source,) = report["berkas_masukan"]
    assert source["cara_baca"]["kolom"]["kode_desa"] == "kode_desa"  # the file's own
    other = [*once[:3], [once[3][0], "63.10.01.2006", *once[3][2:]], *once[4:]]
    mixed = write_csv(tmp_path / "campur.csv", other)
    done = invoke("score", mixed, "--desa", SEGUMBANG, "-o", tmp_path / "campur.json")
    assert done.exit_code == 2
    assert "baris 4: kolom 'kode_desa' berisi '63.10.01.2006', bukan desa" in done.output
    assert "Traceback" not in done.output
    assert not (tmp_path / "campur.json").exists()  # nothing written


@pytest.mark.parametrize(
    ("code", "said"),
    [
        ("63.10.01.205", "bukan kode desa Kemendagri"),
        ("63.10.01.2999", "tidak ada di tabel kode wilayah"),
        ("Segumbang", "bukan kode desa Kemendagri"),
    ],
)
def test_a_wrong_code_is_refused_before_reading(tmp_path: Path, code: str, said: str) -> None:
    """§9.4: a malformed code (§9.1) or one the table does not have (§9.2) is refused."""
    survey = write_csv(tmp_path / "satu-desa.csv", rows())
    done = invoke("score", survey, "--desa", code)
    assert done.exit_code == 2
    assert said in done.output
    with pytest.raises(SettingsError):
        village_option(code)


def test_without_the_option_the_message_names_it(tmp_path: Path) -> None:
    """§9.4 and §6.1: the missing village column's message says how to read such a file, and
    the page of ``phbs web`` says where it offers that."""
    survey = write_csv(tmp_path / "satu-desa.csv", rows())
    done = invoke("score", survey)
    assert done.exit_code == 1
    assert "'kode_desa' tidak ditemukan" in done.output
    assert "Berkas satu desa tanpa kolom desa: --desa KODE" in done.output
    (hint,) = [h for h in option_hints(done.output, "id") if "--desa" in h]
    assert f"{t('web.reading', 'id')} → {t('web.village', 'id')}" in hint


def _mapping(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "peta.yaml"
    path.write_text("phbs_map: 1\n" + text, encoding="utf-8")
    return path


def test_the_mapping_key(tmp_path: Path) -> None:
    """§9.4 and §6.5: ``desa`` in a mapping reads as ``--desa``; with another village on the
    command line, or a code not in the table, it is refused."""
    survey = write_csv(tmp_path / "satu-desa.csv", rows())
    peta = _mapping(tmp_path, f'desa: "{SEGUMBANG}"\n')
    assert worked(scored(survey, "--map", peta)) == WORKED
    assert worked(scored(survey, "--map", peta, "--desa", "6310012005")) == WORKED
    other = invoke("score", survey, "--map", peta, "--desa", "63.10.01.2006")
    assert other.exit_code == 2
    assert "pilih satu" in other.output
    unknown = _mapping(tmp_path, 'desa: "63.10.01.2999"\n')
    done = invoke("score", survey, "--map", unknown)
    assert done.exit_code == 2
    assert "desa: 63.10.01.2999" in done.output


def test_phbs_map_asks_and_keeps_the_answer(tmp_path: Path) -> None:
    """§9.4 and §6.5: ``phbs map`` on a file without a village column says how to give the
    village; a mapping that gives it is proposed again with ``desa`` and no question."""
    survey = write_csv(tmp_path / "satu-desa.csv", rows())
    form = load_form("kemenkes-rt-10").form
    first = map_text(propose(survey, form), "phbs score")
    assert '# desa: "PP.KK.CC.DDDD"' in first
    assert 'kode_desa: "?"' in first
    answered_text = first.replace('# desa: "PP.KK.CC.DDDD"', f'desa: "{SEGUMBANG}"')
    peta = tmp_path / "peta.yaml"
    peta.write_text(answered_text, encoding="utf-8")
    start = load_map(peta).map  # answered: kode_desa's "?" with desa given is no question
    again = map_text(propose(survey, form, start=start), "phbs score")
    assert f'desa: "{SEGUMBANG}"' in again
    assert "kode_desa" not in again.split("columns:")[1].split("\n\n")[0]
    peta.write_text(again, encoding="utf-8")
    assert worked(scored(survey, "--map", peta)) == WORKED


def test_the_map_page_asks_for_the_code(tmp_path: Path) -> None:
    """§9.4: the map page of ``phbs web`` asks for the village of a file without a village
    column as a typed code, refuses one the table does not have, and writes ``desa`` as a
    person writes it in ``peta.yaml``."""
    survey = write_csv(tmp_path / "satu-desa.csv", rows())
    form = load_form("kemenkes-rt-10").form
    proposal = propose(survey, form)
    asked = questions(proposal, "id")
    (village,) = [q for q in asked if q.kind == "village"]
    assert village.typed
    assert not typed_ok("village", "63.10.01.2999")
    assert typed_ok("village", "6310012005")
    peta = tmp_path / "peta.yaml"
    peta.write_text(map_text(proposal, "phbs score"), encoding="utf-8")
    current = load_map(peta, questions=True).map
    data = answered(current, asked, {village.name: "6310012005"})
    assert data["desa"] == SEGUMBANG


def test_one_code_for_several_files_is_refused(tmp_path: Path) -> None:
    """§9.4: ``--desa KODE`` with two files would make one village of both (one file per
    village is the common case): refused, each file given its own with ``--desa
    BERKAS=KODE``; the numbers of each are then those of the file alone."""
    first = write_csv(tmp_path / "satu.csv", rows())
    second = write_csv(
        tmp_path / "dua.csv", [rows()[0], *[[f"B{r[0]}", *r[1:]] for r in rows()[1:]]]
    )
    done = invoke("score", first, second, "--desa", SEGUMBANG)
    assert done.exit_code == 2
    assert "satu desa untuk 2 berkas" in done.output
    report = scored(first, second, f"--desa={first}={SEGUMBANG}", f"--desa={second}=6310012006")
    by_code = {a["kode"]: a for a in report["wilayah"]}
    assert sorted(by_code) == [SEGUMBANG, "63.10.01.2006"]
    assert by_code["63.10.01.2006"]["ber_phbs"] == by_code[SEGUMBANG]["ber_phbs"] == 2
    peta = _mapping(tmp_path, f'desa: "{SEGUMBANG}"\n')
    shared = invoke("score", first, second, "--map", peta)
    assert shared.exit_code == 2
    assert "satu desa untuk 2 berkas" in shared.output


def test_names_that_contradict_the_code_are_refused(tmp_path: Path) -> None:
    """§9.4: a column of village names that mostly names another village than the code given
    is refused (a typo in the code would move every household); names of the village given
    are read as usual."""
    header = ["id_rumah_tangga", "nama_desa", *NO_VILLAGE[1:]]
    typed = [[r[0], "Kersik Putih", *r[1:]] for r in rows()[1:]]
    survey = write_csv(tmp_path / "nama.csv", [header, *typed])
    done = invoke("score", survey, "--desa", SEGUMBANG)
    assert done.exit_code == 2
    assert "menyebut desa 'Kersik Putih' (4 dari 4 baris" in done.output
    assert worked(scored(survey, "--desa", "63.10.01.2006"))[:4] == WORKED[:4]


def test_the_option_answers_the_mappings_village_column(tmp_path: Path) -> None:
    """§9.4: a mapping ``phbs map`` wrote, still asking for the village's column, is read
    with ``--desa`` (which answers it) and refused without."""
    survey = write_csv(tmp_path / "satu-desa.csv", rows())
    form = load_form("kemenkes-rt-10").form
    peta = tmp_path / "peta.yaml"
    peta.write_text(map_text(propose(survey, form), "phbs score"), encoding="utf-8")
    assert invoke("score", survey, "--map", peta).exit_code == 2
    assert worked(scored(survey, "--map", peta, "--desa", SEGUMBANG)) == WORKED


def test_the_library_checks_the_code_too(tmp_path: Path) -> None:
    """§9.4: ``ReadSettings(village=...)`` is checked as ``--desa`` is, before any row."""
    survey = write_csv(tmp_path / "satu-desa.csv", rows())
    for code in ("63.10.01.2999", "63.10.01", "abc"):
        with pytest.raises(SettingsError):
            read_survey([survey], settings=ReadSettings(village=code))
    with pytest.raises(SettingsError, match=r"63\.10\.01 adalah Kecamatan Batu Licin"):
        village_option("63.10.01")


def test_a_code_without_quotes_in_a_mapping_and_rank_says_how_it_read(tmp_path: Path) -> None:
    """§9.4 and §6.5: ``desa: 6310012005`` (YAML reads a number) is the code; ``phbs rank``
    says how the file was read on screen and in its JSON, as ``phbs score`` does."""
    survey = write_csv(tmp_path / "satu-desa.csv", rows())
    peta = _mapping(tmp_path, "desa: 6310012005\n")
    assert worked(scored(survey, "--map", peta)) == WORKED
    sample = Path(__file__).resolve().parents[2] / "phbs" / "data" / "contoh"
    out = tmp_path / "peringkat.json"
    done = invoke(
        *("rank", "--survey", survey, "--desa", SEGUMBANG, "-o", out),
        *("--judges", sample / "juri-lomba.csv", "--attributes", sample / "atribut-desa.csv"),
    )
    assert "desa diberikan: setiap baris 63.10.01.2005 Desa Segumbang" in done.output
    records = json.loads(out.read_text(encoding="utf-8"))["berkas_masukan"]
    (read,) = [r for r in records if r["peran"] == "survei"]
    assert read["cara_baca"]["desa_setiap_baris"] == SEGUMBANG


def test_a_village_recap_is_not_read_with_a_village(tmp_path: Path) -> None:
    """§9.4 and §6.7: a recap's rows are villages, each with its code: ``--desa`` is refused."""
    sample = Path(__file__).resolve().parents[2] / "phbs" / "data" / "contoh"
    done = invoke(
        *("score", sample / "rekap-puskesmas-kusan-hilir.xlsx", "--desa", "63.10.02.1001"),
        *("--map", sample / "peta-rekap-puskesmas-kusan-hilir.yaml"),
    )
    assert done.exit_code == 2
    assert "rekap desa (satu baris per desa) tidak dibaca dengan --desa" in done.output


def test_a_code_in_the_first_row_only(tmp_path: Path) -> None:
    """§9.4 and §6.5: ``phbs map`` on a file whose village code is typed in the first row only
    proposes no rows to skip (they are households, not a footer) and asks for the village;
    the page of ``phbs web`` asks too; ``--desa`` then reads every household."""
    full = rows(village=True)
    once = write_csv(
        tmp_path / "sekali.csv", [full[0], full[1], *[[r[0], "", *r[2:]] for r in full[2:]]]
    )
    form = load_form("kemenkes-rt-10").form
    proposal = propose(once, form)
    assert proposal.skip_rows == []
    assert proposal.village_blank
    assert '# desa: "PP.KK.CC.DDDD"' in map_text(proposal, "phbs score")
    assert [q.kind for q in questions(proposal, "id")] == ["village"]
    peta = tmp_path / "peta.yaml"
    peta.write_text(map_text(proposal, "phbs score"), encoding="utf-8")
    assert worked(scored(once, "--map", peta, "--desa", SEGUMBANG)) == WORKED


def test_a_row_naming_another_village_stops_the_run(tmp_path: Path) -> None:
    """§9.4: a name of another village of the kabupaten in the names column stops the run at
    that row (a file of several villages); a name no village has (a typo) is a warning."""
    header = ["id_rumah_tangga", "nama_desa", *NO_VILLAGE[1:]]
    names = ["Segumbang", "Segumbang", "Segumbang", "Kersik Putih"]
    typed = [[r[0], name, *r[1:]] for r, name in zip(rows()[1:], names, strict=True)]
    survey = write_csv(tmp_path / "nama.csv", [header, *typed])
    done = invoke("score", survey, "--desa", SEGUMBANG)
    assert done.exit_code == 2
    assert "baris 5: kolom 'nama_desa' menyebut desa 'Kersik Putih'" in done.output
    typo = [*typed[:3], [typed[3][0], "Segumbng", *typed[3][2:]]]
    report = scored(write_csv(tmp_path / "salah-ketik.csv", [header, *typo]), "--desa", SEGUMBANG)
    assert worked(report) == WORKED
    assert [i["kode"] for i in report["masalah"]].count("nama-desa-berbeda") == 1


def test_a_malformed_code_in_the_files_column_and_a_file_not_read(tmp_path: Path) -> None:
    """§9.4: a malformed code in the file's own column stops the run at its row, saying to
    correct or empty the cell; ``--desa BERKAS=KODE`` for a file not read is refused."""
    full = rows(village=True)
    bad = [*full[:2], [full[2][0], "63.10.1.2005", *full[2][2:]], *full[3:]]
    done = invoke("score", write_csv(tmp_path / "salah.csv", bad), "--desa", SEGUMBANG)
    assert done.exit_code == 2
    assert "baris 3: kolom 'kode_desa' berisi '63.10.1.2005', bukan kode desa yang sah" in (
        done.output
    )
    survey = write_csv(tmp_path / "satu-desa.csv", rows())
    typo = invoke("score", survey, f"--desa={tmp_path / 'satu-dsa.csv'}={SEGUMBANG}")
    assert typo.exit_code == 2
    assert "satu-dsa.csv=…: berkas itu tidak dibaca" in typo.output

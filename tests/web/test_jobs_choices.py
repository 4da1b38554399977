"""The local page's job with the choices beyond the reading defaults: a rubric file of the
district's own, the rank's sureness (``--bootstrap``, ``--seed``, ``--resample-judges``,
``--weight-sensitivity``), the minutes' details, the report's title and target, and the
reading options ``--desa``, ``--not-collected``, ``--na-policy``.

Every expected file comes from ``phbs rank``, ``phbs report`` or ``phbs score`` run through
click's runner on the same files with the same options, never from the job's own code.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from phbs.cli.root import cli
from phbs.contest.assessment import UncertaintyOptions
from phbs.demo.contest import contest_sample
from phbs.demo.data import sample_data
from phbs.errors import SettingsError
from phbs.reports.panel import MinutesDetails
from phbs.resources import resource_dir
from phbs.web.jobs import JobResult, run_job
from phbs.web.spec import JobSpec

MINUTES = ["--place", "Aula Dinas Kesehatan Batulicin", "--date", "2025-10-20"]
MINUTES += ["--chair", "dr. Rahmawati", "--judge", "Juri Satu", "--judge", "Juri Dua"]
MINUTES += ["--contest-level", "Kabupaten Tanah Bumbu", "--year", "2025"]
SURENESS = ["--bootstrap", "40", "--seed", "7", "--resample-judges"]
SURENESS += ["--weight-sensitivity", "30"]


def _cli(*args: object) -> tuple[int, str, str]:
    done = CliRunner().invoke(cli, [str(a) for a in args])
    return done.exit_code, done.stdout, done.stderr


def _own_rubric(folder: Path) -> Path:
    """The bundled rubric as a district would change it: the process group weighs 5."""
    source = resource_dir("survey_forms") / "rubrics" / "lomba-desa-ber-phbs.yaml"
    text = source.read_text(encoding="utf-8")
    changed = text.replace("    weight: 4\n", "    weight: 5\n", 1)
    assert changed != text
    path = folder / "rubrik-tanah-bumbu.yaml"
    path.write_text(changed.replace("id: lomba-desa-ber-phbs", "id: lomba-tanah-bumbu"), "utf-8")
    return path


def _copy(sources: list[Path], folder: Path) -> list[Path]:
    return [Path(shutil.copy(source, folder / source.name)) for source in sources]


@pytest.fixture(scope="module")
def contest(tmp_path_factory: pytest.TempPathFactory) -> tuple[JobSpec, JobResult, Path]:
    """The sample ranked by a rubric file with the rank's sureness and the minutes' details,
    and the command line's files for the same (in ``cli``)."""
    folder = tmp_path_factory.mktemp("job")
    sample, given = sample_data(), contest_sample()
    survey = _copy(sample.survey_files, folder)
    villages, judges, attributes, overrides = _copy(
        [sample.villages_file, given.judges_file, given.attributes_file, given.overrides_file],
        folder,
    )
    spec = JobSpec(
        folder=folder,
        survey=tuple(survey),
        villages=villages,
        rubric=_own_rubric(folder),
        judges=judges,
        attributes=attributes,
        overrides=overrides,
        title="Hasil PHBS Tanah Bumbu 2025",
        target=65.0,
        uncertainty=UncertaintyOptions(
            bootstrap=40, seed=7, resample_judges=True, weight_sensitivity=30
        ),
        minutes=MinutesDetails(
            place="Aula Dinas Kesehatan Batulicin",
            date=datetime.date(2025, 10, 20),
            chair="dr. Rahmawati",
            judges=("Juri Satu", "Juri Dua"),
            level="Kabupaten Tanah Bumbu",
            year=2025,
        ),
    )
    result = run_job(spec)
    out = tmp_path_factory.mktemp("cli")
    names = [p.name for p in survey]
    files = ["--villages", villages.name, "--rubric", "rubrik-tanah-bumbu.yaml"]
    files += ["--judges", judges.name, "--attributes", attributes.name]
    files += ["--overrides", overrides.name]
    with contextlib.chdir(folder):  # the files named as the job names them
        ranked = _cli("rank", "--survey", *names, *files, *SURENESS, "-o", out / "peringkat.csv")
        assert ranked[0] == 0, ranked[2]
        (out / "rank.txt").write_text(ranked[1], encoding="utf-8")
        report: list[object] = ["--title", "Hasil PHBS Tanah Bumbu 2025", "--target", "65"]
        report += ["--minutes", out / "berita-acara.html", "--html", out / "laporan.html"]
        reported = _cli("report", "--survey", *names, *files, *SURENESS, *MINUTES, *report)
        assert reported[0] == 0, reported[2]
    return spec, result, out


def _text(path: Path) -> str:
    """A page's words without its markup, its script and the time it was made."""
    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    words = re.sub(r"<[^>]+>", " ", page)
    words = re.sub(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d)?", "WAKTU", words)
    return " ".join(words.split())


def test_the_ranking_csv_with_its_sureness_is_that_of_phbs_rank(
    contest: tuple[JobSpec, JobResult, Path],
) -> None:
    """docs/aturan.md §7.8: the rank bootstrap and the weight sensitivity, seeded."""
    spec, _result, out = contest
    job = (spec.folder / "peringkat.csv").read_bytes()
    assert job == (out / "peringkat.csv").read_bytes()
    header = next(csv.reader(job.decode("utf-8").splitlines()))
    assert {"peringkat_median", "peringkat_bawah", "peringkat_atas", "p_pertama"} <= set(header)


def test_the_rubric_file_is_the_one_ranked_with(
    contest: tuple[JobSpec, JobResult, Path],
) -> None:
    _spec, result, _out = contest
    assert result.ranking is not None
    assert result.ranking.rubrik_id == "lomba-tanah-bumbu"
    # The process group weighs 5 in the district's file, 4 in the bundled rubric: its
    # criteria weigh a quarter more than phbs rank gives them with the bundled one.
    contest_files = [_spec.judges, _spec.attributes, _spec.overrides]
    judges, attributes, overrides = (str(p) for p in contest_files)
    given = ["--judges", judges, "--attributes", attributes, "--overrides", overrides]
    bundled = _cli("rank", "--survey", *_spec.survey, *given, "-o", _out / "bundled.json")
    assert bundled[0] == 0, bundled[2]
    weights = json.loads((_out / "bundled.json").read_text(encoding="utf-8"))["pengaturan"]["bobot"]
    for code, weight in result.ranking.bobot.items():
        factor = 5 / 4 if result.ranking.kelompok[code] == "proses" else 1
        assert weight == pytest.approx(weights[code] * factor)


def test_the_page_shows_the_sureness_phbs_rank_prints(
    contest: tuple[JobSpec, JobResult, Path],
) -> None:
    from phbs.reports.uncertainty import uncertainty_text

    _spec, result, out = contest
    assert result.ranking is not None
    assert result.uncertainty is not None
    printed = (out / "rank.txt").read_text(encoding="utf-8")
    table = uncertainty_text(result.ranking, result.uncertainty, "id")
    assert table in printed


def test_the_minutes_and_report_are_those_of_phbs_report(
    contest: tuple[JobSpec, JobResult, Path],
) -> None:
    spec, _result, out = contest
    minutes = _text(spec.folder / "berita-acara.html")
    assert minutes == _text(out / "berita-acara.html")
    for detail in ("Aula Dinas Kesehatan Batulicin", "dr. Rahmawati", "Juri Satu", "Juri Dua"):
        assert detail in minutes
    assert "Kabupaten Tanah Bumbu" in minutes
    assert _text(spec.folder / "laporan.html") == _text(out / "laporan.html")
    assert "Hasil PHBS Tanah Bumbu 2025" in _text(spec.folder / "laporan.html")


@pytest.mark.parametrize(
    "changes",
    [
        {"uncertainty": UncertaintyOptions(bootstrap=10)},
        {"uncertainty": UncertaintyOptions(shrink=True)},
        {"judges": contest_sample().judges_file},
    ],
)
def test_a_contest_choice_without_a_rubric_is_refused_as_phbs_report_refuses_it(
    tmp_path: Path, changes: dict[str, object]
) -> None:
    survey = _copy(sample_data().survey_files, tmp_path)
    spec = JobSpec(folder=tmp_path, survey=tuple(survey), **changes)  # type: ignore[arg-type]
    with pytest.raises(SettingsError) as refused:
        run_job(spec)
    assert "--rubric" in refused.value.message("id")
    assert {p.name for p in tmp_path.iterdir()} == {p.name for p in survey}


def test_the_minutes_details_method_and_tick_without_a_rubric_are_not_read(
    tmp_path: Path,
) -> None:
    """As ``phbs report --place … --method topsis --rank-incomplete`` without ``--rubric``:
    the report is written, no ranking, no minutes."""
    survey = _copy(sample_data().survey_files, tmp_path)
    spec = JobSpec(
        folder=tmp_path,
        survey=tuple(survey),
        minutes=MinutesDetails(place="Aula"),
        method="topsis",
        rank_incomplete=True,
    )
    result = run_job(spec)
    assert result.ranking is None
    assert "berita-acara.html" not in {d.name for d in result.downloads}
    with contextlib.chdir(tmp_path):
        given = ["--place", "Aula", "--method", "topsis", "--rank-incomplete"]
        code, _printed, err = _cli("report", "--survey", *survey, *given, "--html", "x.html")
    assert code == 0, err


def _one_village(folder: Path) -> Path:
    """The rows of Batulicin (63.10.01.1007) of the sample without the village columns, as a
    kader's sheet of one village is typed, and without the latrine question (not asked)."""
    source = sample_data().survey_files[0]
    with source.open(encoding="utf-8-sig", newline="") as handle:
        read = csv.DictReader(handle, delimiter=";")
        rows = [r for r in read if r["kode_desa"] == "63.10.01.1007"]
    assert rows
    path = folder / "batulicin.csv"
    drop = {"kode_desa", "nama_desa", "jamban_sehat"}
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, [k for k in rows[0] if k not in drop])
        writer.writeheader()
        writer.writerows({k: v for k, v in r.items() if k not in drop} for r in rows)
    return path


def test_reading_options_give_the_summary_of_phbs_score(tmp_path: Path) -> None:
    """docs/aturan.md §9.4 (--desa), §3.2 (--na-policy) and the indicators not collected."""
    survey = _one_village(tmp_path)
    spec = JobSpec(
        folder=tmp_path,
        survey=(survey,),
        village="63.10.01.1007",
        not_collected=("jamban_sehat",),
        na_policy="as_met",
    )
    result = run_job(spec)
    assert [a.kode for a in result.areas.wilayah] == ["63.10.01.1007"]
    out = tmp_path / "cli"
    out.mkdir()
    options: list[object] = ["--desa", "63.10.01.1007", "--not-collected", "jamban_sehat"]
    options += ["--na-policy", "as_met", "-o", out / "ringkasan.csv"]
    with contextlib.chdir(tmp_path):
        code, _printed, err = _cli("score", survey.name, *options)
    assert code == 0, err
    assert (tmp_path / "ringkasan.csv").read_bytes() == (out / "ringkasan.csv").read_bytes()
    said = " ".join(result.said["id"].reading)
    assert "63.10.01.1007" in said
    assert "jamban_sehat" in said


def test_a_malformed_village_code_is_refused_in_the_command_lines_words(tmp_path: Path) -> None:
    survey = _one_village(tmp_path)
    with pytest.raises(SettingsError) as refused:
        run_job(JobSpec(folder=tmp_path, survey=(survey,), village="63.10.01.99"))
    with contextlib.chdir(tmp_path):
        code, _printed, err = _cli("score", survey.name, "--desa", "63.10.01.99")
    assert code == 2
    assert refused.value.message("id") in err


def test_the_interval_method_and_level_give_the_summary_of_phbs_score(tmp_path: Path) -> None:
    """docs/aturan.md §5.3: Clopper–Pearson at 99 %, as ``--ci-method`` and ``--confidence``."""
    survey = _copy(sample_data().survey_files, tmp_path)
    spec = JobSpec(
        folder=tmp_path, survey=tuple(survey), ci_method="clopper-pearson", confidence=0.99
    )
    result = run_job(spec)
    assert result.areas.tingkat_kepercayaan == 0.99
    out = tmp_path / "cli"
    out.mkdir()
    options = ["--ci-method", "clopper-pearson", "--confidence", "0.99"]
    with contextlib.chdir(tmp_path):
        code, _printed, err = _cli(
            "score", *(p.name for p in survey), *options, "-o", out / "r.csv"
        )
    assert code == 0, err
    assert (tmp_path / "ringkasan.csv").read_bytes() == (out / "r.csv").read_bytes()


def test_csv_for_a_spreadsheet_is_that_of_csv_excel(tmp_path: Path) -> None:
    """As ``--csv-excel``: ';' separated, decimal comma, UTF-8 with BOM."""
    from phbs.outputs import CsvFormat

    survey = _copy(sample_data().survey_files, tmp_path)
    run_job(JobSpec(folder=tmp_path, survey=tuple(survey), csv_format=CsvFormat.SPREADSHEET))
    out = tmp_path / "cli"
    out.mkdir()
    with contextlib.chdir(tmp_path):
        names = [p.name for p in survey]
        code, _printed, err = _cli("score", *names, "--csv-excel", "-o", out / "r.csv")
    assert code == 0, err
    written = (tmp_path / "ringkasan.csv").read_bytes()
    assert written == (out / "r.csv").read_bytes()
    assert written.startswith(b"\xef\xbb\xbf")

"""The local page's job runner (phbs/web/jobs.py) against the command line it stands for.

Every expected value here comes from running ``phbs score``, ``phbs rank`` and ``phbs
validate`` through click's runner on the same files, or from reading the files written with
an independent reader (csv, json, openpyxl, zipfile), never from the runner's own code.
"""

from __future__ import annotations

import contextlib
import csv
import json
import re
import shutil
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from phbs.cli.root import cli
from phbs.demo.contest import contest_sample
from phbs.demo.data import sample_data
from phbs.errors import PhbsError
from phbs.issues import CATALOGUE
from phbs.web.jobs import Cancelled, JobResult, run_job
from phbs.web.spec import JobSpec

OUTPUTS = {
    "laporan.xlsx",
    "laporan.html",
    "berita-acara.html",
    "ringkasan.csv",
    "ringkasan.json",
    "rumah-tangga.csv",
    "disisihkan.csv",
    "masalah.xlsx",
    "peringkat.csv",
}

NO_CONTEST: dict[str, object] = {
    "rubric": None,
    "judges": None,
    "attributes": None,
    "overrides": None,
}


@dataclass(frozen=True)
class Run:
    """The sample job with the sample contest, and the command line's files beside it."""

    folder: Path
    spec: JobSpec
    result: JobResult
    cli: Path


def _copy(sources: list[Path], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(source, folder / source.name)) for source in sources]


def _cli(*args: object) -> tuple[int, str, str]:
    done = CliRunner().invoke(cli, [str(a) for a in args])
    return done.exit_code, done.stdout, done.stderr


def _sample_spec(folder: Path, **changes: object) -> JobSpec:
    sample, contest = sample_data(), contest_sample()
    survey = _copy(sample.survey_files, folder)
    villages, judges, attributes, overrides = _copy(
        [
            sample.villages_file,
            contest.judges_file,
            contest.attributes_file,
            contest.overrides_file,
        ],
        folder,
    )
    given: dict[str, object] = {
        "folder": folder,
        "survey": tuple(survey),
        "villages": villages,
        "rubric": contest.rubric,
        "judges": judges,
        "attributes": attributes,
        "overrides": overrides,
    }
    return JobSpec(**{**given, **changes})  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    folder = tmp_path_factory.mktemp("job")
    spec = _sample_spec(folder)
    result = run_job(spec)
    out = tmp_path_factory.mktemp("cli")
    with contextlib.chdir(folder):  # the files named as typed there: as the job names them
        _command_line(spec, out)
    return Run(folder, spec, result, out)


def _command_line(spec: JobSpec, out: Path) -> None:
    """The command line's files for ``spec`` into ``out``, its files named as typed in the
    job's folder."""
    survey = [p.name for p in spec.survey]
    assert spec.villages is not None
    assert spec.judges is not None
    assert spec.attributes is not None
    assert spec.overrides is not None
    reading = ["--villages", spec.villages.name]
    files = ["--households", out / "rumah-tangga.csv", "--rejects", out / "disisihkan.csv"]
    assert _cli("score", *survey, *reading, "-o", out / "ringkasan.csv", *files)[0] == 0
    assert _cli("score", *survey, *reading, "-o", out / "ringkasan.json")[0] == 0
    validated = _cli("validate", *survey, "-o", out / "masalah.xlsx")
    assert validated[0] == 1  # the sample has errors
    (out / "validate.txt").write_text(validated[1], encoding="utf-8")
    contest = ["--judges", spec.judges.name, "--attributes", spec.attributes.name]
    contest += ["--overrides", spec.overrides.name, "--rubric", str(spec.rubric or "")]
    ranked = _cli("rank", "--survey", *survey, *reading, *contest, "-o", out / "peringkat.csv")
    assert ranked[0] == 0, ranked[2]
    report = ["--html", out / "l.html", "--xlsx", out / "l.xlsx"]
    reported = _cli("report", "--survey", *survey, *reading, *contest, *report)
    assert reported[0] == 0, reported[2]
    (out / "report.txt").write_text(reported[1], encoding="utf-8")


def test_the_job_writes_every_file_under_its_fixed_name(run: Run) -> None:
    assert {d.name for d in run.result.downloads} == OUTPUTS
    for download in run.result.downloads:
        assert download.path == run.folder / download.name
        assert download.path.stat().st_size > 0
        assert download.label_id
        assert download.label_en
        assert download.media_type
    left = {p.name for p in run.folder.iterdir()} - {p.name for p in run.spec.survey}
    inputs = {"desa-tanah-bumbu.csv", "juri-lomba.csv", "atribut-desa.csv", "koreksi.csv"}
    assert left == OUTPUTS | inputs


@pytest.mark.parametrize(
    "name", ["ringkasan.csv", "rumah-tangga.csv", "disisihkan.csv", "peringkat.csv"]
)
def test_the_files_are_those_of_the_command_line(run: Run, name: str) -> None:
    assert (run.folder / name).read_bytes() == (run.cli / name).read_bytes()


def test_the_dusun_recap_made_after_the_table_is_that_of_phbs_report(run: Run) -> None:
    """The job shows its tables before it makes the dusun recap (a province has tens of
    thousands of dusun), and the report it writes then holds the recap ``phbs report``
    writes for the same files."""
    import openpyxl

    sheets = []
    for path in (run.folder / "laporan.xlsx", run.cli / "l.xlsx"):
        book = openpyxl.load_workbook(path, read_only=True)
        sheets.append([list(r) for r in book["Rekap Dusun"].iter_rows(values_only=True)])
    assert len(sheets[0]) > 20
    assert sheets[0] == sheets[1]
    page, command = (
        p.read_text(encoding="utf-8") for p in (run.folder / "laporan.html", run.cli / "l.html")
    )

    def dusun_table(html: str) -> str:
        start = html.index('id="tabel-cakupan-dusun"')
        return html[start : html.index("</table>", start)]

    assert dusun_table(page).count("<tr") > 20
    assert dusun_table(page) == dusun_table(command)


def test_the_summary_json_is_that_of_phbs_score_but_for_the_time(run: Run) -> None:
    job = json.loads((run.folder / "ringkasan.json").read_text(encoding="utf-8"))
    command = json.loads((run.cli / "ringkasan.json").read_text(encoding="utf-8"))
    for document in (job, command):
        document.pop("dibuat")
    assert job == command


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_village_numbers_are_those_of_phbs_score(run: Run) -> None:
    expected = {r["kode"]: r for r in _csv(run.cli / "ringkasan.csv")}
    table = {a.kode: a for a in run.result.areas.wilayah}
    assert set(table) == set(expected)
    for code, row in expected.items():
        area = table[code]
        assert area.rumah_tangga_disurvei == int(row["rumah_tangga_disurvei"])
        assert area.ber_phbs == int(row["ber_phbs"])
        assert area.persen_ber_phbs == pytest.approx(float(row["persen_ber_phbs"]))
    # The workbook's village sheet, read with openpyxl: percentages are stored as fractions.
    book = openpyxl.load_workbook(run.folder / "laporan.xlsx", read_only=True)
    rows = book["Desa"].iter_rows(values_only=True)
    header = list(next(rows))
    found = {r[0]: dict(zip(header, r, strict=False)) for r in rows if r[0] in expected}
    book.close()
    assert set(found) == set(expected)
    for code, row in expected.items():
        assert found[code]["Disurvei"] == int(row["rumah_tangga_disurvei"])
        assert found[code]["Ber-PHBS"] == int(row["ber_phbs"])
        assert found[code]["% ber-PHBS"] * 100 == pytest.approx(float(row["persen_ber_phbs"]))


def test_the_issues_workbook_lists_what_phbs_validate_lists(run: Run) -> None:
    def issues(path: Path) -> list[tuple[object, ...]]:
        book = openpyxl.load_workbook(path, read_only=True)
        rows = [tuple(r) for sheet in book for r in sheet.iter_rows(values_only=True)]
        book.close()
        return rows

    assert issues(run.folder / "masalah.xlsx") == issues(run.cli / "masalah.xlsx")


def test_the_issues_are_grouped_as_phbs_validate_groups_them(run: Run) -> None:
    # phbs validate's lines "  COUNT  SEVERITY  CODE  TITLE", one per code.
    printed = (run.cli / "validate.txt").read_text(encoding="utf-8")
    found = re.findall(r"^ +(\d+)  (galat|peringatan|info) +([a-z0-9-]+)  (.+)$", printed, re.M)
    assert len(found) >= 5
    groups = {g.code: g for g in run.result.said["id"].issues}
    severity = {"galat": "error", "peringatan": "warning", "info": "info"}
    for count, said, code, title in found:
        group = groups[code]
        assert (group.count, group.severity, group.title) == (int(count), severity[said], title)


def test_the_issue_line_is_the_one_phbs_report_prints(run: Run) -> None:
    printed = (run.cli / "report.txt").read_text(encoding="utf-8").splitlines()
    assert run.result.said["id"].issue_line in printed
    assert run.result.said["id"].reconciliation in printed


def test_what_the_job_says_in_english_is_what_phbs_report_prints_in_english(run: Run) -> None:
    # The job ran in Indonesian; the page may switch to English, so it keeps both.
    spec = run.spec
    files = [spec.villages, spec.judges, spec.attributes, spec.overrides]
    assert all(f is not None for f in files)
    villages, judges, attributes, overrides = (Path(f or "") for f in files)
    survey = ["--survey", *(p.name for p in spec.survey), "--villages", villages.name]
    contest = ["--judges", judges.name, "--attributes", attributes.name]
    contest += ["--overrides", overrides.name, "--rubric", str(spec.rubric or "")]
    html = run.cli / "l-en.html"
    with contextlib.chdir(run.folder):  # the files named as the job names them
        code, printed, err = _cli("report", *survey, *contest, "--lang", "en", "--html", html)
    assert code == 0, err
    english = run.result.said["en"]
    assert english.issue_line in printed.splitlines()
    assert english.reconciliation in printed.splitlines()
    assert english.issue_line.startswith("Data issues: ")
    indonesian = {g.code: g for g in run.result.said["id"].issues}
    for group in english.issues:
        assert group.count == indonesian[group.code].count
        assert group.title == CATALOGUE[group.code].title_en
        for example in group.examples:
            assert example.message != ""
    assert run.result.lang == "id"


def test_the_issues_are_grouped_with_examples_and_counted_as_the_report_counts(run: Run) -> None:
    said = run.result.said["id"]
    groups = {g.code: g for g in said.issues}
    # The sample's two files hold two empty household ids (one each), read by phbs validate.
    assert groups["id-kosong"].count == 2
    assert groups["id-kosong"].severity == "error"
    assert groups["id-kosong"].title == "ID rumah tangga kosong"
    assert {e.file for e in groups["id-kosong"].examples} == {p.name for p in run.spec.survey}
    assert all(len(g.examples) == min(g.count, 3) for g in said.issues)
    counts = [g.count for g in said.issues]
    assert counts == sorted(counts, reverse=True)
    # The counts line names as many issues as the groups hold.
    assert said.issue_line.startswith("Masalah data: ")
    errors = sum(g.count for g in said.issues if g.severity == "error")
    assert f"{errors} galat" in said.issue_line
    assert said.reconciliation == "3.019 baris dibaca = 3.011 diskor + 8 disisihkan"


def test_the_ranking_is_that_of_phbs_rank(run: Run) -> None:
    assert run.result.ranking is not None
    expected = _csv(run.cli / "peringkat.csv")
    villages = run.result.ranking.desa
    assert [(v.kode_desa, v.peringkat) for v in villages] == [
        (r["kode_desa"], int(r["peringkat"]) if r["peringkat"] else None) for r in expected
    ]
    for village, row in zip(villages, expected, strict=True):
        if row["total"]:
            assert village.total == pytest.approx(float(row["total"]))


def _names(spec: JobSpec) -> set[str]:
    """Household heads' names in the survey files, less those found in another cell of the
    inputs (a surveyor's or judge's name, a village's) and so in the outputs for that reason."""
    heads: set[str] = set()
    others: list[str] = []
    for path in spec.survey:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            dialect = csv.Sniffer().sniff(handle.readline())
            handle.seek(0)
            for row in csv.DictReader(handle, dialect=dialect):
                heads.add(row.pop("nama_kepala_rt").strip())
                others += row.values()
    for extra in (spec.villages, spec.judges, spec.attributes, spec.overrides):
        if extra is not None:
            others.append(extra.read_text(encoding="utf-8-sig"))
    other = "\n".join(others)
    return {h for h in heads if len(h) >= 4 and h not in other}


def _texts(folder: Path) -> dict[str, str]:
    """Every output as text: a workbook's XML parts joined."""
    texts = {}
    for name in OUTPUTS:
        path = folder / name
        if not path.exists():
            continue
        if name.endswith(".xlsx"):
            with zipfile.ZipFile(path) as book:
                texts[name] = " ".join(book.read(n).decode("utf-8") for n in book.namelist())
        else:
            texts[name] = path.read_text(encoding="utf-8-sig")
    return texts


def test_no_head_of_household_name_in_any_output_unless_asked(run: Run, tmp_path: Path) -> None:
    names = _names(run.spec)
    assert len(names) > 100
    leaked = {name: [n for n in names if n in text] for name, text in _texts(run.folder).items()}
    assert {k: v for k, v in leaked.items() if v} == {}
    # Asked for, they are there: the check above would have found them.
    run_job(_sample_spec(tmp_path, include_names=True, **NO_CONTEST))
    households = (tmp_path / "rumah-tangga.csv").read_text(encoding="utf-8")
    assert sum(1 for n in names if n in households) > 100


def _broken(folder: Path) -> list[tuple[str, Path]]:
    folder.mkdir()
    not_a_table = folder / "survei.xlsx"
    not_a_table.write_bytes(b"bukan buku kerja\x00\x01")
    nothing_scored = folder / "kosong.csv"
    nothing_scored.write_text("id_rumah_tangga,kode_desa,air_bersih\n,,ya\n", encoding="utf-8")
    return [("not a table", not_a_table), ("nothing scored", nothing_scored)]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_broken_file_raises_the_command_lines_error(tmp_path: Path, lang: str) -> None:
    for _what, path in _broken(tmp_path / lang):
        with pytest.raises(PhbsError) as raised:
            run_job(JobSpec(folder=path.parent, survey=(path,), lang=lang))  # type: ignore[arg-type]
        with contextlib.chdir(path.parent):  # the file named as the job names it
            code, _out, err = _cli("score", path.name, "--lang", lang)
        assert code != 0
        word = "Galat" if lang == "id" else "Error"
        assert err.strip().splitlines()[-1] == f"{word}: {raised.value.message(lang)}"
        assert {p.name for p in path.parent.iterdir()} <= {"survei.xlsx", "kosong.csv"}


def _big_survey(folder: Path, copies: int) -> Path:
    """The sample's first file repeated ``copies`` times with ids of their own."""
    source = sample_data().survey_files[0]
    header, *rows = source.read_text(encoding="utf-8-sig").splitlines()
    lines = [header]
    for copy in range(copies):
        lines += [f"K{copy}-{row}" for row in rows]
    path = folder / "besar.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cancel_while_reading_stops_the_job_and_leaves_no_file(tmp_path: Path) -> None:
    survey = _big_survey(tmp_path, 100)  # 134 700 rows: progress every 20 000 or so
    cancel = threading.Event()
    seen: list[int] = []

    def progress(rows: int) -> None:
        seen.append(rows)
        cancel.set()  # the reader stops at its next report of progress

    raised: list[BaseException] = []

    def work() -> None:  # on a worker thread, as the page runs a job
        try:
            run_job(JobSpec(folder=tmp_path, survey=(survey,)), progress, cancel)
        except BaseException as error:  # handed to the test's thread
            raised.append(error)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=60)
    assert [type(e) for e in raised] == [Cancelled]
    # One report of progress, then the next stopped the job well before the end.
    assert len(seen) == 1
    assert seen[0] < 100_000
    assert [p.name for p in tmp_path.iterdir()] == ["besar.csv"]


def test_cancel_before_or_after_reading_leaves_no_file(tmp_path: Path) -> None:
    spec = _sample_spec(tmp_path, **NO_CONTEST)
    before = sorted(p.name for p in tmp_path.iterdir())
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        run_job(spec, None, cancel)
    # Set at the last report of progress (3.019 rows read): no output is started.
    late = threading.Event()
    with pytest.raises(Cancelled):
        run_job(spec, lambda _rows: late.set(), late)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_family_card_numbers_are_masked_in_every_output(tmp_path: Path) -> None:
    # The sample kader workbook uses family-card numbers (No. KK) as household ids,
    # 6310000000000001 and on; its mapping says how it is read.
    contoh = sample_data().villages_file.parent
    survey, mapping = _copy(
        [contoh / "kuesioner-kader-batulicin.xlsx", contoh / "peta-kuesioner-kader-batulicin.yaml"],
        tmp_path,
    )
    result = run_job(JobSpec(folder=tmp_path, survey=(survey,), mapping=mapping))
    assert result.said["id"].reconciliation == "121 baris dibaca = 120 diskor + 1 disisihkan"
    texts = _texts(tmp_path)
    assert set(texts) == OUTPUTS - {"berita-acara.html", "peringkat.csv"}
    assert {name for name, text in texts.items() if "631000000000" in text} == set()
    households = _csv(tmp_path / "rumah-tangga.csv")
    assert households[0]["id_rumah_tangga"] == "KK/NIK …0001"

"""The local page's job with an earlier round (docs/aturan.md §5.8): the sample's 2024 round
beside its 2025 survey gives the report's *Perubahan* section of ``phbs report --baseline``,
the comparison CSV of ``phbs compare``, and, with a rubric that scores the change, the
ranking of ``phbs rank --baseline``.

Every expected file comes from the command line run through click's runner on the same files
with the same options, never from the job's own code.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from phbs.cli.root import cli
from phbs.demo.contest import contest_sample
from phbs.demo.data import sample_data
from phbs.errors import PhbsError
from phbs.resources import data_path, resource_dir
from phbs.web.jobs import JobResult, run_job
from phbs.web.spec import JobSpec

SAMPLE = data_path("contoh")


def _cli(*args: object) -> tuple[int, str, str]:
    done = CliRunner().invoke(cli, [str(a) for a in args])
    return done.exit_code, done.stdout, done.stderr


def _copy(sources: list[Path], folder: Path) -> list[Path]:
    return [Path(shutil.copy(source, folder / source.name)) for source in sources]


def _change_rubric(folder: Path) -> Path:
    """The bundled rubric with its % ber-PHBS criterion scoring the change since the earlier
    round instead, mapped linearly −10 → 0, +20 → 100 (docs/aturan.md §7.2)."""
    source = resource_dir("survey_forms") / "rubrics" / "lomba-desa-ber-phbs.yaml"
    text = source.read_text(encoding="utf-8")
    old = "source: {type: survey, measure: persen_ber_phbs}"
    assert text.count(old) == 1
    new = (
        "source: {type: survey, measure: perubahan_persen_ber_phbs, "
        "mapping: {type: linear, low: -10, high: 20}}"
    )
    path = folder / "rubrik-perubahan.yaml"
    changed = text.replace(old, new).replace("id: lomba-desa-ber-phbs", "id: lomba-perubahan")
    path.write_text(changed, encoding="utf-8")
    return path


def _text(path: Path) -> str:
    """A page's words without its markup, its script and the time it was made."""
    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    words = re.sub(r"<[^>]+>", " ", page)
    words = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", "WAKTU", words)
    return " ".join(words.split())


@pytest.fixture(scope="module")
def rounds(tmp_path_factory: pytest.TempPathFactory) -> tuple[JobSpec, JobResult, Path]:
    folder = tmp_path_factory.mktemp("job")
    survey = _copy(sample_data().survey_files, folder)
    earlier = _copy(sorted(SAMPLE.glob("putaran-2024-*.csv")), folder)
    (villages,) = _copy([sample_data().villages_file], folder)
    spec = JobSpec(
        folder=folder,
        survey=tuple(survey),
        villages=villages,
        baseline=tuple(earlier),
        baseline_label="2024",
        label="2025",
    )
    result = run_job(spec)
    out = tmp_path_factory.mktemp("cli")
    names = [p.name for p in survey]
    given = ["--villages", villages.name]
    with contextlib.chdir(folder):
        reported = _cli(
            "report",
            "--survey",
            *names,
            *given,
            *(f"--baseline=2024={p.name}" for p in earlier),
            "--label",
            "2025",
            "--html",
            out / "laporan.html",
        )
        assert reported[0] == 0, reported[2]
        compared = _cli(
            "compare",
            *(f"--round=2024={p.name}" for p in earlier),
            *(f"--round=2025={p}" for p in names),
            *given,
            "-o",
            out / "perubahan.csv",
        )
        assert compared[0] == 0, compared[2]
        (out / "compare.txt").write_text(compared[1], encoding="utf-8")
    return spec, result, out


def test_the_report_has_the_change_section_of_phbs_report_baseline(
    rounds: tuple[JobSpec, JobResult, Path],
) -> None:
    spec, result, out = rounds
    assert _text(spec.folder / "laporan.html") == _text(out / "laporan.html")
    assert "2024" in _text(spec.folder / "laporan.html")
    assert result.trends is not None
    assert [info.label for info in result.trends.putaran] == ["2024", "2025"]


def test_the_comparison_csv_is_that_of_phbs_compare(
    rounds: tuple[JobSpec, JobResult, Path],
) -> None:
    spec, _result, out = rounds
    assert (spec.folder / "perubahan.csv").read_bytes() == (out / "perubahan.csv").read_bytes()


def test_who_improved_most_is_what_phbs_compare_prints(
    rounds: tuple[JobSpec, JobResult, Path],
) -> None:
    """§5.8: the bootstrap of who improved most, at compare's default replicates and seed."""
    from phbs.reports.trends_text import improvement_lines

    _spec, result, out = rounds
    assert result.improvement is not None
    lines = improvement_lines(result.improvement, "id")
    assert lines
    printed = (out / "compare.txt").read_text(encoding="utf-8")
    assert "\n".join(lines) in printed


def test_a_rubric_scoring_the_change_ranks_as_phbs_rank_baseline(tmp_path: Path) -> None:
    """§7.2: the change criterion, mapped; the villages not in 2024 are not ranked."""
    contest = contest_sample()
    survey = _copy(sample_data().survey_files, tmp_path)
    earlier = _copy(sorted(SAMPLE.glob("putaran-2024-*.csv")), tmp_path)
    judges, attributes = _copy([contest.judges_file, contest.attributes_file], tmp_path)
    rubric = _change_rubric(tmp_path)
    spec = JobSpec(
        folder=tmp_path,
        survey=tuple(survey),
        rubric=rubric,
        judges=judges,
        attributes=attributes,
        baseline=tuple(earlier),
        baseline_label="2024",
    )
    run_job(spec)
    out = tmp_path / "cli"
    out.mkdir()
    with contextlib.chdir(tmp_path):
        ranked = _cli(
            "rank",
            "--survey",
            *(p.name for p in survey),
            "--rubric",
            rubric.name,
            "--judges",
            judges.name,
            "--attributes",
            attributes.name,
            *(f"--baseline=2024={p.name}" for p in earlier),
            "-o",
            out / "peringkat.csv",
        )
    assert ranked[0] in (0, 1), ranked[2]
    assert (tmp_path / "peringkat.csv").read_bytes() == (out / "peringkat.csv").read_bytes()
    assert "perubahan_persen_ber_phbs" in (tmp_path / "peringkat.csv").read_text("utf-8")


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"baseline_label": "2024"}, "2024"),
        ({"baseline": ("x",)}, "tanpa label"),
        ({"label": "2025"}, "--baseline"),
        ({"baseline_label": "2025", "label": "2025", "baseline": ("x",)}, "--label 2025"),
        ({"baseline_label": "20=24", "baseline": ("x",)}, "20=24"),
    ],
)
def test_an_earlier_round_given_wrongly_is_refused_before_anything_is_written(
    tmp_path: Path, changes: dict[str, object], says: str
) -> None:
    survey = _copy(sample_data().survey_files, tmp_path)
    if changes.get("baseline"):
        changes["baseline"] = tuple(_copy(sorted(SAMPLE.glob("putaran-2024-*.csv")), tmp_path))
    spec = JobSpec(folder=tmp_path, survey=tuple(survey), **changes)  # type: ignore[arg-type]
    with pytest.raises(PhbsError) as refused:
        run_job(spec)
    assert says in refused.value.message("id")
    assert not list(tmp_path.glob("laporan*"))
    assert not list(tmp_path.glob("ringkasan*"))


def test_an_earlier_round_given_as_a_score_json_is_read_as_phbs_report_reads_it(
    tmp_path: Path,
) -> None:
    """§5.8: the summary JSON of an earlier ``phbs score -o`` is one round."""
    survey = _copy(sample_data().survey_files, tmp_path)
    earlier = _copy(sorted(SAMPLE.glob("putaran-2024-*.csv")), tmp_path)
    with contextlib.chdir(tmp_path):
        scored = _cli("score", *(p.name for p in earlier), "-o", "putaran-2024.json")
        assert scored[0] in (0, 1), scored[2]
        reported = _cli(
            "report",
            "--survey",
            *(p.name for p in survey),
            "--baseline=2024=putaran-2024.json",
            "--html",
            "cli.html",
        )
        assert reported[0] == 0, reported[2]
    spec = JobSpec(
        folder=tmp_path,
        survey=tuple(survey),
        baseline=(tmp_path / "putaran-2024.json",),
        baseline_label="2024",
    )
    result = run_job(spec)
    assert result.trends is not None
    assert _text(tmp_path / "laporan.html") == _text(tmp_path / "cli.html")


def test_a_village_recap_with_its_own_mapping_as_the_earlier_round(tmp_path: Path) -> None:
    """§6.7 and §5.8: the earlier round a Puskesmas recap read with its own mapping, as
    ``phbs compare --round 2024=REKAP --map REKAP=PETA`` reads it; this round's files
    without it."""
    survey = _copy(sample_data().survey_files, tmp_path)
    recap, mapping = _copy(
        [
            SAMPLE / "rekap-puskesmas-kusan-hilir.xlsx",
            SAMPLE / "peta-rekap-puskesmas-kusan-hilir.yaml",
        ],
        tmp_path,
    )
    spec = JobSpec(
        folder=tmp_path,
        survey=tuple(survey),
        baseline=(recap,),
        baseline_label="2024",
        baseline_mapping=mapping,
    )
    result = run_job(spec)
    assert result.trends is not None
    with contextlib.chdir(tmp_path):
        compared = _cli(
            "compare",
            f"--round=2024={recap.name}",
            *(f"--round=terkini={p.name}" for p in survey),
            "--map",
            f"{recap.name}={mapping.name}",
            "-o",
            "cli.csv",
        )
    assert compared[0] == 0, compared[2]
    assert (tmp_path / "perubahan.csv").read_bytes() == (tmp_path / "cli.csv").read_bytes()

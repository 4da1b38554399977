"""The local page's job with the judges' AHP matrix (docs/aturan.md §7.6): the rubric it
writes is the one ``phbs rubric ahp --write-into`` writes, the ranking the one ``phbs rank``
gives with that rubric, the weights the principal eigenvector numpy finds, and an
inconsistent matrix is refused as the command refuses it unless forced."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from phbs.cli.root import cli
from phbs.demo.contest import contest_sample
from phbs.demo.data import sample_data
from phbs.errors import SettingsError
from phbs.i18n import t
from phbs.resources import data_path
from phbs.web.jobs import run_job
from phbs.web.spec import JobSpec

MATRIX = data_path("contoh") / "matriks-ahp.csv"
RUBRIC = "lomba-desa-ber-phbs"
#: Entries no judge would stand by: masukan ≫ proses ≫ keluaran ≫ masukan.
CIRCULAR = ",masukan,proses,keluaran\nmasukan,1,9,1/9\nproses,,1,9\nkeluaran,,,1\n"


def _cli(*args: object) -> tuple[int, str, str]:
    done = CliRunner().invoke(cli, [str(a) for a in args])
    return done.exit_code, done.stdout, done.stderr


def _spec(folder: Path, matrix: Path, **changes: object) -> JobSpec:
    contest = contest_sample()
    sources = [*sample_data().survey_files, contest.judges_file, contest.attributes_file]
    copied = [Path(shutil.copy(p, folder / p.name)) for p in sources]
    return JobSpec(
        folder=folder,
        survey=tuple(copied[:2]),
        rubric=RUBRIC,
        judges=copied[2],
        attributes=copied[3],
        ahp=matrix,
        **changes,  # type: ignore[arg-type]
    )


def test_the_rubric_and_ranking_are_those_of_phbs_rubric_ahp_then_phbs_rank(
    tmp_path: Path,
) -> None:
    matrix = Path(shutil.copy(MATRIX, tmp_path / MATRIX.name))
    spec = _spec(tmp_path, matrix)
    result = run_job(spec)
    assert "rubrik-ahp.yaml" in {d.name for d in result.downloads}
    out = tmp_path / "cli"
    out.mkdir()
    with contextlib.chdir(out):
        written = _cli("rubric", "ahp", matrix, "--write-into", RUBRIC, "-o", "rubrik-ahp.yaml")
        assert written[0] == 0, written[2]
        contest = ["--judges", spec.judges, "--attributes", spec.attributes]
        ranked = _cli(
            "rank", "--survey", *spec.survey, "--rubric", "rubrik-ahp.yaml", *contest, "-o", "p.csv"
        )
        assert ranked[0] == 0, ranked[2]
    job_rubric = (tmp_path / "rubrik-ahp.yaml").read_bytes()
    assert job_rubric == (out / "rubrik-ahp.yaml").read_bytes()
    assert (tmp_path / "peringkat.csv").read_bytes() == (out / "p.csv").read_bytes()
    assert result.ranking is not None
    assert result.ranking.rubrik_id == RUBRIC


def test_the_weights_are_the_principal_eigenvector(tmp_path: Path) -> None:
    result = run_job(_spec(tmp_path, MATRIX))
    assert result.weights is not None
    # The sample matrix, its lower triangle the reciprocals (Saaty).
    a = np.array([[1, 1 / 2, 1 / 2], [2, 1, 2], [2, 1 / 2, 1]])
    values, vectors = np.linalg.eig(a)
    principal = np.abs(np.real(vectors[:, np.argmax(np.real(values))]))
    expected = principal / principal.sum()
    assert [label for label, _w, _n in result.weights.rows] == ["masukan", "proses", "keluaran"]
    got = np.array([w for _label, w, _n in result.weights.rows])
    assert got == pytest.approx(expected, abs=1e-9)
    # Scaled to the old weights' sum, 3 + 4 + 3.
    assert sum(new for _l, _w, new in result.weights.rows) == pytest.approx(10, abs=1e-3)
    assert result.weights.said["id"][1].startswith("CR ≤ 0,10")


def test_an_inconsistent_matrix_is_refused_unless_forced(tmp_path: Path) -> None:
    matrix = tmp_path / "melingkar.csv"
    matrix.write_text(CIRCULAR, encoding="utf-8")
    code, _printed, err = _cli("rubric", "ahp", matrix, "--write-into", RUBRIC, "-o", "x.yaml")
    assert code == 1
    with pytest.raises(SettingsError) as refused:
        run_job(_spec(tmp_path, matrix))
    assert refused.value.message("id") in err
    assert not (tmp_path / "rubrik-ahp.yaml").exists()
    forced = run_job(_spec(tmp_path, matrix, ahp_force=True))
    assert forced.weights is not None
    assert forced.weights.said["id"][1].startswith("Peringatan: CR > 0,10")


def test_a_matrix_without_a_rubric_is_refused(tmp_path: Path) -> None:
    survey = [Path(shutil.copy(p, tmp_path / p.name)) for p in sample_data().survey_files]
    with pytest.raises(SettingsError) as refused:
        run_job(JobSpec(folder=tmp_path, survey=tuple(survey), ahp=MATRIX))
    assert refused.value.message("id") == t("web.ahp.needs_rubric", "id")
    assert not list(tmp_path.glob("rubrik-ahp.yaml"))

"""The built wheel carries the forms, templates and data, and runs from anywhere.

Builds the wheel without network access, installs it into a fresh virtual environment whose
dependencies come from the running environment, and runs `phbs demo` from another folder.
"""

from __future__ import annotations

import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("phbs-*.whl")
    return built


def test_wheel_contains_resources(wheel: Path) -> None:
    """survey_forms/, reports/, the region table and the sample are inside the wheel."""
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "phbs/_resources/survey_forms/kemenkes-rt-10.yaml" in names
    assert "phbs/_resources/survey_forms/jateng-rt-16.yaml" in names
    assert "phbs/data/kode-wilayah-kemendagri-2025.csv.gz" in names
    assert "phbs/data/README.md" in names
    assert "phbs/data/contoh/survei-puskesmas-batulicin.csv" in names
    assert "phbs/data/contoh/putaran-2024-puskesmas-kusan-hilir.csv" in names  # earlier round
    assert any(n.startswith("phbs/_resources/reports/") for n in names)


def test_installed_wheel_runs_demo_from_elsewhere(wheel: Path, tmp_path: Path) -> None:
    """`pip install` of the wheel into a fresh venv, then `phbs demo` from another folder."""
    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    # Dependencies come from this environment, appended after the venv's own packages. Added
    # only after the install: pip would otherwise see the phbs of this environment and skip it.
    (Path(purelib) / "phbs-test-deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run(
        [str(python), "-c", "import phbs; print(phbs.__file__)"],
        check=True, capture_output=True, text=True, cwd=elsewhere,
    ).stdout.strip()  # fmt: skip
    assert where.startswith(str(env_dir)), where
    demo = subprocess.run(
        [str(env_dir / "bin" / "phbs"), "demo", "--out", "hasil"],
        capture_output=True, text=True, cwd=elsewhere, check=False,
    )  # fmt: skip
    assert demo.returncode == 0, demo.stderr
    assert "3.019 baris dibaca = 3.011 diskor + 8 disisihkan" in demo.stdout
    assert (elsewhere / "hasil" / "ringkasan-desa.csv").is_file()
    assert "2024 → 2025: 2 naik, 1 turun, 10 tidak berubah bermakna" in demo.stdout
    assert (elsewhere / "hasil" / "perubahan.csv").is_file()
    forms = subprocess.run(
        [str(env_dir / "bin" / "phbs"), "forms", "list"],
        capture_output=True, text=True, cwd=elsewhere, check=True,
    )  # fmt: skip
    assert "jateng-rt-16" in forms.stdout

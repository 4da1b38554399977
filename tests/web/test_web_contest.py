"""The contest's choices on the page of ``phbs web``, in Debian's Chromium: a rubric file of
the district's own, the rank bootstrap and the minutes' details typed in the page give the
ranking, the sureness table and the *berita acara* that ``phbs rank`` and ``phbs report``
give with the same options (docs/aturan.md §7.8 for the bootstrap)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from web_helpers import ATTRIBUTES, JUDGES, OVERRIDES, SURVEYS, base

from phbs.cli.root import cli
from phbs.resources import resource_dir
from phbs.web.server import WebServer

pytestmark = pytest.mark.slow

TYPED = {
    "bootstrap": "40",
    "seed": "7",
    "place": "Aula Dinas Kesehatan Batulicin",
    "date": "2025-10-20",
    "chair": "dr. Rahmawati",
    "contest_level": "Kabupaten Tanah Bumbu",
}


def _rubric(folder: Path) -> Path:
    """The bundled rubric as a district changes it: the process group weighs 5, not 4."""
    source = resource_dir("survey_forms") / "rubrics" / "lomba-desa-ber-phbs.yaml"
    text = source.read_text(encoding="utf-8").replace("    weight: 4\n", "    weight: 5\n", 1)
    path = folder / "rubrik-kabupaten.yaml"
    path.write_text(text.replace("id: lomba-desa-ber-phbs", "id: lomba-kabupaten"), "utf-8")
    return path


def test_a_rubric_file_the_bootstrap_and_the_minutes_typed_in_the_page(
    context: Any, web: WebServer, tmp_path: Path
) -> None:
    rubric = _rubric(tmp_path)
    out = tmp_path / "rank.json"
    contest = ["--judges", str(JUDGES), "--attributes", str(ATTRIBUTES)]
    contest += ["--overrides", str(OVERRIDES), "--rubric", str(rubric)]
    contest += ["--bootstrap", "40", "--seed", "7", "-o", str(out)]
    ranked = CliRunner().invoke(cli, ["rank", "--survey", *map(str, SURVEYS), *contest])
    assert ranked.exit_code == 0, ranked.output
    expected = json.loads(out.read_text(encoding="utf-8"))
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(base(web) + "/")
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        page.set_input_files("#berkas-survey", [str(p) for p in SURVEYS])
        page.set_input_files("#berkas-judges", str(JUDGES))
        page.set_input_files("#berkas-attributes", str(ATTRIBUTES))
        page.set_input_files("#berkas-overrides", str(OVERRIDES))
        page.set_input_files("#berkas-rubric_file", str(rubric))
        for name, value in TYPED.items():
            page.fill(f"#isian-{name}", value)
        page.fill("#isian-judge_names", "Juri Satu\nJuri Dua")
        page.click("#olah")
        page.wait_for_selector("#tabel-kepastian, #galat", timeout=180_000)
        codes = page.eval_on_selector_all(
            "#tabel-kepastian tbody tr", "rows => rows.map(r => r.cells[1].textContent)"
        )
        ranked_codes = [v["kode_desa"] for v in expected["peringkat"] if v["peringkat"]]
        assert codes == ranked_codes
        intervals = page.eval_on_selector_all(
            "#tabel-kepastian tbody tr", "rows => rows.map(r => r.cells[5].textContent)"
        )
        rows = expected["ketidakpastian"]["bootstrap"]["desa"]
        by_code = {r["kode_desa"]: f"{r['peringkat_bawah']}–{r['peringkat_atas']}" for r in rows}
        assert intervals == [by_code[c] for c in ranked_codes]
        page.wait_for_selector("#unduh a[href$='/files/berita-acara.html']", timeout=180_000)
        with page.expect_download() as started:
            page.click("#unduh a[href$='/files/berita-acara.html']")
        minutes = Path(started.value.path()).read_text(encoding="utf-8")
        words = " ".join(re.sub(r"<[^>]+>", " ", minutes).split())
        for typed in (*TYPED.values(), "Juri Satu", "Juri Dua", "rubrik-kabupaten.yaml"):
            if typed not in ("40", "7", "2025-10-20"):
                assert typed in words
        assert "20 Oktober 2025" in words
        assert "/tmp" not in words
        assert errors == []
    finally:
        page.close()


def test_the_ahp_weights_of_the_judges_matrix_on_the_page(
    context: Any, web: WebServer, tmp_path: Path
) -> None:
    """§7.6: the matrix's weights and consistency as ``phbs rubric ahp`` prints them, and
    the rubric written with them among the downloads."""
    matrix = SURVEYS[0].parent / "matriks-ahp.csv"
    said = CliRunner().invoke(cli, ["rubric", "ahp", str(matrix)]).stdout
    page = context.new_page()
    try:
        page.goto(base(web) + "/")
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        page.set_input_files("#berkas-survey", [str(p) for p in SURVEYS])
        page.set_input_files("#berkas-judges", str(JUDGES))
        page.set_input_files("#berkas-attributes", str(ATTRIBUTES))
        page.select_option("#pilih-rubric", "lomba-desa-ber-phbs")
        page.set_input_files("#berkas-ahp", str(matrix))
        page.click("#olah")
        page.wait_for_selector("#tabel-ahp, #galat", timeout=180_000)
        rows = page.eval_on_selector_all(
            "#tabel-ahp tbody tr",
            "rows => rows.map(r => [r.cells[0].textContent, r.cells[1].textContent])",
        )
        for label, weight in rows:
            assert any(label in line and weight in line for line in said.splitlines())
        assert [label for label, _weight in rows] == ["masukan", "proses", "keluaran"]
        page.wait_for_selector("#unduh a[href$='/files/rubrik-ahp.yaml']", timeout=180_000)
    finally:
        page.close()

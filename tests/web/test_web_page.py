"""The page of ``phbs web`` in a real browser (Debian's Chromium through Playwright, as
tests/reports/test_report_html.py drives it): upload the sample survey, see the village
table, download the workbook and find in it the numbers ``phbs score`` and ``phbs rank``
print for the same files; a broken file shows the command line's one ``Galat:`` line.

Expected numbers come from the command line run on the same files (CliRunner), never from
the page's own code."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from web_helpers import (
    ATTRIBUTES,
    JUDGES,
    SAMPLE,
    SURVEYS,
    VILLAGES,
    base,
    holding,
)

from phbs.cli.root import cli
from phbs.i18n import t
from phbs.ingest.settings import AnswerScheme, BlankMeaning
from phbs.web.server import WebServer

pytestmark = pytest.mark.slow

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "img" / "phbs-web.png"
#: Set to write the README's screenshot (docs/img/phbs-web.png) from the sample's page.
WRITE_SCREENSHOT = "PHBS_WRITE_SCREENSHOT"


class Visit:
    """A page of the server with its console messages and every request it made."""

    def __init__(self, context: Any, web: WebServer) -> None:
        self.origin = base(web)
        self.console: list[tuple[str, str]] = []
        self.requests: list[str] = []
        self.page = context.new_page()
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.console.append(("pageerror", str(e))))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(self.origin + "/")

    def submit(self, files: dict[str, list[Path]], selects: dict[str, str] | None = None) -> None:
        page = self.page
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        for name, paths in files.items():
            page.set_input_files(f"#berkas-{name}", [str(p) for p in paths])
        for name, value in (selects or {}).items():
            page.select_option(f"#pilih-{name}", value)
        page.click("#olah")
        page.wait_for_selector("#tabel-wilayah, #galat", timeout=180_000)

    def column(self, table: str, header: str) -> list[str]:
        script = """([table, header]) => {
            const t = document.getElementById(table);
            const i = Array.from(t.tHead.rows[0].cells).findIndex(c => c.textContent === header);
            return Array.from(t.tBodies[0].rows).map(r => r.cells[i].textContent);
        }"""
        values: list[str] = self.page.evaluate(script, [table, header])
        return values

    def download(self, name: str, folder: Path) -> Path:
        with self.page.expect_download() as started:
            self.page.click(f"#unduh a[href$='/files/{name}']")
        path = folder / name
        started.value.save_as(path)
        return path

    def clean(self) -> None:
        """No console message, and no request but to the server itself."""
        assert self.console == []
        assert all(url.startswith(self.origin + "/") for url in self.requests), self.requests


def cli_json(tmp_path: Path, *args: str) -> Any:
    out = tmp_path / "cli.json"
    result = CliRunner().invoke(cli, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))


def sheet_rows(path: Path, name: str) -> list[dict[str, Any]]:
    """The rows of one sheet as dicts by header (rows without a first cell left out)."""
    sheet = openpyxl.load_workbook(path, read_only=True)[name]
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:] if row[0] is not None]


def test_sample_survey_gives_the_numbers_of_phbs_score(
    context: Any, web: WebServer, tmp_path: Path
) -> None:
    visit = Visit(context, web)
    try:
        assert visit.page.locator("html").get_attribute("lang") == "id"
        visit.submit({"survey": SURVEYS, "villages": [VILLAGES]})
        expected = cli_json(tmp_path, "score", *map(str, SURVEYS), "--villages", str(VILLAGES))
        areas = {a["kode"]: a for a in expected["wilayah"]}
        assert visit.column("tabel-wilayah", "Kode") == list(areas)
        assert visit.page.inner_text("#tabel-wilayah tfoot td:first-child") == "Jumlah"
        surveyed = visit.column("tabel-wilayah", "Disurvei")
        assert surveyed == [
            f"{a['rumah_tangga_disurvei']:,}".replace(",", ".") for a in areas.values()
        ]
        text = visit.page.inner_text("body")
        assert "3.019 baris dibaca = 3.011 diskor + 8 disisihkan" in text
        assert "* sampel < 210" in text
        assert "Cara baca survei-puskesmas-batulicin.csv" in text
        assert str(web.root) not in text  # files named as uploaded, not by the temp folder
        assert visit.page.locator("#tabel-masalah tbody tr").count() > 0
        if os.environ.get(WRITE_SCREENSHOT):
            SCREENSHOT.parent.mkdir(exist_ok=True)
            visit.page.set_viewport_size({"width": 1280, "height": 900})
            visit.page.screenshot(path=str(SCREENSHOT))
        workbook = visit.download("laporan.xlsx", tmp_path)
        rows = {r["Kode"]: r for r in sheet_rows(workbook, "Desa") if r["Kode"] in areas}
        assert list(rows) == list(areas)
        for code, area in areas.items():
            row = rows[code]
            assert row["Disurvei"] == area["rumah_tangga_disurvei"]
            assert row["Ber-PHBS"] == area["ber_phbs"]
            assert row["Tidak ber-PHBS"] == area["tidak_ber_phbs"]
            assert row["Belum lengkap"] == area["belum_lengkap"]
            assert row["% ber-PHBS"] == pytest.approx(area["persen_ber_phbs"] / 100)
        visit.clean()
    finally:
        visit.page.close()


def test_ranking_gives_the_numbers_of_phbs_rank(
    context: Any, web: WebServer, tmp_path: Path
) -> None:
    visit = Visit(context, web)
    try:
        visit.submit(
            {"survey": SURVEYS, "judges": [JUDGES], "attributes": [ATTRIBUTES]},
            {"rubric": "lomba-desa-ber-phbs"},
        )
        expected = cli_json(
            tmp_path,
            "rank",
            "--survey",
            *map(str, SURVEYS),
            "--rubric",
            "lomba-desa-ber-phbs",
            "--judges",
            str(JUDGES),
            "--attributes",
            str(ATTRIBUTES),
        )["peringkat"]
        assert visit.column("tabel-peringkat", "Kode") == [v["kode_desa"] for v in expected]
        workbook = visit.download("laporan.xlsx", tmp_path)
        ranked = [r for r in sheet_rows(workbook, "Peringkat") if r["Kode desa"] is not None]
        assert [r["Kode desa"] for r in ranked] == [v["kode_desa"] for v in expected]
        for row, village in zip(ranked, expected, strict=True):
            assert row["Peringkat"] == village["peringkat"]
            assert row["Total"] == pytest.approx(village["total"])
        visit.download("berita-acara.html", tmp_path)
        visit.clean()
    finally:
        visit.page.close()


def test_the_table_is_shown_while_the_downloads_are_written(
    context: Any, web: WebServer, tmp_path: Path
) -> None:
    """The job held between two files (``holding``): the page shows the village table, the
    note counts the files written and the list grows in place (no reload: a mark left on
    the page's window stays); once all are written the note and the cancel button go."""
    with holding(web) as gate:
        visit = Visit(context, web)
        try:
            visit.submit({"survey": SURVEYS})
            assert gate.grown.get(timeout=120) == 0
            page = visit.page
            assert page.locator("#tabel-wilayah tbody tr").count() > 1
            assert page.inner_text("#catatan-unduh") == "Berkas unduhan sedang ditulis: 0 dari 7"
            assert page.locator("#unduh li").count() == 0
            assert page.locator("#batal").is_visible()
            page.evaluate("() => { window.phbsMark = 1; }")
            for count in range(1, 8):
                assert gate.step() == count
                page.wait_for_function(
                    "n => document.querySelectorAll('#unduh li').length === n", arg=count
                )
                page.wait_for_function(
                    "t => document.getElementById('catatan-unduh').textContent === t",
                    arg=f"Berkas unduhan sedang ditulis: {count} dari 7",
                )
                if count == 3:
                    page.set_viewport_size({"width": 1280, "height": 900})
                    page.screenshot(path=str(tmp_path / "menulis.png"), full_page=True)
            job = page.url.rsplit("/", 1)[1]
            got = visit.download("ringkasan.csv", tmp_path)
            assert got.read_bytes() == (web.root / job / "ringkasan.csv").read_bytes()
            gate.go.release()
            page.wait_for_selector("#menulis", state="detached", timeout=60_000)
            assert page.locator("#unduh li").count() == 7
            assert page.locator("#batal").count() == 0
            assert page.evaluate("() => window.phbsMark") == 1
            visit.clean()
        finally:
            visit.page.close()


def test_a_broken_file_shows_the_command_lines_one_line(
    context: Any, web: WebServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "contoh-judul-salah.csv"
    shutil.copyfile(SAMPLE / broken.name, broken)
    monkeypatch.chdir(tmp_path)
    said = CliRunner().invoke(cli, ["score", broken.name])
    assert said.exit_code == 1
    (line,) = said.stderr.splitlines()
    assert line.startswith("Galat: contoh-judul-salah.csv: ")
    visit = Visit(context, web)
    try:
        visit.submit({"survey": [broken]})
        assert visit.page.inner_text("#galat") == line
        visit.clean()
    finally:
        visit.page.close()


def test_english_switch_is_remembered(context: Any, web: WebServer) -> None:
    visit = Visit(context, web)
    try:
        assert visit.page.inner_text("h1") == "PHBS rumah tangga: skor di browser"
        visit.page.click("a.lang")
        assert visit.page.inner_text("h1") == "Household PHBS: scores in the browser"
        visit.page.goto(visit.origin + "/")
        assert visit.page.locator("html").get_attribute("lang") == "en"
        visit.page.click("a.lang")
        assert visit.page.locator("html").get_attribute("lang") == "id"
        visit.clean()
    finally:
        visit.page.close()


def test_reading_choices_are_said_in_words_and_sent_as_the_command_lines_values(
    context: Any, web: WebServer
) -> None:
    """The choices of "Cara membaca": each value of --answers and --blank by its words in the
    catalogue, in either language; the form still sends the value ``phbs score`` takes."""
    visit = Visit(context, web)
    page = visit.page
    try:
        for lang in ("id", "en"):
            if page.locator("html").get_attribute("lang") != lang:
                page.click("a.lang")
            for name, values in (("answers", AnswerScheme), ("blank", BlankMeaning)):
                script = "os => os.map(o => [o.value, o.textContent])"
                shown = page.locator(f"#pilih-{name} option").evaluate_all(script)
                assert shown == [[v.value, t(f"web.{name}.{v.value}", lang)] for v in values]
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        page.select_option("#pilih-answers", label=t("web.answers.yn", "en"))
        page.select_option("#pilih-blank", label=t("web.blank.missing", "en"))
        # What the browser sends: the form's own data, as submitting it encodes it.
        script = "() => Object.fromEntries(new FormData(document.getElementById('unggah')))"
        sent = page.evaluate(script)
        assert (sent["answers"], sent["blank"]) == ("yn", "missing")
    finally:
        page.click("a.lang")  # back to Indonesian for the tests after this one
        page.close()


def test_readme_screenshot_is_committed() -> None:
    """The README shows the page (PHBS_WRITE_SCREENSHOT=1 writes it again)."""
    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

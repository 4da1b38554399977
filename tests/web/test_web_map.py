"""``phbs map`` in the page of ``phbs web`` (phbs/web/maps.py), in a real browser (Debian's
Chromium through Playwright, as test_web_page.py drives it): the sample kader questionnaire
gets the mapping ``phbs map`` writes for it, its open question stops a job with the command
line's line, and the file kept with an answered mapping gives ``phbs score --map``'s numbers.

Expected texts and numbers come from the command line on the same files (CliRunner), never
from the page's own code."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from web_helpers import SAMPLE, assert_same_villages, base, multipart, request

from phbs.cli.root import cli
from phbs.forms.loading import load_form
from phbs.i18n import t
from phbs.regions import region_table
from phbs.web.server import WebServer

pytestmark = pytest.mark.slow

KADER = SAMPLE / "kuesioner-kader-batulicin.xlsx"
#: The bundled mapping of the sample: the proposal with its one question answered.
ANSWERED = SAMPLE / "peta-kuesioner-kader-batulicin.yaml"


def propose_in_page(page: Any, web: WebServer, file: Path) -> None:
    page.goto(base(web) + "/")
    page.set_input_files("#berkas-peta", str(file))
    page.click("#usulkan")
    page.wait_for_selector("#kata-peta, #galat", timeout=120_000)


def process(page: Any, files: dict[str, Path]) -> None:
    for name, path in files.items():
        page.set_input_files(f"#berkas-{name}", str(path))
    page.click("#olah")
    page.wait_for_selector("#tabel-wilayah, #galat", timeout=180_000)


def test_the_sample_gets_the_mapping_phbs_map_writes_and_its_numbers(
    page: Any, web: WebServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(KADER, KADER.name)
    mapped = CliRunner().invoke(cli, ["map", KADER.name, "-o", "peta.yaml"])
    assert mapped.exit_code == 0, mapped.output
    written = Path("peta.yaml").read_text(encoding="utf-8")

    propose_in_page(page, web, KADER)
    assert page.inner_text("h1") == f"Usulan peta untuk {KADER.name}"
    said = page.locator("#kata-peta li").all_inner_texts()
    # phbs map's lines, but the page asks its questions itself: no pointer to TANYA.
    opened = t("web.map.questions", count=1)
    assert said == [opened if "TANYA" in line else line for line in mapped.stdout.splitlines()]
    assert "TANYA" not in page.inner_text("main")
    # What the mapping decides besides columns, each from the key phbs map wrote.
    keys = yaml.safe_load(written)
    table = region_table()
    area = f"Kecamatan {table.name(keys['region'])}, {table.full_name(keys['region'][:5])}"
    assert page.locator("#diputuskan li").all_inner_texts() == [
        t("web.map.decided.sheet", sheet=keys["sheet"]),
        t("web.map.decided.header_row", row=keys["header_row"]),
        t("web.map.decided.region", area=area, code=keys["region"]),
        t("web.map.decided.shape.rumah_tangga"),
    ]
    answers = page.locator("#tabel-jawaban tbody tr").all_inner_texts()
    state = [t(f"web.map.state.{s}") for s in ("ya", "tidak", "?")]
    assert answers == [f"{state[0]}\tv", f"{state[1]}\tx", f"{state[2]}\tk"]
    # Each field by its name on the form, its code after it: the first question's in column 1.
    nakes = next(i for i in load_form("kemenkes-rt-10").form.indicators if i.number == 1)
    rows = page.locator("#tabel-kolom tbody tr").all_inner_texts()
    assert f"{nakes.name} {nakes.code}\t1" in ["\t".join(r.split("\t")[:2]) for r in rows]
    assert "Desa/Kelurahan" in page.inner_text("#tabel-kolom")
    assert str(web.root) not in page.inner_text("body")
    with page.expect_download() as started:
        page.click("#unduh-peta")
    assert started.value.suggested_filename == "peta.yaml"
    started.value.save_as(tmp_path / "unduhan.yaml")
    assert (tmp_path / "unduhan.yaml").read_text(encoding="utf-8") == written

    # Used as proposed, the job stops at the open question with the command line's line.
    stopped = CliRunner().invoke(cli, ["score", KADER.name, "--map", "peta.yaml"])
    assert stopped.exit_code != 0
    (line,) = stopped.stderr.splitlines()
    page.click("#pakai-peta")
    assert KADER.name in page.inner_text("#peta-disimpan")
    use_again = page.url
    process(page, {})
    assert page.inner_text("#galat") == line

    # The kept file with the answered mapping uploaded: phbs score --map's numbers.
    out = tmp_path / "cli.json"
    scored = CliRunner().invoke(cli, ["score", KADER.name, "--map", str(ANSWERED), "-o", str(out)])
    assert scored.exit_code == 0, scored.output
    areas = json.loads(out.read_text(encoding="utf-8"))["wilayah"]
    page.goto(use_again)
    process(page, {"mapping": ANSWERED})
    assert_same_villages(page, areas)
    assert f"Cara baca {KADER.name}: dengan peta {ANSWERED.name}" in page.inner_text("body")


def test_an_unreadable_file_shows_the_command_lines_one_line(
    page: Any, web: WebServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    broken = tmp_path / "rusak.xlsx"
    broken.write_bytes(b"not a workbook")
    said = CliRunner().invoke(cli, ["map", broken.name, "-o", "peta.yaml"])
    assert said.exit_code != 0
    (line,) = said.stderr.splitlines()
    assert line.startswith("Galat: rusak.xlsx: ")
    propose_in_page(page, web, broken)
    assert page.inner_text("#galat") == line
    assert page.locator("#pakai-peta, #unduh-peta").count() == 0


def test_cross_origin_proposal_is_refused_and_unknown_ids_are_not_found(web: WebServer) -> None:
    def kept() -> set[Path]:
        return set(web.root.glob("peta/*"))

    before = kept()
    body, kind = multipart({"form": "kemenkes-rt-10"}, {"file": KADER})
    for headers in ({"Origin": "http://evil.example"}, {"Referer": "http://evil.example/"}, {}):
        answer = request(web, "POST", "/maps", body, {"Content-Type": kind, **headers})
        assert answer.status == 403, headers
        assert "Ditolak" in answer.body.decode()
    assert kept() == before  # nothing was saved
    own = request(web, "POST", "/maps", body, {"Content-Type": kind, "Origin": base(web)})
    assert own.status == 303
    assert own.headers["location"].startswith("/maps/")
    assert len(kept() - before) == 1
    for path in ("/maps/unknown", "/maps/unknown/peta.yaml", "/maps/..%2F..%2Fetc/peta.yaml"):
        assert request(web, "GET", path).status == 404, path
    # An unknown id on the start page keeps nothing: the page asks for a survey file again.
    start = request(web, "GET", "/?map=unknown").body.decode()
    assert 'name="map"' not in start
    assert 'id="berkas-survey" multiple required' in start
